"""The doors to hotspots and patrol plans. Scoping comes from accounts.access (one rule).

A hotspot is seen by whoever's areas cover its village. A plan is seen by whoever's areas cover
its district, and by the officers assigned to it (a Bhabinkamtibmas's own scope is one village).
Planning needs a leader in scope; checking in needs an assigned officer or a handler in scope.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from sinergi.accounts import access as account_access
from sinergi.accounts.models import User
from sinergi.cases.access import HANDLER_ROLES, LEADER_ROLES
from sinergi.patrols.models import CheckIn, EventAttachment, EventRequest, Hotspot, PatrolPlan
from sinergi.units.models import Post, Unit


def hotspots_visible_to(user: account_access.AnyUser) -> QuerySet[Hotspot]:
    """The user's hotspots; one merged into another is seen through that one."""
    return Hotspot.objects.filter(account_access.scope_of(user).q("area_id"), merged_into=None)


def plans_visible_to(user: account_access.AnyUser) -> QuerySet[PatrolPlan]:
    scope = account_access.scope_of(user)
    if scope.everything:
        # not `Q() | Q(officers=user)`: an empty Q or'ed with another is just the other one
        return PatrolPlan.objects.all()
    scoped = scope.q("area_id")
    if user.is_authenticated:
        scoped |= Q(officers=user)
    return PatrolPlan.objects.filter(scoped).distinct()


def can_plan(user: account_access.AnyUser, area_code: str) -> bool:
    """Add hotspots, plan patrols: a leader whose areas cover the place."""
    return account_access.scope_of(user).covers(area_code) and bool(
        account_access.roles_of(user) & LEADER_ROLES
    )


def is_assigned(user: account_access.AnyUser, plan: PatrolPlan) -> bool:
    return user.is_authenticated and plan.officers.filter(pk=user.pk).exists()


def can_check_in(user: account_access.AnyUser, plan: PatrolPlan) -> bool:
    if is_assigned(user, plan):
        return True
    return account_access.scope_of(user).covers(plan.area_id) and bool(
        account_access.roles_of(user) & HANDLER_ROLES
    )


def get_hotspot_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Hotspot:
    """A hotspot in the user's areas (write: a leader there); the same 404 otherwise."""
    found = Hotspot.objects.select_related("area").filter(pk=pk).first()
    user = request.user

    def allowed(hotspot: Hotspot) -> bool:
        if write:
            return can_plan(user, hotspot.area_id)
        return account_access.scope_of(user).covers(hotspot.area_id)

    return account_access.door(request, found, allowed)


def get_plan_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> PatrolPlan:
    """A plan of the user's areas or assigned to them (write: may check in); 404 otherwise."""
    found = PatrolPlan.objects.select_related("unit", "area").filter(pk=pk).first()
    user = request.user

    def allowed(plan: PatrolPlan) -> bool:
        if write:
            return can_check_in(user, plan)
        return account_access.scope_of(user).covers(plan.area_id) or is_assigned(user, plan)

    return account_access.door(request, found, allowed)


def can_review(user: account_access.AnyUser, checkin: CheckIn) -> bool:
    """Accept or reject a flagged check-in: a leader whose areas cover the plan's district."""
    return can_plan(user, checkin.plan.area_id)


def checkins_to_review(user: account_access.AnyUser) -> QuerySet[CheckIn]:
    """Flagged check-ins not yet reviewed, in plans a leader of these areas may review."""
    if not account_access.roles_of(user) & LEADER_ROLES:
        return CheckIn.objects.none()
    return (
        CheckIn.objects.filter(flagged=True, review=CheckIn.Review.NONE)
        .filter(account_access.scope_of(user).q("plan__area_id"))
        .select_related("hotspot", "hotspot__area", "officer", "plan")
    )


def get_checkin_for_review(request: HttpRequest, pk: int) -> CheckIn:
    """A check-in the user may review; the same 404 otherwise."""
    found = CheckIn.objects.select_related("plan", "hotspot").filter(pk=pk).first()
    return account_access.door(request, found, lambda c: can_review(request.user, c))


def event_requests_visible_to(user: account_access.AnyUser) -> QuerySet[EventRequest]:
    return EventRequest.objects.filter(account_access.scope_of(user).q("area_id"))


def can_decide(user: account_access.AnyUser, request: EventRequest) -> bool:
    """Review, decide, plan, report: a police leader whose areas cover the tier that owns the
    case (the Kapolres for a regency-scale event; the Kapolsek below does not; a Camat, whose
    forum it may sit in, does not decide a police permit)."""
    return (
        account_access.scope_of(user).covers(request.case.owner_area_id)
        and bool(account_access.roles_of(user) & LEADER_ROLES)
        and account_access.polri_post(user, LEADER_ROLES)
    )


def deciding_tiers(user: account_access.AnyUser) -> set[int]:
    """The tiers whose event requests wait on this user's "Tugas saya": those where they lead a
    Polri unit (the Kapolsek a district-scale event's). A leader above may decide one too, from
    its page (`can_decide`), but it is not his to wait on."""
    if not isinstance(user, User):
        return set()
    return set(
        Post.objects.active()
        .filter(user=user, role__in=LEADER_ROLES, unit__institution=Unit.Institution.POLRI)
        .values_list("unit__tier", flat=True)
    )


def can_edit_details(user: account_access.AnyUser, request: EventRequest) -> bool:
    """Fill in the event's size, date, venue and organiser until it is decided: a handler of its
    area (the officer who heard it) or its deciding leader."""
    if request.status != EventRequest.Status.REVIEW:
        return False
    return can_decide(user, request) or (
        account_access.scope_of(user).covers(request.area_id)
        and bool(account_access.roles_of(user) & HANDLER_ROLES)
    )


def get_event_request_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> EventRequest:
    """An event request of the user's areas (write: its deciding leader); the same 404 otherwise."""
    found = (
        EventRequest.objects.select_related("case", "case__owner_area", "area")
        .filter(pk=pk)
        .first()
    )
    user = request.user

    def allowed(event: EventRequest) -> bool:
        if write:
            return can_decide(user, event)
        return account_access.scope_of(user).covers(event.area_id)

    return account_access.door(request, found, allowed)


def checkin_photo_door(request: HttpRequest, name: str) -> bool:
    """A check-in's photo (/media/patrols/…) for whoever may open its patrol plan."""
    checkin = CheckIn.objects.filter(photo=name).only("plan_id").first()
    return checkin is not None and get_plan_for_user(request, checkin.plan_id) is not None


def event_file_door(request: HttpRequest, name: str) -> bool:
    """An event request's attachment (/media/events/…) for whoever may open the request."""
    attachment = EventAttachment.objects.filter(file=name).only("request_id").first()
    return attachment is not None and (
        get_event_request_for_user(request, attachment.request_id) is not None
    )
