"""THE ISSUE DOOR: issues are intelligence, seen only by analysts and leaders of their area.

Scoping comes from accounts.access (the areas of the user's posts); an issue is in scope when the
area it is followed from lies inside them. Same 404 for missing and not-yours, denial audited.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from sinergi.accounts import access as account_access
from sinergi.accounts.models import User
from sinergi.early_warning.models import Issue
from sinergi.units.models import Post

ISSUE_ROLES = {Post.Role.ANALYST, Post.Role.UNIT_LEADER, Post.Role.ADMIN}


def can_follow_issues(user: account_access.AnyUser) -> bool:
    return bool(account_access.roles_of(user) & ISSUE_ROLES)


def can_act(user: account_access.AnyUser, area_code: str) -> bool:
    """Open or change an issue at this place: an analyst or leader whose areas cover it."""
    return can_follow_issues(user) and account_access.scope_of(user).covers(area_code)


def issues_visible_to(user: account_access.AnyUser) -> QuerySet[Issue]:
    if not can_follow_issues(user):
        return Issue.objects.none()
    return Issue.objects.filter(account_access.scope_of(user).q("area_id"))


def get_issue_for_user(request: HttpRequest, pk: int) -> Issue:
    found = Issue.objects.select_related("area").filter(pk=pk).first()
    return account_access.door(request, found, lambda i: can_act(request.user, i.area_id))


def leaders_of(code: str) -> list[User]:
    """Leaders and analysts whose areas cover this area (its own posts or its parents')."""
    from sinergi.units.models import UnitArea  # noqa: PLC0415 -- keeps the door's imports small

    parts = code.split(".")
    codes = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    units = UnitArea.objects.filter(area_id__in=codes).values("unit_id")
    posts = (
        Post.objects.active()
        .filter(role__in=ISSUE_ROLES - {Post.Role.ADMIN})
        .filter(Q(areas__code__in=codes) | Q(areas__isnull=True, unit_id__in=units))
        .select_related("user")
        .distinct()
    )
    return sorted({p.user for p in posts}, key=lambda u: u.pk)
