"""manage.py restore DIR --yes: replaces the database and media with a backup, then verifies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.platform import backup


class Command(BaseCommand):
    help = "Restores DIR (written by `backup`) over this database and media folder, and checks it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--yes", action="store_true", help="the current data is replaced")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("restore replaces every row and media file here; add --yes")
        try:
            differences = backup.restore(options["directory"])
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if differences:
            for difference in differences:
                self.stderr.write(
                    f"{difference.what}: expected {difference.expected}, found {difference.found}"
                )
            raise CommandError(f"restore differs from the backup in {len(differences)} places")
        self.stdout.write("restored; every table and media file matches the backup manifest")
