from typing import Any

from django.core.management.base import BaseCommand

from sinergi.home.demo import DEMO_PASSWORD, demo_load, open311_demo_key_loaded


class Command(BaseCommand):
    help = "Loads the demo people and posts (needs the territory and units first)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo_load()
        self.stdout.write(
            f"Demo: {created} posts created. Password for every demo login: {DEMO_PASSWORD}"
        )
        key = open311_demo_key_loaded()
        self.stdout.write(
            f"Open311 demo API key: {key}"
            if key
            else "Open311 demo API key: none (made only with SINERGI_DEMO=true and the demo admin)"
        )
