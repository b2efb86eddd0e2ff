"""The door to a case, and to its reporter. Scoping comes from accounts.access (one rule)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from sinergi.accounts import access as account_access
from sinergi.accounts.models import User
from sinergi.cases import tracking
from sinergi.cases.models import Case, CaseEvent, Category, Reporter
from sinergi.units.forums import forum_members, seats_of
from sinergi.units.models import Post

# Roles that handle cases; analysts and Humas see the case, never the reporter.
HANDLER_ROLES = {Post.Role.FIELD_OFFICER, Post.Role.UNIT_LEADER, Post.Role.ADMIN}
LEADER_ROLES = {Post.Role.UNIT_LEADER, Post.Role.ADMIN}


def cases_visible_to(user: account_access.AnyUser) -> QuerySet[Case]:
    """Cases whose village lies inside the user's areas (leaders above see everything below)."""
    return Case.objects.filter(account_access.scope_of(user).q("area_id"))


def get_case_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Case:
    """The case, or the same 404 for "not yours" and "missing" (the denial is recorded)."""
    user = request.user
    found = (
        Case.objects.select_related("category", "area", "owner_area", "taken_by")
        .filter(pk=pk)
        .first()
    )
    return account_access.door(
        request,
        found,
        lambda c: (
            account_access.scope_of(user).covers(c.area_id) and (not write or can_handle(user))
        ),
    )


def leads(user: account_access.AnyUser) -> bool:
    """A leader's post (a Kapolsek, a Kapolres, an admin): may act on a case another holds."""
    return user.is_superuser or bool(account_access.roles_of(user) & LEADER_ROLES)


def may_step(user: account_access.AnyUser, case: Case) -> bool:
    """A case's public steps (reply, resolve, refer, refuse, escalate, hand over) are for whoever
    holds it, or anyone of its forum while no one does, or a leader (services._require_holder)."""
    return case.taken_by_id is None or case.taken_by_id == user.pk or leads(user)


def can_handle(user: account_access.AnyUser) -> bool:
    return bool(account_access.roles_of(user) & HANDLER_ROLES)


def can_act_on(user: account_access.AnyUser, case: Case) -> bool:
    return account_access.scope_of(user).covers(case.area_id) and can_handle(user)


def colleagues(user: account_access.AnyUser, *, seated: set[str] | None = None) -> list[User]:
    """Whom a case may be handed to from the inbox: handlers in the user's own units, and the
    Tiga Pilar partners seated in the same forums (a Bhabinkamtibmas hands a case to the
    village's Babinsa or Kepala Desa). Each hand-over still checks the case (`can_act_on`)."""
    if not user.is_authenticated:
        return []
    units = Post.objects.active().filter(user=user).values("unit_id")
    seated = seats_of(user.pk) if seated is None else seated
    partners = {m.user_id for ms in forum_members(seated).values() for m in ms}
    return list(
        User.objects.filter(
            Q(posts__unit_id__in=units) | Q(pk__in=partners),
            posts__role__in=HANDLER_ROLES,
            posts__ended_at__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("name", "username")
    )


def handover_candidates(user: account_access.AnyUser, case: Case) -> list[User]:
    """Whom this case may be handed to from its page: the user's colleagues and partners, and
    everyone seated in the forum that owns it now, across agencies; only those who may act on
    the case, never its current holder."""
    seated = {m.user_id for m in forum_members([case.owner_area_id]).get(case.owner_area_id, [])}
    people = {u.pk: u for u in colleagues(user)}
    people |= {u.pk: u for u in User.objects.filter(pk__in=seated - people.keys(), is_active=True)}
    return [
        u
        for u in sorted(people.values(), key=lambda u: (u.name, u.username))
        if u.pk != case.taken_by_id and can_act_on(u, case)
    ]


def identity_released(case: Case) -> bool:
    return case.events.filter(kind=CaseEvent.Kind.IDENTITY_RELEASED).exists()


def can_see_reporter(user: account_access.AnyUser, case: Case) -> bool:
    """Handlers of the case (and leaders above it). A withheld identity (an informant on drugs,
    radicalism, an officer's conduct) needs a police leader's release, and is then for the
    police who handle the case and for whoever holds it, not for every partner of the forum."""
    if not account_access.scope_of(user).covers(case.area_id):
        return False
    roles = account_access.roles_of(user)
    if not roles & HANDLER_ROLES:
        return False
    if case.category.privacy == Category.Privacy.WITHHELD:
        return identity_released(case) and (
            case.taken_by_id == user.pk or account_access.polri_post(user, HANDLER_ROLES)
        )
    return True


def can_release_identity(user: account_access.AnyUser, case: Case) -> bool:
    """A police leader of the area (Kapolsek and above): not a partner's leader (a Lurah, a
    Camat, a Danramil), for whom the informant's safety is not theirs to weigh."""
    return (
        case.category.privacy == Category.Privacy.WITHHELD
        and account_access.scope_of(user).covers(case.area_id)
        and bool(account_access.roles_of(user) & LEADER_ROLES)
        and account_access.polri_post(user, LEADER_ROLES)
        and not identity_released(case)
    )


def reporter_holding(
    case: Case, *, key: str = "", user: account_access.AnyUser | None = None
) -> Reporter | None:
    """The reporter of the case who holds this key (from the success page, the link in their
    acknowledgement, or typed), or who is this signed-in citizen. Only they answer the feedback
    question, reopen, contest a decline or add information from the web; the tracking code
    alone shows the public timeline."""
    signed_in = user.pk if user is not None and user.is_authenticated else None
    if not key and signed_in is None:
        return None
    for reporter in case.reporters.all():
        if signed_in is not None and reporter.user_id == signed_in:
            return reporter
        if key and tracking.key_matches(reporter.pk, key):
            return reporter
    return None


def photo_door(request: HttpRequest, name: str) -> bool:
    """A case's photo (/media/cases/…) for whoever may open the case."""
    case = Case.objects.filter(photo=name).only("pk").first()
    return case is not None and get_case_for_user(request, case.pk) is not None
