"""Background work of patrols and event security, run by the django-tasks-db worker."""

from __future__ import annotations

from django.tasks import task

from sinergi.patrols import events


@task()
def event_requests_open_task() -> int:
    """Opens and routes new event-security requests; safe to run twice (one request per case)."""
    return events.event_requests_open_new()
