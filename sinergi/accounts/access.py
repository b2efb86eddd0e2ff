"""The one door: what a user may see, decided from the areas of their posts.

A record is visible when its area code equals, or lies under, one of the codes the user's active
posts serve. Kemendagri codes are hierarchical, so "under" is a prefix match on an indexed column.
Every door returns the same 404 for "not yours" and "does not exist", and records the denial.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import NoReturn

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q
from django.http import Http404, HttpRequest

from sinergi.accounts import audit
from sinergi.accounts.models import AuditEvent, User
from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.units.models import Post, Unit, UnitArea

AnyUser = User | AnonymousUser


@dataclass(frozen=True, slots=True)
class Scope:
    everything: bool
    codes: tuple[str, ...]

    def q(self, field: str) -> Q:
        """A filter on ``field`` (an area-code column) that keeps only rows inside the scope."""
        if self.everything:
            return Q()
        if not self.codes:
            return Q(pk__in=[])
        condition = Q()
        for code in self.codes:
            condition |= within_q(field, code)
        return condition

    def covers(self, code: str) -> bool:
        return self.everything or any(code == c or code.startswith(f"{c}.") for c in self.codes)


NOTHING = Scope(everything=False, codes=())


def _minimal(codes: set[str]) -> tuple[str, ...]:
    """Drops codes already under another one: {"64", "64.74"} → ("64",)."""
    ordered = sorted(codes, key=lambda c: (c.count("."), c))
    kept: list[str] = []
    for code in ordered:
        if not any(code == k or code.startswith(f"{k}.") for k in kept):
            kept.append(code)
    return tuple(sorted(kept))


def roles_of(user: AnyUser) -> set[str]:
    if not user.is_authenticated:
        return set()
    roles = set(Post.objects.active().filter(user=user).values_list("role", flat=True))
    if user.is_superuser:
        roles.add(Post.Role.ADMIN)
    return roles


def polri_post(user: AnyUser, roles: Collection[str]) -> bool:
    """Whether the user holds one of these roles in a Polri unit (or runs the system): for the
    police's own decisions (an informant's identity, a permit for an event), which a partner's
    leader (a Lurah, a Camat, a Danramil) does not take."""
    if user.is_superuser:
        return True
    if user.pk is None:
        return False
    return (
        Post.objects.active()
        .filter(user_id=user.pk, role__in=roles, unit__institution=Unit.Institution.POLRI)
        .exists()
    )


def scope_of(user: AnyUser) -> Scope:
    """The areas a user acts on. Cached on the user object for the request."""
    if not user.is_authenticated:
        return NOTHING
    cached: Scope | None = getattr(user, "_sinergi_scope", None)
    if cached is not None:
        return cached
    posts = list(Post.objects.active().filter(user=user).prefetch_related("areas"))
    if user.is_superuser or any(p.role == Post.Role.ADMIN for p in posts):
        scope = Scope(everything=True, codes=())
    else:
        codes: set[str] = set()
        unit_wide = [p.unit_id for p in posts if not p.areas.all()]
        codes.update(a.code for p in posts for a in p.areas.all())
        codes.update(
            UnitArea.objects.filter(unit_id__in=unit_wide).values_list("area_id", flat=True)
        )
        scope = Scope(everything=False, codes=_minimal(codes))
    user._sinergi_scope = scope  # type: ignore[attr-defined]  # a per-request cache on the object
    return scope


def villages_of(user: AnyUser, *, at_most: int) -> list[Area]:
    """The current villages of the user's areas by name, for a list to choose from; none when
    there are more than ``at_most`` (too many to list)."""
    villages = (
        Area.objects.current().filter(level=Area.Level.VILLAGE).filter(scope_of(user).q("code"))
    )
    first = list(villages.order_by("name")[: at_most + 1])
    return first if len(first) <= at_most else []


def person_area_codes(person: User) -> set[str]:
    codes: set[str] = set()
    for post in Post.objects.active().filter(user=person).prefetch_related("areas", "unit__areas"):
        codes.update(post.area_codes())
    return codes


def can_see_person(viewer: AnyUser, person: User) -> bool:
    """Contact details: the person themselves, or a viewer whose scope covers one of their areas."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == person.pk:
        return True
    scope = scope_of(viewer)
    if scope.everything:
        return True
    return any(scope.covers(code) for code in person_area_codes(person))


def deny(request: HttpRequest, obj: Model) -> NoReturn:
    """Refuses a record that exists: the same 404 as for one that does not, the refusal
    recorded (who, from where, which record)."""
    audit.record_request(AuditEvent.Kind.ACCESS_DENIED, request, obj=obj)
    raise Http404


def door[T: Model](request: HttpRequest, found: T | None, allowed: Callable[[T], bool]) -> T:
    """THE DOOR of every app: the record when this viewer may have it; otherwise the same 404
    for "not yours" as for "missing", and the refusal recorded. Each app's access.py says who
    may (``allowed``); this says what happens when they may not."""
    if found is None:
        raise Http404
    if not allowed(found):
        deny(request, found)
    return found


def get_person_for_user(request: HttpRequest, pk: int) -> User:
    """A person's profile with contact details; 404 for missing and for not-yours alike."""
    viewer = request.user
    person = door(
        request,
        User.objects.filter(pk=pk, is_active=True).first(),
        lambda p: can_see_person(viewer, p),
    )
    if viewer.pk != person.pk:
        audit.record_request(AuditEvent.Kind.CONTACT_VIEWED, request, subject=person, obj=person)
    return person
