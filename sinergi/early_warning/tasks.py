"""Background work of early warning, run by the django-tasks-db worker."""

from __future__ import annotations

from django.tasks import task

from sinergi.early_warning.index_data import index_recompute


@task()
def index_recompute_task() -> int:
    """Scores every village as of today; a rerun the same day replaces the day's scores."""
    return index_recompute().villages
