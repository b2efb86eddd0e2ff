"""Reads of hotspots and plans, already scoped through patrols.access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

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
    stops: list[Stop]


def plan_stops(plan: PatrolPlan, *, day: date | None = None) -> list[Stop]:
    """The route in order, each stop with its check-ins (of ``day`` when given)."""
    checkins = CheckIn.objects.filter(plan=plan).select_related("officer").order_by("at")
    if day is not None:
        checkins = checkins.filter(at__date=day)
    by_hotspot: dict[int, list[CheckIn]] = {}
    for checkin in checkins:
        by_hotspot.setdefault(checkin.hotspot_id, []).append(checkin)
    stops = plan.stops.select_related("hotspot", "hotspot__area").order_by("order")
    return [Stop(stop=s, checkins=by_hotspot.get(s.hotspot_id, [])) for s in stops]


def plans_today(*, user: AnyUser, today: date) -> list[TodayPlan]:
    """The plans the user is assigned to that run today, with their routes."""
    if not user.is_authenticated:
        return []
    plans = (
        PatrolPlan.objects.filter(officers=user, starts_on__lte=today, ends_on__gte=today)
        .select_related("unit", "area")
        .prefetch_related(Prefetch("stops", queryset=PatrolStop.objects.order_by("order")))
        .order_by("time_start", "pk")
    )
    return [TodayPlan(plan=p, stops=plan_stops(p, day=today)) for p in plans if runs_on(p, today)]
