"""Reads around an issue, each inside the viewer's own areas.

An issue may span districts (its `areas`); its page shows a viewer only the cases and
activities that lie in their scope, and says how many others there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from sinergi.accounts.access import AnyUser, scope_of
from sinergi.areas.codes import within_q
from sinergi.cases.models import Case, Category
from sinergi.early_warning.models import Issue
from sinergi.engagement.models import Activity

RECENT_ACTIVITY_DAYS = 60
UNGROUPED_HOAX_DAYS = 30


def _issue_areas_q(issue: Issue, field: str) -> Q:
    where = Q(pk__in=[])
    for area in issue.areas.all() or [issue.area]:
        where |= within_q(field, area.code)
    return where


@dataclass(frozen=True, slots=True)
class IssueRecords:
    cases: list[Case]
    activities: list[Activity]
    cases_elsewhere: int  # linked, but outside the viewer's areas: counted, never shown
    activities_elsewhere: int


def issue_records(issue: Issue, *, user: AnyUser) -> IssueRecords:
    scope = scope_of(user).q("area_id")
    cases = issue.cases.select_related("category")
    activities = issue.activities.all()
    shown_cases = list(cases.filter(scope).order_by("-created_at"))
    shown_activities = list(activities.filter(scope).order_by("-created_at"))
    return IssueRecords(
        cases=shown_cases,
        activities=shown_activities,
        cases_elsewhere=cases.count() - len(shown_cases),
        activities_elsewhere=activities.count() - len(shown_activities),
    )


def issue_recent_activities(issue: Issue, *, user: AnyUser, limit: int = 20) -> list[Activity]:
    """Activities recorded in the last 60 days in the issue's areas and the viewer's (held, or
    planned ahead, as a cooling system for it), not yet linked and not cancelled."""
    since = timezone.now() - timedelta(days=RECENT_ACTIVITY_DAYS)
    return list(
        Activity.objects.filter(_issue_areas_q(issue, "area_id"), created_at__gte=since)
        .filter(scope_of(user).q("area_id"))
        .exclude(issues=issue)
        .exclude(status=Activity.Status.CANCELLED)
        .select_related("area")
        .order_by("-created_at")[:limit]
    )


def issue_ungrouped_hoaxes(issue: Issue, *, user: AnyUser) -> QuerySet[Case]:
    """Hoax reports of the last 30 days in the issue's areas and the viewer's, not yet in any
    issue: the ones an analyst may want to add to this hoax (newest first)."""
    since = timezone.now() - timedelta(days=UNGROUPED_HOAX_DAYS)
    return (
        Case.objects.filter(
            _issue_areas_q(issue, "area_id"),
            kind=Category.Kind.HOAKS,
            created_at__gte=since,
            issues=None,
        )
        .filter(scope_of(user).q("area_id"))
        .exclude(status=Case.Status.DIGABUNG)
        .order_by("-created_at")
    )
