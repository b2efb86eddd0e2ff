"""The doors to partners, activities and commitments. Scoping comes from accounts.access.

Seeing follows the area (an activity in village A is seen by whoever's areas cover village A);
acting needs a handling role too; verifying needs a leader of the activity's unit or above.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpRequest

from sinergi.accounts import access as account_access
from sinergi.accounts import audit
from sinergi.accounts.models import AuditEvent, User
from sinergi.cases.access import HANDLER_ROLES
from sinergi.engagement.models import (
    Activity,
    ActivityPhoto,
    Commitment,
    CommitmentEvidence,
    Partner,
)
from sinergi.units.models import Post, Unit

HUMAS_ROLES = {Post.Role.HUMAS_WRITER, Post.Role.HUMAS_EDITOR}


def partners_visible_to(user: account_access.AnyUser) -> QuerySet[Partner]:
    return Partner.objects.filter(account_access.scope_of(user).q("area_id"))


def activities_visible_to(user: account_access.AnyUser) -> QuerySet[Activity]:
    return Activity.objects.filter(account_access.scope_of(user).q("area_id"))


def can_act(user: account_access.AnyUser, area_code: str) -> bool:
    """Plan, report, register partners: a handler whose areas cover the place."""
    return account_access.scope_of(user).covers(area_code) and bool(
        account_access.roles_of(user) & HANDLER_ROLES
    )


def _may(user: account_access.AnyUser, area_code: str, write: bool) -> bool:
    """Read: anyone whose areas cover the place; write: a handler there."""
    return can_act(user, area_code) if write else account_access.scope_of(user).covers(area_code)


def get_partner_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Partner:
    """A partner of the user's areas (its contact fields included); 404 otherwise."""
    found = Partner.objects.select_related("area").filter(pk=pk).first()
    return account_access.door(request, found, lambda p: _may(request.user, p.area_id, write))


def record_contact_view(request: HttpRequest, partner: Partner) -> None:
    audit.record_request(
        AuditEvent.Kind.CONTACT_VIEWED, request, obj=partner, data={"partner": partner.pk}
    )


def get_activity_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Activity:
    found = Activity.objects.select_related("unit", "area", "place").filter(pk=pk).first()
    return account_access.door(request, found, lambda a: _may(request.user, a.area_id, write))


def get_commitment_for_user(request: HttpRequest, pk: int) -> Commitment:
    """A commitment the user may close: its owner, or a handler of its area."""
    found = Commitment.objects.select_related("activity__unit", "area").filter(pk=pk).first()
    user = request.user
    return account_access.door(
        request,
        found,
        lambda c: (user.is_authenticated and c.owner_id == user.pk) or can_act(user, c.area_id),
    )


def can_close(user: account_access.AnyUser, commitment: Commitment) -> bool:
    """Add evidence to a promise or close it: who made it, a member of the unit that made it, or
    a leader of that unit or above; not any partner of the area (a Lurah does not close a
    Kapolres's promise as kept, nor a Babinsa a Polsek's)."""
    return bool(closable(user, [commitment]))


def closable(user: account_access.AnyUser, commitments: Iterable[Commitment]) -> list[Commitment]:
    """The promises of these the user may close (`can_close`), with one query of their posts
    however many there are ("Tugas saya" lists late ones); the units' chains above are read
    from what the caller selected (activity__unit__parent…)."""
    if not isinstance(user, User):
        return []
    found = list(commitments)
    if user.is_superuser:
        return found
    posts = list(Post.objects.active().filter(user=user).values_list("unit_id", "role"))
    served = {unit for unit, role in posts if role in HANDLER_ROLES}
    led = {unit for unit, role in posts if role in {Post.Role.UNIT_LEADER, Post.Role.ADMIN}}

    def may(commitment: Commitment) -> bool:
        if commitment.owner_id == user.pk or commitment.activity.unit_id in served:
            return True
        current: Unit | None = commitment.activity.unit
        while current is not None:
            if current.pk in led:
                return True
            current = current.parent
        return False

    return [c for c in found if may(c)]


def can_run(user: account_access.AnyUser, activity: Activity) -> bool:
    """Report, correct or cancel an activity: a handler of its area who planned it, serves in
    its unit, or leads that unit or one above. A partner of the area (a Lurah, a Babinsa) reads
    a Polsek's planned Jumat Curhat but neither reports nor cancels it."""
    if not isinstance(user, User) or not can_act(user, activity.area_id):
        return False
    if user.is_superuser or activity.created_by_id == user.pk:
        return True
    return _serves_or_leads(user, activity.unit)


