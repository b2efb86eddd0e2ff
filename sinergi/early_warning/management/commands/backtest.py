"""manage.py backtest [--month YYYY-MM] [--area CODE]: last month's scores against its incidents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sinergi.early_warning.backtest import backtest


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


class Command(BaseCommand):
    help = "How well the index on the eve of a month foresaw that month's incident reports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM (default: the last full month)")
        parser.add_argument("--area", help="only villages under this area code")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["month"]:
            try:
                first = dt.datetime.strptime(options["month"], "%Y-%m").date()
            except ValueError as exc:
                raise CommandError("--month must look like 2026-10") from exc
        else:
            first = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        r = backtest(first, under=options["area"])
        rows = [
            ("month", r.month),
            ("scores as of", f"{r.scored_on} ({r.source})"),
            ("villages", str(r.villages)),
            ("villages with an incident", str(r.with_incident)),
            ("flagged (tinggi/sedang)", str(r.flagged)),
            ("hits (flagged, incident)", str(r.hits)),
            ("misses (not flagged, incident)", str(r.misses)),
            ("false alarms (flagged, none)", str(r.false_alarms)),
            ("hit rate", _pct(r.hit_rate)),
            ("precision", _pct(r.precision)),
            ("false alarm rate", _pct(r.false_alarm_rate)),
        ]
        width = max(len(k) for k, _ in rows)
        for key, value in rows:
            self.stdout.write(f"{key:<{width}}  {value}")
