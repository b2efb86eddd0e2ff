"""Reads of hotspots and plans, already scoped through patrols.access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from sinergi.accounts.access import AnyUser
from sinergi.areas.codes import within_q
from sinergi.engagement.models import Commitment
from sinergi.patrols import access
from sinergi.patrols.models import CheckIn, Hotspot, PatrolPlan, PatrolStop
from sinergi.patrols.services import runs_on
from sinergi.units.models import Post


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


PILLAR_TITLES = (Post.Title.BABINSA, Post.Title.KEPALA_DESA, Post.Title.KASI_TRANTIB)


def pillars_in(area_code: str) -> dict[int, str]:
    """The other pillars who may patrol with the Polsek in a district: Babinsa, Kepala
    Desa/Lurah, Kasi Trantib, by their posts' areas (or their unit's), id → title."""
    posts = (
        Post.objects.active()
        .filter(title__in=PILLAR_TITLES, user__is_active=True)
        .filter(
            within_q("areas__code", area_code)
            | (Q(areas__isnull=True) & within_q("unit__areas__code", area_code))
        )
        .values_list("user_id", "title")
        .distinct()
    )
    return {user_id: str(Post.Title(title).label) for user_id, title in posts}


def commitments_to_patrol(area_code: str) -> list[Commitment]:
    """Open promises in the district a patrol may fulfil ("patroli rutin setiap hari")."""
    return list(
        Commitment.objects.filter(
            within_q("area_id", area_code), status=Commitment.Status.OPEN
        ).order_by("due_on", "pk")[:100]
    )


@dataclass(frozen=True, slots=True)
class Evidence:
    plans: int
    checkins: int
    last: datetime | None


def commitment_evidence(commitment_ids: list[int]) -> dict[int, Evidence]:
    """For each commitment, the patrols planned to keep it and their counted check-ins (flagged
    ones only once a leader accepted them): the evidence that the promise is being kept."""
    plans = dict(
        PatrolPlan.objects.filter(commitment_id__in=commitment_ids)
        .values("commitment_id")
        .annotate(n=Count("pk"))
        .values_list("commitment_id", "n")
    )
    counted = (
        CheckIn.objects.filter(plan__commitment_id__in=commitment_ids)
        .filter(Q(flagged=False) | Q(review=CheckIn.Review.ACCEPTED))
        .values("plan__commitment_id")
        .annotate(n=Count("pk"), last=Max("at"))
    )
    found = {row["plan__commitment_id"]: (row["n"], row["last"]) for row in counted}
    return {
        cid: Evidence(
            plans=n, checkins=found.get(cid, (0, None))[0], last=found.get(cid, (0, None))[1]
        )
        for cid, n in plans.items()
    }