def get_activity_to_run(request: HttpRequest, pk: int) -> Activity:
    """An activity the user may report, correct or cancel (`can_run`); 404 and an audited
    denial otherwise, also for a partner who may read it."""
    found = Activity.objects.select_related("unit", "area", "place").filter(pk=pk).first()
    return account_access.door(request, found, lambda a: can_run(request.user, a))


def _serves_or_leads(user: User, unit: Unit) -> bool:
    serves = Post.objects.active().filter(user=user, unit=unit, role__in=HANDLER_ROLES).exists()
    return serves or _leads(user, unit)


def get_commitment_to_close(request: HttpRequest, pk: int) -> Commitment:
    """A commitment the user may see (`get_commitment_for_user`) and close (`can_close`)."""
    commitment = get_commitment_for_user(request, pk)
    return account_access.door(request, commitment, lambda c: can_close(request.user, c))


def _leads(user: User, unit: Unit) -> bool:
    """A leader's post in this unit or in one of the units above it."""
    led = set(
        Post.objects.active()
        .filter(user=user, role__in=[Post.Role.UNIT_LEADER, Post.Role.ADMIN])
        .values_list("unit_id", flat=True)
    )
    current: Unit | None = unit
    while current is not None:
        if current.pk in led:
            return True
        current = current.parent
    return False


def is_own_report(user: account_access.AnyUser, activity: Activity) -> bool:
    """The user reported this activity (or recorded it, when no one else reported it)."""
    if not isinstance(user, User):
        return False
    reporter = activity.reported_by_id or activity.created_by_id
    return reporter == user.pk


def can_verify(user: account_access.AnyUser, activity: Activity) -> bool:
    """Verify, or return for correction: a leader of the activity's unit or above whose areas
    cover it, and never the one who reported it (an administrator neither)."""
    if not isinstance(user, User) or activity.status != Activity.Status.REPORTED:
        return False
    if is_own_report(user, activity):
        return False
    if user.is_superuser:
        return True
    return account_access.scope_of(user).covers(activity.area_id) and _leads(user, activity.unit)


def can_correct(user: account_access.AnyUser, activity: Activity) -> bool:
    """A returned report is corrected by its officer or a field officer of its unit, never by a
    leader: the leader who sent it back (or one above) would then verify what he wrote."""
    if not isinstance(user, User) or activity.status != Activity.Status.RETURNED:
        return False
    if not can_run(user, activity):
        return False
    if is_own_report(user, activity):
        return True
    return (
        Post.objects.active()
        .filter(user=user, unit=activity.unit, role=Post.Role.FIELD_OFFICER)
        .exists()
    )


def get_activity_to_correct(request: HttpRequest, pk: int) -> Activity:
    """A returned report the user may correct (`can_correct`); 404 and an audited denial
    otherwise, also for the leader who returned it."""
    found = Activity.objects.select_related("unit", "area", "place").filter(pk=pk).first()
    return account_access.door(request, found, lambda a: can_correct(request.user, a))


def units_of(user: account_access.AnyUser) -> list[Unit]:
    """The units a user works in: where an activity they plan or report belongs."""
    if not isinstance(user, User):
        return []
    return list(
        Unit.objects.filter(posts__in=Post.objects.active().filter(user=user))
        .distinct()
        .order_by("tier", "name")
    )


def leaders_above(owner: User | None, unit: Unit) -> list[User]:
    """Whom to tell besides the owner: the leaders of the owner's unit (the Kapolsek of a
    Bhabinkamtibmas), or of the unit above when the owner leads their own unit."""
    current: Unit | None = unit
    while current is not None:
        leaders = [
            post.user
            for post in Post.objects.active()
            .filter(unit=current, role=Post.Role.UNIT_LEADER)
            .select_related("user")
            if owner is None or post.user_id != owner.pk
        ]
        if leaders:
            return leaders
        current = current.parent
    return []


def activity_photo_door(request: HttpRequest, name: str) -> bool:
    """An activity's photo (/media/activities/…): anyone once a release with it is published,
    else whoever sees the activity's area."""
    photo = ActivityPhoto.objects.filter(image=name).select_related("activity").first()
    if photo is None:
        return False
    if photo.activity.releases.filter(status="published").exists():
        return True
    return account_access.scope_of(request.user).covers(photo.activity.area_id)


def commitment_photo_door(request: HttpRequest, name: str) -> bool:
    """A promise's evidence (/media/commitments/…, a photo or a PDF uploaded as evidence, the
    first of which the closed promise keeps): whoever sees the promise's area. The public board
    tells a promise's evidence by count, never its files, which may show people."""
    areas = set(
        CommitmentEvidence.objects.filter(file=name).values_list("commitment__area_id", flat=True)
    ) | set(Commitment.objects.filter(evidence_photo=name).values_list("area_id", flat=True))
    scope = account_access.scope_of(request.user)
    return any(scope.covers(code) for code in areas)
