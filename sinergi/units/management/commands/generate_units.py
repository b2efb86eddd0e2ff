from typing import Any

from django.core.management.base import BaseCommand

from sinergi.units.services import units_generate_default


class Command(BaseCommand):
    help = (
        "Creates the default Polri/TNI/government units from the territory (skips existing ones)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = units_generate_default()
        self.stdout.write(f"Units: {result.created} created, {result.existing} already there.")
