"""How well last month's scores foresaw this month's incidents.

The scores as of the day before the month starts (the stored history of that day, else computed
for that day without storing) are compared with the incident reports filed during the month.
A village is "flagged" when rated tinggi or sedang.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.early_warning import index, index_config
from sinergi.early_warning.index_data import end_of_day, inputs_for
from sinergi.early_warning.models import VillageIndexHistory

FLAGGED = ("tinggi", "sedang")


@dataclass(frozen=True, slots=True)
class Backtest:
    month: str
    scored_on: dt.date
    source: str  # "history" or "computed"
    villages: int
    with_incident: int
    flagged: int
    hits: int
    false_alarms: int

    @property
    def misses(self) -> int:
        return self.with_incident - self.hits

    @property
    def hit_rate(self) -> float | None:
        return self.hits / self.with_incident if self.with_incident else None

    @property
    def precision(self) -> float | None:
        return self.hits / self.flagged if self.flagged else None

    @property
    def false_alarm_rate(self) -> float | None:
        return self.false_alarms / self.flagged if self.flagged else None


def backtest(first_day: dt.date, *, under: str | None = None) -> Backtest:
    scored_on = first_day - dt.timedelta(days=1)
    next_month = (first_day + dt.timedelta(days=32)).replace(day=1)
    villages_qs = Area.objects.current().filter(level=Area.Level.VILLAGE)
    if under:
        villages_qs = villages_qs.within(under)
    villages = list(villages_qs.values_list("code", flat=True))
    stored = dict(
        VillageIndexHistory.objects.filter(on=scored_on, area_id__in=villages).values_list(
            "area_id", "level"
        )
    )
    if villages and len(stored) == len(villages):
        levels, source = stored, "history"
    else:
        levels = {
            code: index.score(inputs).level
            for code, inputs in inputs_for(scored_on, villages).items()
        }
        source = "computed"
    incidents = dict(
        Case.objects.filter(
            merged_into__isnull=True,
            category__slug__in=index_config.INCIDENT_CATEGORIES,
            created_at__gte=end_of_day(scored_on),
            created_at__lt=end_of_day(next_month - dt.timedelta(days=1)),
            area_id__in=villages,
        )
        .values("area_id")
        .annotate(n=Count("pk"))
        .values_list("area_id", "n")
    )
    flagged = {code for code, level in levels.items() if level in FLAGGED}
    hit = flagged & set(incidents)
    return Backtest(
        month=first_day.strftime("%Y-%m"),
        scored_on=scored_on,
        source=source,
        villages=len(villages),
        with_incident=len(incidents),
        flagged=len(flagged),
        hits=len(hit),
        false_alarms=len(flagged - set(incidents)),
    )
