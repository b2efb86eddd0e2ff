"""The index for every village at once: a handful of grouped queries, pure scoring, bulk upserts.

Nothing here loops queries over villages. Issues and election stages are few; they are summed
per area code, and each village adds up the codes of itself and its parents (4 lookups).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category
from sinergi.early_warning import index, index_config
from sinergi.early_warning.catalogue import SOCIAL_CATEGORIES, IssueCategory, IssueStatus
from sinergi.early_warning.models import ElectionStage, Issue, VillageIndex, VillageIndexHistory
from sinergi.engagement.models import Activity

BATCH = 5000


@dataclass(frozen=True, slots=True)
class Summary:
    villages: int
    as_of: dt.date
    levels: dict[str, int]
    seconds: float


def end_of_day(day: dt.date) -> dt.datetime:
    """Scores of a day look at everything up to that day's end (the server's time zone)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


def _stepped_counts(cases: QuerySet[Case], until: dt.datetime, steps: int) -> dict[str, list[int]]:
    """Reports per village in 30-day steps back from `until`, newest first (one grouped query)."""
    step = dt.timedelta(days=index_config.STEP_DAYS)
    aggregates = {
        f"s{i}": Count(
            "pk", filter=Q(created_at__gt=until - step * (i + 1), created_at__lte=until - step * i)
        )
        for i in range(steps)
    }
    rows = cast(
        Iterable[dict[str, Any]],
        cases.filter(created_at__gt=until - step * steps, created_at__lte=until)
        .values("area_id")
        .annotate(**aggregates),
    )
    return {row["area_id"]: [row[f"s{i}"] for i in range(steps)] for row in rows}


def _issue_weight(issue: Issue) -> float:
    return (
        issue.severity
        / 5
        * index_config.CREDIBILITY_WEIGHT[issue.credibility]
        * index_config.RELIABILITY_WEIGHT[issue.source_reliability]
    )


@dataclass(frozen=True, slots=True)
class _Open:
    """One open issue as the index reads it."""

    pk: int
    weight: float
    social: bool
    political: bool
    hoax: bool


def _issues_by_code(as_of_end: dt.datetime) -> dict[str, list[tuple[_Open, float]]]:
    """Open issues on the day, per affected area code, each with its share there: an issue
    recorded for the village itself counts whole, one for its district, regency or province
    counts AREA_SHARE of it (it says less about any one village of that area)."""
    by_code: dict[str, list[tuple[_Open, float]]] = defaultdict(list)
    issues = (
        Issue.objects.filter(created_at__lt=as_of_end)
        .exclude(Q(status=IssueStatus.SELESAI) & Q(closed_at__lt=as_of_end))
        .prefetch_related("areas")
    )
    for issue in issues:
        codes = {a.code for a in issue.areas.all()} or {issue.area_id}
        found = _Open(
            pk=issue.pk,
            weight=_issue_weight(issue),
            social=issue.category in SOCIAL_CATEGORIES,
            political=issue.category == IssueCategory.POLITIK
            or any(tag in index_config.POLITICAL_TAGS for tag in issue.tags),
            hoax=issue.category == IssueCategory.HOAKS,
        )
        for code in codes:
            by_code[code].append((found, index_config.AREA_SHARE[code.count(".") + 1]))
    return by_code


def _issues_of(
    codes: list[str], by_code: dict[str, list[tuple[_Open, float]]]
) -> list[tuple[_Open, float]]:
    """The open issues over a village (its own code and its parents'), each once at its
    largest share."""
    best: dict[int, tuple[_Open, float]] = {}
    for code in codes:
        for found, share in by_code.get(code, ()):
            if found.pk not in best or share > best[found.pk][1]:
                best[found.pk] = (found, share)
    return list(best.values())


def _stages_by_code(day: dt.date) -> dict[str | None, tuple[float, str]]:
    """The most intense stage running on `day` per election area code (None: nationwide)."""
    best: dict[str | None, tuple[float, str]] = {}
    for stage in ElectionStage.objects.select_related("election").filter(
        starts_on__lte=day, ends_on__gte=day
    ):
        code = stage.election.area_id
        name = f"{stage.election.name}: {stage.name}"
        if code not in best or (stage.intensity, name) > best[code]:
            best[code] = (stage.intensity, name)
    return best


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _place_q(under: str | None) -> Q:
    """The rows an area's villages are scored from: inside the area, or at one of its parents
    (a district's own activities count for its villages)."""
    if not under:
        return Q()
    return within_q("area_id", under) | Q(area_id__in=_ancestors(under)[:-1])


