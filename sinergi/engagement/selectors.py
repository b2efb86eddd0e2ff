"""Reads of engagement work: the unit calendar, the public schedule and board, coverage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from sinergi.accounts.access import scope_of
from sinergi.accounts.models import User
from sinergi.areas import timezones
from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.areas.text import fold
from sinergi.cases.models import Case
from sinergi.engagement.catalogue import ActivityType, PartnerKind, Program
from sinergi.engagement.models import Activity, Aspiration, Commitment, Partner
from sinergi.units.models import Unit, UnitArea

if TYPE_CHECKING:
    from sinergi.patrols.models import CheckIn

DONE = [Activity.Status.REPORTED, Activity.Status.VERIFIED]


def calendar(*, visible: QuerySet[Activity], start: date, end: date) -> QuerySet[Activity]:
    """Activities between two dates (planned, held or cancelled), soonest first. ``visible`` is
    what the user may see: a Kapolres's calendar holds the Polsek's sessions too."""
    since = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    until = timezone.make_aware(datetime.combine(end, datetime.min.time()))
    return (
        visible.filter(
            Q(held_at__gte=since, held_at__lt=until)
            | Q(held_at=None, planned_at__gte=since, planned_at__lt=until)
        )
        .select_related("area", "unit")
        .order_by("planned_at", "held_at", "pk")
    )


def upcoming_sessions(*, area_code: str, now: datetime | None = None) -> QuerySet[Activity]:
    """The public schedule: Jumat Curhat sessions planned in an area from now on."""
    now = now or timezone.now()
    return (
        Activity.objects.filter(within_q("area_id", area_code))
        .filter(status=Activity.Status.PLANNED, planned_at__gte=now)
        .filter(kind=ActivityType.JUMAT_CURHAT)
        .select_related("area", "unit")
        .order_by("planned_at", "pk")
    )


def cooling_planned(codes: list[str], *, now: datetime | None = None) -> dict[str, Activity]:
    """For each of these villages, the next cooling-system activity planned from now on: the
    dashboard and the planner show it where they would offer to plan one."""
    now = now or timezone.now()
    found: dict[str, Activity] = {}
    planned = Activity.objects.filter(
        area_id__in=codes, status=Activity.Status.PLANNED, planned_at__gte=now
    ).order_by("planned_at", "pk")
    for activity in planned.only("pk", "area_id", "planned_at", "programs"):
        if Program.COOLING_SYSTEM in (activity.programs or []):
            found.setdefault(activity.area_id, activity)
    return found


def commitment_board(*, area_code: str) -> QuerySet[Commitment]:
    """Every promise made in an area at a verified activity, open first and oldest due first;
    public. A report still waiting for its leader (or returned for correction) shows nothing."""
    return (
        Commitment.objects.filter(within_q("area_id", area_code))
        .filter(activity__status=Activity.Status.VERIFIED)
        .select_related("activity", "area")
        .prefetch_related("evidence_items")
        .order_by("status", "due_on", "pk")
    )


# a release of the same title this close to another is likely the same one (a weekly session
# under the same headline is a week apart)
RECORDED_DAYS = 3
RECORDED_MOST = 3
RECORDED_SCAN = 1000  # the area's newest releases and promises compared; older ones are history


def releases_recorded(
    *,
    visible: QuerySet[Activity],
    area_code: str,
    title: str,
    held_on: date | None,
    promises: list[str],
    promises_anytime: bool = True,
) -> list[Activity]:
    """Activities already read from a release that look like this one, newest first: the same
    title within three days of its date (any date when it has none), or one of the same
    promises in the area (promises_anytime=False: within those days too, for a file saved
    without review, where a weekly promise said again must not be taken for a repeat). The
    reviewer sees them before saving, so a release pasted twice (from another site, with a
    line moved, with a corrected date) does not put its promises on the board twice.
    ``visible`` is what the user may see."""
    recorded = visible.filter(source=Activity.Source.RELEASE, area_id=area_code)
    near = recorded
    if held_on is not None:
        since = held_on - timedelta(days=RECORDED_DAYS)
        until = held_on + timedelta(days=RECORDED_DAYS + 1)
        near = recorded.filter(held_at__date__gte=since, held_at__date__lt=until)
    same_title = Q(pk__in=[])
    folded = fold(title)
    if folded:
        candidates = near.only("pk", "title").order_by("-pk")[:RECORDED_SCAN]
        same_title = Q(pk__in=[a.pk for a in candidates if fold(a.title) == folded])
    wanted = {fold(p) for p in promises} - {""}
    same_promise = Q(pk__in=[])
    if wanted:
        among = recorded if promises_anytime else near
        made = Commitment.objects.filter(activity__in=among).only("activity_id", "text")
        made = made.order_by("-pk")[:RECORDED_SCAN]
        same_promise = Q(pk__in={c.activity_id for c in made if fold(c.text) in wanted})
    found = recorded.filter(same_title | same_promise).order_by("-held_at", "-pk")
    return list(found[:RECORDED_MOST])


@dataclass(frozen=True, slots=True)
class ReleaseRequest:
    """A request a release tells of: its position, words, asker, and its case once filed."""

    index: int
    text: str
    who: str
    case: Case | None


def release_requests(
    activity: Activity, aspirations: Iterable[Aspiration] | None = None
) -> list[ReleaseRequest]:
    """The requests of an activity read from a release, each with the case it was filed as
    (services.release_request_file notes the request's position in the case's details).
    ``aspirations``: the activity's, with their cases, when the caller has read them already."""
    filed: dict[int, Case] = {}
    if aspirations is None:
        aspirations = activity.aspirations.select_related("case")
    for aspiration in aspirations:
        index = aspiration.case.details.get("request")
        if isinstance(index, int):
            filed[index] = aspiration.case
    return [
        ReleaseRequest(i, str(r.get("text") or ""), str(r.get("who") or ""), filed.get(i))
        for i, r in enumerate(activity.release_requests)
    ]


