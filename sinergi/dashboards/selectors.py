"""What a leader's dashboard shows for one unit's areas: a fixed number of grouped queries,
whatever the size of the area."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, Max, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from config.dbrouter import reading_from_replica
from sinergi.areas.codes import within_q
from sinergi.cases.models import Case, Category
from sinergi.early_warning.catalogue import IssueStatus
from sinergi.early_warning.models import Issue, VillageIndex
from sinergi.engagement.catalogue import ActivityType
from sinergi.engagement.models import Activity, Commitment
from sinergi.engagement.selectors import DONE

WEEKS = 12


@dataclass(frozen=True, slots=True)
class Dashboard:
    codes: tuple[str, ...]
    today: dt.date
    commitments: dict[str, int]
    open_issues: int | None
    levels: dict[str, int]
    weeks: list[str] = field(default_factory=list)
    cases_by_kind: dict[str, list[int]] = field(default_factory=dict)
    activities_by_type: dict[str, list[int]] = field(default_factory=dict)


def area_q(codes: Iterable[str], column: str = "area_id") -> Q:
    condition = Q(pk__in=[])
    for code in codes:
        condition |= within_q(column, code)
    return condition


# how far back "days since the last engagement" looks; older is "none"
ENGAGEMENT_DAYS = 180


def last_engaged(where: Q, today: dt.date) -> dict[str, dt.date]:
    """Each village's last done activity (its day) in the last ``ENGAGEMENT_DAYS``, among the
    activities ``where`` selects."""
    since = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=ENGAGEMENT_DAYS), dt.time())
    )
    return dict(
        Activity.objects.filter(where, status__in=DONE, held_at__gte=since)
        .values("area_id")
        .annotate(last=Max(TruncDate("held_at")))
        .values_list("area_id", "last")
    )


def _weekly(rows: Iterable[dict[str, Any]], key: str) -> dict[str, list[int]]:
    return {str(row[key]): [row[f"w{i}"] for i in range(WEEKS)] for row in rows}


@dataclass(frozen=True, slots=True)
class Summary:
    commitments: dict[str, int]
    open_issues: int | None
    levels: dict[str, int]


@dataclass(frozen=True, slots=True)
class Weekly:
    weeks: list[str]
    cases_by_kind: dict[str, list[int]]
    activities_by_type: dict[str, list[int]]


@reading_from_replica()
def dashboard(codes: list[str], *, issues: bool, today: dt.date | None = None) -> Dashboard:
    """Everything at once (the API and the tests read it so); the page takes its parts."""
    today = today or timezone.localdate()
    parts, series = summary(codes, issues=issues, today=today), weekly(codes, today=today)
    return Dashboard(
        codes=tuple(codes),
        today=today,
        commitments=parts.commitments,
        open_issues=parts.open_issues,
        levels=parts.levels,
        weeks=series.weeks,
        cases_by_kind=series.cases_by_kind,
        activities_by_type=series.activities_by_type,
    )


@reading_from_replica()
def summary(codes: list[str], *, issues: bool = True, today: dt.date | None = None) -> Summary:
    """Commitments kept / running / overdue, open issues, villages per index level."""
    today = today or timezone.localdate()
    where = area_q(codes)
    commitments = Commitment.objects.filter(where).aggregate(
        kept=Count("pk", filter=Q(status=Commitment.Status.DONE)),
        open=Count("pk", filter=Q(status=Commitment.Status.OPEN, due_on__gte=today)),
        overdue=Count("pk", filter=Q(status=Commitment.Status.OPEN, due_on__lt=today)),
    )
    levels = VillageIndex.objects.filter(where).aggregate(
        tinggi=Count("pk", filter=Q(level="tinggi")),
        sedang=Count("pk", filter=Q(level="sedang")),
        rendah=Count("pk", filter=Q(level="rendah")),
    )
    open_issues = (
        Issue.objects.filter(where).exclude(status=IssueStatus.SELESAI).count() if issues else None
    )
    return Summary(commitments=commitments, open_issues=open_issues, levels=levels)


@reading_from_replica()
def weekly(codes: list[str], *, today: dt.date | None = None) -> Weekly:
    """Cases by kind and activities by type, per week over the last WEEKS weeks."""
    today = today or timezone.localdate()
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    where = area_q(codes)
    cases = Case.objects.filter(where).exclude(status=Case.Status.DIGABUNG)
    starts = [end - dt.timedelta(days=7 * (WEEKS - i)) for i in range(WEEKS)]

    def counts(column: str) -> dict[str, Any]:
        return {
            f"w{i}": Count(
                "pk",
                filter=Q(**{f"{column}__gte": s, f"{column}__lt": s + dt.timedelta(days=7)}),
            )
            for i, s in enumerate(starts)
        }

    cases_by_kind = _weekly(
        cast(
            Iterable[dict[str, Any]],
            cases.filter(created_at__gte=starts[0]).values("kind").annotate(**counts("created_at")),
        ),
        "kind",
    )
    activities = Activity.objects.filter(where, status__in=DONE)
    activities_by_type = _weekly(
        cast(
            Iterable[dict[str, Any]],
            activities.filter(held_at__gte=starts[0]).values("kind").annotate(**counts("held_at")),
        ),
        "kind",
    )
    kind_names = dict(Category.Kind.choices)
    type_names = dict(ActivityType.choices)
    return Weekly(
        weeks=[f"{s:%d/%m}" for s in starts],
        cases_by_kind={str(kind_names.get(k, k)): v for k, v in cases_by_kind.items()},
        activities_by_type={str(type_names.get(k, k)): v for k, v in activities_by_type.items()},
    )
