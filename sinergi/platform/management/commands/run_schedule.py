import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import InterfaceError, OperationalError, connections

from sinergi.platform.lease import requeue_stale
from sinergi.platform.schedule import entries
from sinergi.platform.shutdown import Shutdown


def lease_check_seconds() -> int:
    """How often dead workers' tasks are looked for: a minute, or a quarter of a short lease."""
    return max(5, min(60, settings.TASK_LEASE_SECONDS // 4))


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
        shutdown = Shutdown()
        due = [time.monotonic()] * len(schedule)
        lease_due = time.monotonic()
        while not shutdown.requested:
            now = time.monotonic()
            try:
                for i, entry in enumerate(schedule):
                    if now >= due[i]:
                        entry.enqueue()
                        due[i] = now + entry.every_seconds
                if now >= lease_due:
                    if requeued := requeue_stale():
                        self.stderr.write(
                            f"{requeued} tasks of a dead worker put back in the queue"
                        )
                    lease_due = now + lease_check_seconds()
            except (OperationalError, InterfaceError) as exc:
                # a database restart: what was due stays due and is enqueued once it is back
                self.stderr.write(f"database lost ({type(exc).__name__}); trying again in 2 s")
                connections.close_all()
                time.sleep(1)
            time.sleep(1)
