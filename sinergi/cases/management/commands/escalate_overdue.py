from typing import Any

from django.core.management.base import BaseCommand

from sinergi.cases.services import escalate_overdue


class Command(BaseCommand):
    help = "Moves every open case whose SLA ran out one tier up (run on a schedule)."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = escalate_overdue()
        self.stdout.write(f"Escalated {moved} overdue cases.")