@dataclass(frozen=True, slots=True)
class Candidates:
    """What could show a promise was kept: work in its area since the day it was made."""

    checkins: list[CheckIn]
    activities: list[Activity]
    cases: list[Case]


CANDIDATES = 30


def evidence_candidates(*, commitment: Commitment, user: User) -> Candidates:
    """Check-ins (not flagged) at hotspots, reported activities and cases of the promise's area
    since the day it was made, not linked yet, newest first; only what the user may see."""
    from sinergi.patrols.models import CheckIn  # noqa: PLC0415 -- patrols builds on engagement

    activity = commitment.activity
    made = activity.held_at or activity.planned_at or commitment.created_at
    since = timezone.make_aware(datetime.combine(timezone.localdate(made), datetime.min.time()))
    scope = scope_of(user)
    linked = list(commitment.evidence_items.values_list("checkin_id", "activity_id", "case_id"))
    checkins = list(
        CheckIn.objects.filter(
            within_q("hotspot__area_id", commitment.area_id) | Q(plan__commitment=commitment),
            scope.q("hotspot__area_id"),
            at__gte=since,
        )
        .filter(Q(flagged=False) | Q(review=CheckIn.Review.ACCEPTED))
        .exclude(pk__in=[c for c, _a, _k in linked if c])
        .select_related("hotspot", "officer", "plan")
        .order_by("-at")[:CANDIDATES]
    )
    activities = list(
        Activity.objects.filter(
            within_q("area_id", commitment.area_id),
            scope.q("area_id"),
            status__in=DONE,
            held_at__gte=since,
        )
        .exclude(pk__in=[activity.pk, *(a for _c, a, _k in linked if a)])
        .select_related("area")
        .order_by("-held_at")[:CANDIDATES]
    )
    cases = list(
        Case.objects.filter(
            within_q("area_id", commitment.area_id), scope.q("area_id"), updated_at__gte=since
        )
        .exclude(status=Case.Status.DIGABUNG)
        .exclude(pk__in=[k for _c, _a, k in linked if k])
        .select_related("category")
        .order_by("-updated_at")[:CANDIDATES]
    )
    return Candidates(checkins=checkins, activities=activities, cases=cases)


@dataclass(frozen=True, slots=True)
class Covered:
    code: str
    name: str
    last: date | None
    kind: str = ""  # for places: the partner kind

    def within(self, days: int, today: date) -> bool:
        return self.last is not None and (today - self.last).days <= days


@dataclass(frozen=True, slots=True)
class Coverage:
    unit: Unit
    today: date
    villages: list[Covered]
    places: list[Covered]

    def count(self, rows: list[Covered], days: int) -> int:
        return sum(1 for r in rows if r.within(days, self.today))

    @property
    def villages_30(self) -> int:
        return self.count(self.villages, 30)

    @property
    def villages_90(self) -> int:
        return self.count(self.villages, 90)

    @property
    def places_30(self) -> int:
        return self.count(self.places, 30)

    @property
    def places_90(self) -> int:
        return self.count(self.places, 90)


def unit_codes(unit: Unit) -> list[str]:
    return list(UnitArea.objects.filter(unit=unit).values_list("area_id", flat=True))


def coverage(*, unit: Unit, today: date | None = None, days: int = 90) -> Coverage:
    """For each village a unit serves and each place of worship in them, the last engagement
    within ``days`` (None if none): longest-unvisited first, the order a planner works in."""
    codes = unit_codes(unit)
    today = today or timezones.day_of(timezone.now(), codes[0] if codes else "")
    area_q = Q(pk__in=[])
    for code in codes:
        area_q |= within_q("area_id", code)
    since = timezone.make_aware(datetime.combine(today - timedelta(days=days), datetime.min.time()))
    last_by_village = dict(
        Activity.objects.filter(area_q, status__in=DONE, held_at__gte=since)
        .values("area_id")
        .annotate(last=Max("held_at"))
        .values_list("area_id", "last")
    )
    village_q = Q(pk__in=[])
    for code in codes:
        village_q |= within_q("code", code)
    villages = [
        Covered(code=code, name=name, last=_day(last_by_village.get(code), code))
        for code, name in Area.objects.current()
        .filter(village_q, level=Area.Level.VILLAGE)
        .values_list("code", "name")
    ]
    places = [
        Covered(code=area_id, name=name, last=last, kind=kind)
        for area_id, name, last, kind in Partner.objects.filter(
            area_q, kind=PartnerKind.RUMAH_IBADAH, active=True
        ).values_list("area_id", "name", "last_engaged_on", "kind")
    ]
    cutoff = today - timedelta(days=days)
    places = [
        p if p.last is None or p.last >= cutoff else Covered(p.code, p.name, None, p.kind)
        for p in places
    ]

    def order(row: Covered) -> tuple[int, date, str]:
        return (row.last is not None, row.last or date.min, row.name)

    return Coverage(
        unit=unit,
        today=today,
        villages=sorted(villages, key=order),
        places=sorted(places, key=order),
    )


def _day(moment: datetime | None, code: str) -> date | None:
    return timezones.day_of(moment, code) if moment is not None else None
