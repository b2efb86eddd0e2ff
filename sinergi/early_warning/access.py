"""THE ISSUE DOOR: issues are intelligence, seen only by analysts and leaders of their area.

Scoping comes from accounts.access (the areas of the user's posts); an issue is in scope when the
area it is followed from lies inside them. Same 404 for missing and not-yours, denial audited.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from sinergi.accounts import access as account_access
from sinergi.accounts import audit
from sinergi.accounts.models import AuditEvent, User
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
    issue = Issue.objects.select_related("area").filter(pk=pk).first()
    if issue is None:
        raise Http404
    if not can_act(request.user, issue.area_id):
        user = request.user
        audit.record(
            AuditEvent.Kind.ACCESS_DENIED,
            actor=user if isinstance(user, User) else None,
            request=request,
            obj=issue,
        )
        raise Http404
    return issue
