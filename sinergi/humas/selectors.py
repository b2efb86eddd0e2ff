"""Reads of releases: the desk of a writer's areas and the published news."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from sinergi.accounts.access import AnyUser, roles_of, scope_of
from sinergi.engagement.models import Activity
from sinergi.humas.access import WRITER_ROLES
from sinergi.humas.models import Release

WAITING_DAYS = 60


@dataclass(frozen=True, slots=True)
class Desk:
    releases: list[Release]
    waiting: list[Activity]  # verified activities of the last WAITING_DAYS without a release


def waiting_for_release(user: AnyUser) -> QuerySet[Activity]:
    """Verified activities of the last WAITING_DAYS in the writer's areas without a release."""
    if not WRITER_ROLES & roles_of(user):
        return Activity.objects.none()
    since = timezone.now() - timedelta(days=WAITING_DAYS)
    return Activity.objects.filter(
        scope_of(user).q("area_id"),
        status=Activity.Status.VERIFIED,
        releases=None,
        held_at__gte=since,
    ).exclude(source=Activity.Source.RELEASE)  # read from a release already published


def desk(*, user: AnyUser, releases: int = 100, waiting: int = 50) -> Desk:
    if not WRITER_ROLES & roles_of(user):
        return Desk(releases=[], waiting=[])
    scope = scope_of(user).q("area_id")
    return Desk(
        releases=list(Release.objects.filter(scope).select_related("writer", "editor")[:releases]),
        waiting=list(
            waiting_for_release(user).select_related("area", "unit").order_by("-held_at")[:waiting]
        ),
    )


def published() -> QuerySet[Release]:
    return Release.objects.filter(status=Release.Status.PUBLISHED).select_related(
        "writer", "editor", "unit"
    )
