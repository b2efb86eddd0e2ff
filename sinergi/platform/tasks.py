"""Background work of the home app, run by the django-tasks-db worker."""

from __future__ import annotations

from django.tasks import task

from sinergi.platform import ratelimit


@task()
def rate_counts_prune_task() -> int:
    """Forgets rate-limit counters older than an hour; safe to run twice."""
    return ratelimit.prune()
