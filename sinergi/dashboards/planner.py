"""The coverage planner: where a unit should hold its next cooling-system activity.

priority = vulnerability score × days since the village's last engagement (reported or verified
activity), days capped at CAP_DAYS and a village never engaged counted as CAP_DAYS. A village
with a score of 0 has priority 0 whatever its days; among equal priorities the longer-unvisited
comes first. After an activity, the planner compares the village's score on the day before it
(from the daily history) with its score now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q
from django.utils import timezone

from config.dbrouter import reading_from_replica
from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.early_warning.models import VillageIndex, VillageIndexHistory
from sinergi.engagement.models import Activity
from sinergi.engagement.selectors import DONE

CAP_DAYS = 180
MOVED_DAYS = 90


@dataclass(frozen=True, slots=True)
class Row:
    code: str
    name: str
    score: float
    level: str
    days: int  # since the last engagement, capped
    last: dt.date | None

    @property
    def priority(self) -> float:
        return round(self.score * self.days, 1)


@dataclass(frozen=True, slots=True)
class Moved:
    code: str
    name: str
    held_on: dt.date
    kind: str
    before: float | None
    now: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.now is None:
            return None
        return round(self.now - self.before, 2)


@reading_from_replica()
def ranking(codes: list[str], today: dt.date | None = None) -> list[Row]:
    """Every village under the areas, highest priority first."""
    today = today or timezone.localdate()
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=CAP_DAYS), dt.time()))
    area_q, code_q = Q(pk__in=[]), Q(pk__in=[])
    for code in codes:
        area_q |= within_q("area_id", code)
        code_q |= within_q("code", code)
    last = dict(
        Activity.objects.filter(area_q, status__in=DONE, held_at__gte=since)
        .values("area_id")
        .annotate(last=Max("held_at"))
        .values_list("area_id", "last")
    )
    scores = {
        code: (score, level)
        for code, score, level in VillageIndex.objects.filter(area_q).values_list(
            "area_id", "score", "level"
        )
    }
    rows = []
    for code, name in (
        Area.objects.current().filter(code_q, level=Area.Level.VILLAGE).values_list("code", "name")
    ):
        score, level = scores.get(code, (0.0, "rendah"))
        held = timezone.localtime(last[code]).date() if code in last else None
        days = min(CAP_DAYS, (today - held).days) if held else CAP_DAYS
        rows.append(Row(code, name, score, level, days, held))
    rows.sort(key=lambda r: (-r.priority, -r.days, -r.score, r.name))
    return rows


def _after(score: tuple[float, dt.datetime] | None, held_at: dt.datetime | None) -> float | None:
    """The village's score if computed after the activity was held, else None (not yet)."""
    if score is None or held_at is None or score[1] <= held_at:
        return None
    return score[0]


@reading_from_replica()
def moved(codes: list[str], today: dt.date | None = None, limit: int = 20) -> list[Moved]:
    """The latest engagement of each recently engaged village: its score before, and now."""
    today = today or timezone.localdate()
    since = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=MOVED_DAYS), dt.time())
    )
    area_q = Q(pk__in=[])
    for code in codes:
        area_q |= within_q("area_id", code)
    latest: dict[str, Activity] = {}
    for activity in (
        Activity.objects.filter(area_q, status__in=DONE, held_at__gte=since, area__level=4)
        .select_related("area")
        .order_by("-held_at")[: limit * 5]
    ):
        latest.setdefault(activity.area_id, activity)
    chosen = list(latest.values())[:limit]
    codes = [a.area_id for a in chosen]
    # a score computed before the activity says nothing of it: "now" only once recomputed
    now = {
        code: (score, computed_at)
        for code, score, computed_at in VillageIndex.objects.filter(area_id__in=codes).values_list(
            "area_id", "score", "computed_at"
        )
    }
    history: dict[str, list[tuple[dt.date, float]]] = {}
    for code, on, score in (
        VillageIndexHistory.objects.filter(
            area_id__in=codes, on__gte=today - dt.timedelta(days=MOVED_DAYS + 30)
        )
        .order_by("area_id", "on")
        .values_list("area_id", "on", "score")
    ):
        history.setdefault(code, []).append((on, score))
    result = []
    for activity in chosen:
        held = timezone.localtime(activity.held_at).date() if activity.held_at else today
        before = [s for on, s in history.get(activity.area_id, []) if on < held]
        result.append(
            Moved(
                code=activity.area_id,
                name=activity.area.name,
                held_on=held,
                kind=activity.get_kind_display(),
                before=before[-1] if before else None,
                now=_after(now.get(activity.area_id), activity.held_at),
            )
        )
    return result
