"""manage.py recompute_index [--as-of YYYY-MM-DD] [--area CODE]: score villages now."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.early_warning.index_data import index_recompute


class Command(BaseCommand):
    help = "Recomputes the village vulnerability index (all villages, or those under --area)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--area", help="only villages under this area code")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        except ValueError as exc:
            raise CommandError("--as-of must look like 2026-11-23") from exc
        s = index_recompute(as_of, under=options["area"])
        self.stdout.write(
            f"{s.villages} villages scored as of {s.as_of} in {s.seconds:.1f} s: "
            + ", ".join(f"{k} {v}" for k, v in sorted(s.levels.items()))
        )
