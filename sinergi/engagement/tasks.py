"""Background work of engagement, run by the django-tasks-db worker."""

from __future__ import annotations

from django.tasks import task

from sinergi.engagement import services


@task()
def commitments_overdue_task() -> int:
    """Tells owners and their leaders about promises past due; safe to run twice."""
    return services.commitments_notify_overdue()
