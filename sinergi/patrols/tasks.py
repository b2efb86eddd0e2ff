"""Background work of patrols and event security, run by the django-tasks-db worker."""

from __future__ import annotations

from django.tasks import task

from sinergi.patrols import events, services


@task()
def event_requests_open_task() -> int:
    """Opens and routes new event-security requests; safe to run twice (one request per case)."""
    return events.event_requests_open_new()


@task()
def hotspots_refresh_task() -> int:
    """Places new patrol requests into hotspots; safe to run twice (a placed request is skipped)."""
    return services.hotspots_refresh_due()
