import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sinergi.home.schedule import entries


class Command(BaseCommand):
    help = "Enqueues the scheduled tasks (the SLA sweep…) when due; the task worker runs them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue every task once and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        schedule = entries()
        if options["once"]:
            for entry in schedule:
                entry.enqueue()
            self.stdout.write(f"Enqueued {len(schedule)} scheduled tasks.")
            return
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        due = [time.monotonic()] * len(schedule)
        while not stopping:
            now = time.monotonic()
            for i, entry in enumerate(schedule):
                if now >= due[i]:
                    entry.enqueue()
                    due[i] = now + entry.every_seconds
            time.sleep(1)
