"""Each role's landing page, "Tugas saya": the work waiting for this person, read through each
app's own doors and selectors (bounded lists, a fixed number of queries), and the pages the
phone keeps for offline use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sinergi.accounts.access import roles_of, scope_of
from sinergi.accounts.models import User
from sinergi.cases import access as case_access
from sinergi.cases import selectors as case_selectors
from sinergi.cases.models import Case
from sinergi.early_warning.access import can_follow_issues, issues_visible_to
from sinergi.engagement import access as engagement_access
from sinergi.engagement.models import Activity, Commitment
from sinergi.humas import selectors as humas_selectors
from sinergi.humas.access import WRITER_ROLES
from sinergi.humas.models import Release
from sinergi.patrols import access as patrol_access
from sinergi.patrols import selectors as patrol_selectors
from sinergi.patrols.models import CheckIn, EventRequest
from sinergi.units.models import Post

ROWS = 10


@dataclass
class Tasks:
    handles: bool = False
    leads: bool = False
    follows_issues: bool = False
    writes: bool = False
    edits: bool = False
    today: list[patrol_selectors.TodayPlan] = field(default_factory=list)
    to_report: list[Activity] = field(default_factory=list)
    to_correct: list[Activity] = field(default_factory=list)  # reports sent back to fix
    cases: list[Case] = field(default_factory=list)
    cases_more: int = 0  # needing them beyond the ones listed (the inbox has all)
    to_release: int = 0  # verified activities waiting for a release (the Humas desk lists them)
    promises: list[Commitment] = field(default_factory=list)
    to_verify: list[Activity] = field(default_factory=list)
    flagged: list[CheckIn] = field(default_factory=list)
    decisions: list[EventRequest] = field(default_factory=list)
    late: list[Commitment] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    open_issues: int = 0
    offline_pages: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.today,
                self.to_report,
                self.to_correct,
                self.cases,
                self.promises,
                self.to_verify,
                self.flagged,
                self.decisions,
                self.late,
                self.releases,
                self.open_issues,
            )
        )


def tasks_for(user: User, *, now: datetime | None = None) -> Tasks:
    now = now or timezone.now()
    roles = roles_of(user)
    tasks = Tasks(
        handles=case_access.can_handle(user),
        leads=bool(roles & {Post.Role.UNIT_LEADER, Post.Role.ADMIN}),
        follows_issues=can_follow_issues(user),
        writes=bool(roles & WRITER_ROLES),
        edits=Post.Role.HUMAS_EDITOR in roles,
    )
    if tasks.handles:
        _field_work(user, tasks, now)
    if tasks.leads:
        _decisions(user, tasks, now)
    if tasks.follows_issues:
        tasks.open_issues = issues_visible_to(user).exclude(status__in=["selesai"]).count()
    if tasks.writes:
        tasks.to_release = humas_selectors.waiting_for_release(user).count()
        waiting = [Release.Status.REVIEW] if tasks.edits else [Release.Status.DRAFT]
        tasks.releases = list(
            Release.objects.filter(scope_of(user).q("area_id"), status__in=waiting).order_by("-pk")[
                :ROWS
            ]
        )
    tasks.offline_pages = _offline_pages(tasks)
    return tasks


def _field_work(user: User, tasks: Tasks, now: datetime) -> None:
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    tasks.today = patrol_selectors.plans_today(user=user, now=now)
    units = engagement_access.units_of(user)
    tasks.to_report = list(
        engagement_access.activities_visible_to(user)
        .filter(unit__in=units, status=Activity.Status.PLANNED, planned_at__lte=end_of_day)
        .select_related("area")
        .order_by("planned_at")[:ROWS]
    )
    # their own reports a leader sent back (a colleague or the leader may correct one too,
    # from its page; the task is its officer's)
    tasks.to_correct = [
        a
        for a in engagement_access.activities_visible_to(user)
        .filter(status=Activity.Status.RETURNED)
        .filter(Q(reported_by=user) | Q(reported_by=None, created_by=user))
        .select_related("area", "unit")
        .order_by("pk")[:ROWS]
        if engagement_access.can_correct(user, a)
    ]
    # what needs this officer: the cases they hold and the untaken ones at their forums (the
    # inbox's "perlu tindakan saya"), the nearest deadline first; no reporter, that is on the case
    mine = case_selectors.case_inbox(user=user, mine=True)
    tasks.cases = list(mine.order_by("escalate_at", "pk")[:ROWS])
    tasks.cases_more = max(0, mine.count() - len(tasks.cases)) if len(tasks.cases) == ROWS else 0
    tasks.promises = list(
        Commitment.objects.filter(owner=user, status=Commitment.Status.OPEN)
        .select_related("activity")
        .order_by("due_on", "pk")[:ROWS]
    )


def _decisions(user: User, tasks: Tasks, now: datetime) -> None:
    tasks.to_verify = [
        a
        for a in engagement_access.activities_visible_to(user)
        .filter(status=Activity.Status.REPORTED)
        .select_related("area", "unit__parent__parent")
        .order_by("held_at")[: ROWS * 3]
        if engagement_access.can_verify(user, a)
    ][:ROWS]
    tasks.flagged = list(patrol_access.checkins_to_review(user).order_by("at")[:ROWS])
    tiers = patrol_access.deciding_tiers(user)
    tasks.decisions = [
        r
        for r in patrol_access.event_requests_visible_to(user)
        .filter(status=EventRequest.Status.REVIEW)
        .select_related("case", "area")
        .order_by("event_date", "pk")[: ROWS * 3]
        if r.level in tiers and patrol_access.can_decide(user, r)
    ][:ROWS]
    # the late promises this leader can act on (evidence, close): not a partner's to decide
    late = (
        Commitment.objects.filter(
            scope_of(user).q("area_id"),
            status=Commitment.Status.OPEN,
            due_on__lt=timezone.localdate(now),
        )
        .select_related("owner", "activity__unit__parent__parent__parent")
        .order_by("due_on", "pk")[: ROWS * 3]
    )
    tasks.late = engagement_access.closable(user, late)[:ROWS]


def _offline_pages(tasks: Tasks) -> list[str]:
    """What the phone keeps for a day without a signal (the service worker fetches them)."""
    if not tasks.handles:
        return [reverse("home:tasks")]
    pages = [
        reverse("home:tasks"),
        reverse("patrols:today"),
        reverse("engagement:calendar"),
        reverse("engagement:record"),
        reverse("engagement:partners"),
        reverse("patrols:hotspots"),
        reverse("cases:inbox"),
    ]
    pages += [reverse("engagement:report", args=[a.pk]) for a in tasks.to_report]
    pages += [reverse("engagement:correct", args=[a.pk]) for a in tasks.to_correct]
    return pages
