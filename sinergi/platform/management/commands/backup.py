"""manage.py backup DIR: database dump + media archive + manifest into a new directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.platform import backup


class Command(BaseCommand):
    help = "Backs up the database and the media folder into DIR, with a manifest to verify."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup.backup(options["directory"])
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in result["tables"].values())
        self.stdout.write(
            f"backup written to {options['directory']}: {len(result['tables'])} tables, "
            f"{rows} rows, {len(result['media'])} media files"
        )
