"""The public accountability board of an area: aggregates only, nothing that points to a person.

Only categories whose privacy is public are counted at all (so no total minus its parts reveals a
confidential or withheld category), and every count of citizens' reports from 1 to MIN_SHOWN - 1
is shown as "< 5" (none is "0": it points to no one), shares only when neither of their two sides
is such a count. The officials' own work, activities and promises, is counted exactly: each
verified promise is listed by name on the public list of promises anyway. The numbers leave this
module as text, already suppressed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from config.dbrouter import reading_from_replica
from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.cases import catalogue
from sinergi.cases.models import Case, CaseEvent, Category
from sinergi.engagement.catalogue import ActivityType
from sinergi.engagement.models import Activity, Commitment
from sinergi.engagement.selectors import DONE, commitment_board

MIN_SHOWN = 5


def shown(count: int) -> str:
    return f"< {MIN_SHOWN}" if 0 < count < MIN_SHOWN else exact(count)


def exact(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def share(part: int, base: int) -> str:
    """A share only when neither side of it is a count of 1 to 4: "80%" of 5 would say 4, as
    "9%" of 11 would say 1 (a walk found both); 0% and 100% say no one."""
    if base < MIN_SHOWN or 0 < part < MIN_SHOWN or 0 < base - part < MIN_SHOWN:
        return "–"
    return f"{round(100 * part / base)}%"


@dataclass(frozen=True, slots=True)
class Period:
    month: dt.date
    received: str
    resolved: str
    resolved_at_village: str
    taken_within_sla: str


@dataclass(frozen=True, slots=True)
class Board:
    area: Area
    periods: list[Period]
    categories: list[tuple[str, str]]
    activities: list[tuple[str, str]]
    commitments_kept: str
    commitments_open: str


def _month_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day.replace(day=1), dt.time()))


@reading_from_replica()
def board(area: Area, today: dt.date | None = None) -> Board:
    today = today or timezone.localdate()
    this_month = _month_start(today)
    last_month = _month_start(this_month.date() - dt.timedelta(days=1))
    public = Case.objects.filter(
        within_q("area_id", area.code), category__privacy=Category.Privacy.PUBLIC
    ).exclude(status=Case.Status.DIGABUNG)
    periods = []
    for start, end in (
        (this_month, _month_start(this_month.date() + dt.timedelta(days=32))),
        (last_month, this_month),
    ):
        rows = list(
            public.filter(created_at__gte=start, created_at__lt=end)
            .annotate(taken=Min("events__at", filter=Q(events__kind=CaseEvent.Kind.TAKEN)))
            .values_list(
                "created_at", "taken", "status", "owner_area__level", "category__sla_hours"
            )
        )
        received = len(rows)
        resolved = [r for r in rows if r[2] == Case.Status.SELESAI]
        at_village = sum(1 for r in resolved if r[3] == Area.Level.VILLAGE)
        within = sum(
            1
            for created, taken, _s, _l, sla in rows
            if taken is not None and taken - created <= dt.timedelta(hours=(list(sla) or [72])[0])
        )
        periods.append(
            Period(
                start.date(),
                shown(received),
                shown(len(resolved)),
                share(at_village, len(resolved)),
                share(within, received),
            )
        )
    since = today - dt.timedelta(days=90)
    categories = [
        (catalogue.label(name), shown(n))
        for name, n in public.filter(created_at__date__gte=since)
        .values("category__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__name")
        .values_list("category__name", "n")
    ]
    type_names = dict(ActivityType.choices)
    activities = [
        (str(type_names.get(kind, kind)), exact(n))
        for kind, n in Activity.objects.filter(
            within_q("area_id", area.code), status__in=DONE, held_at__date__gte=since
        )
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "kind")
        .values_list("kind", "n")
    ]
    # the promises the public list shows (made at verified activities), counted alike
    promises = commitment_board(area_code=area.code).aggregate(
        kept=Count("pk", filter=Q(status=Commitment.Status.DONE)),
        open=Count("pk", filter=Q(status=Commitment.Status.OPEN)),
    )
    return Board(
        area=area,
        periods=periods,
        categories=categories,
        activities=activities,
        commitments_kept=exact(promises["kept"]),
        commitments_open=exact(promises["open"]),
    )
