"""Reads of hotspots and plans, already scoped through patrols.access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from sinergi.accounts.access import AnyUser
from sinergi.areas.codes import within_q
from sinergi.patrols import access
from sinergi.patrols.models import CheckIn, Hotspot, PatrolPlan, PatrolStop
from sinergi.patrols.services import runs_on


def hotspot_list(*, user: AnyUser, area: str = "") -> QuerySet[Hotspot]:
    """The user's hotspots, highest rank first."""
    qs = access.hotspots_visible_to(user).select_related("area")
    if area:
        qs = qs.filter(within_q("area_id", area))
    return qs.order_by("-score", "pk")


def plan_list(*, user: AnyUser) -> QuerySet[PatrolPlan]:
    return (
        access.plans_visible_to(user).select_related("unit", "area").order_by("-starts_on", "-pk")
    )


@dataclass(frozen=True, slots=True)
class Stop:
    stop: PatrolStop
    checkins: list[CheckIn]


@dataclass(frozen=True, slots=True)
class TodayPlan:
    plan: PatrolPlan
    day: date
    stops: list[Stop]


def plan_stops(plan: PatrolPlan, *, since: datetime | None = None) -> list[Stop]:
    """The route in order, each stop with its check-ins (from ``since`` when given)."""
    checkins = CheckIn.objects.filter(plan=plan).select_related("officer").order_by("at")
    if since is not None:
        checkins = checkins.filter(at__gte=since)
    by_hotspot: dict[int, list[CheckIn]] = {}
    for checkin in checkins:
        by_hotspot.setdefault(checkin.hotspot_id, []).append(checkin)
    stops = plan.stops.select_related("hotspot", "hotspot__area").order_by("order")
    return [Stop(stop=s, checkins=by_hotspot.get(s.hotspot_id, [])) for s in stops]


def current_run(plan: PatrolPlan, now: datetime) -> date | None:
    """The day whose patrol of this plan is on now: today's, or last night's while a window
    that crosses midnight (22.00–02.00) is still open."""
    local = timezone.localtime(now)
    today = local.date()
    yesterday = today - timedelta(days=1)
    overnight = plan.time_end <= plan.time_start
    if overnight and local.time() < plan.time_end and runs_on(plan, yesterday):
        return yesterday
    return today if runs_on(plan, today) else None


def plans_today(*, user: AnyUser, now: datetime | None = None) -> list[TodayPlan]:
    """The plans the user is assigned to that are on today (or still on from last night),
    with their routes and the check-ins of that run."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    plans = (
        PatrolPlan.objects.filter(
            officers=user, starts_on__lte=today, ends_on__gte=today - timedelta(days=1)
        )
        .select_related("unit", "area")
        .order_by("time_start", "pk")
    )
    result = []
    zone = timezone.get_current_timezone()
    for plan in plans:
        day = current_run(plan, now)
        if day is not None:
            since = datetime.combine(day, time.min, tzinfo=zone)
            result.append(TodayPlan(plan=plan, day=day, stops=plan_stops(plan, since=since)))
    return result