def inputs_for(
    as_of: dt.date, villages: list[str], *, under: str | None = None
) -> dict[str, index.Inputs]:
    """Every village's inputs on `as_of` (counted up to that day's end); ``under`` narrows the
    reads to one area's villages (a recompute after an issue there)."""
    until = end_of_day(as_of)
    place = _place_q(under)
    live = Case.objects.filter(place, merged_into__isnull=True)
    incidents = _stepped_counts(
        live.filter(category__slug__in=index_config.INCIDENT_CATEGORIES),
        until,
        index_config.INCIDENT_STEPS,
    )
    hoaxes = _stepped_counts(live.filter(kind=Category.Kind.HOAKS), until, index_config.HOAX_STEPS)
    by_code = _issues_by_code(until)
    stages = _stages_by_code(as_of)
    since = until - dt.timedelta(days=index_config.ENGAGEMENT_DAYS)
    activities = dict(
        Activity.objects.filter(
            place,
            status__in=[Activity.Status.REPORTED, Activity.Status.VERIFIED],
            held_at__gt=since,
            held_at__lte=until,
        )
        .values("area_id")
        .annotate(n=Count("pk"))
        .values_list("area_id", "n")
    )
    closed_since = until - dt.timedelta(days=index_config.VILLAGE_TIER_DAYS)
    closed = {
        row["area_id"]: (row["n"], row["at_village"])
        for row in live.filter(
            status=Case.Status.SELESAI, closed_at__gt=closed_since, closed_at__lte=until
        )
        .values("area_id")
        .annotate(n=Count("pk"), at_village=Count("pk", filter=Q(owner_area_id=F("area_id"))))
    }
    national = stages.get(None, (0.0, ""))
    result: dict[str, index.Inputs] = {}
    for code in villages:
        codes = _ancestors(code)
        stage = max([national, *(stages[c] for c in codes if c in stages)])
        n_closed, at_village = closed.get(code, (0, 0))
        over = _issues_of(codes, by_code)
        result[code] = index.Inputs(
            incidents=incidents.get(code, []),
            social=sum(i.weight * share for i, share in over if i.social),
            social_issues=sum(1 for i, _share in over if i.social),
            stage_intensity=stage[0],
            stage_name=stage[1],
            political=sum(i.weight * share for i, share in over if i.political),
            political_issues=sum(1 for i, _share in over if i.political),
            hoaxes=hoaxes.get(code, []),
            hoax_issues=sum(share for i, share in over if i.hoax),
            hoax_issue_count=sum(1 for i, _share in over if i.hoax),
            activities=activities.get(code, 0)
            + index_config.DISTRICT_ACTIVITY_SHARE * activities.get(codes[2], 0),
            closed=n_closed,
            closed_at_village=at_village,
        )
    return result


def index_recompute(as_of: dt.date | None = None, *, under: str | None = None) -> Summary:
    """Scores every village (or those under one area code) as of a day, replaces the current
    scores and that day's history rows. Same inputs and day → the same scores."""
    started = timezone.now()
    day = as_of or timezone.localdate()
    villages_qs = Area.objects.current().filter(level=Area.Level.VILLAGE)
    if under:
        villages_qs = villages_qs.within(under)
    villages = list(villages_qs.order_by("code").values_list("code", flat=True))
    scores = {
        code: index.score(inp) for code, inp in inputs_for(day, villages, under=under).items()
    }
    computed_at = timezone.now()
    levels: dict[str, int] = defaultdict(int)
    current, history = [], []
    for code, result in scores.items():
        levels[result.level] += 1
        current.append(
            VillageIndex(
                area_id=code,
                score=result.score,
                level=result.level,
                parts=result.parts,
                version=index_config.VERSION,
                computed_at=computed_at,
            )
        )
        history.append(
            VillageIndexHistory(
                area_id=code,
                on=day,
                score=result.score,
                level=result.level,
                version=index_config.VERSION,
            )
        )
    with transaction.atomic():
        for start in range(0, len(current), BATCH):
            VillageIndex.objects.bulk_create(
                current[start : start + BATCH],
                update_conflicts=True,
                unique_fields=["area"],
                update_fields=["score", "level", "parts", "version", "computed_at"],
            )
            VillageIndexHistory.objects.bulk_create(
                history[start : start + BATCH],
                update_conflicts=True,
                unique_fields=["area", "on"],
                update_fields=["score", "level", "version"],
            )
    seconds = (timezone.now() - started).total_seconds()
    return Summary(villages=len(villages), as_of=day, levels=dict(levels), seconds=seconds)
