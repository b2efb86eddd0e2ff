"""Background work of early warning, run by the django-tasks-db worker."""

from __future__ import annotations

from django.tasks import task

from sinergi.early_warning.alerts import alerts_sweep
from sinergi.early_warning.index_data import index_recompute


@task()
def index_recompute_task() -> int:
    """Scores every village as of today; a rerun the same day replaces the day's scores."""
    return index_recompute().villages


@task()
def alerts_sweep_task() -> int:
    """Raises alerts for new spikes and tells the leaders; a rerun raises nothing new."""
    return alerts_sweep()
