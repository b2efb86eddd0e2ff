"""Background work of cases, run by the django-tasks-db worker."""

from __future__ import annotations

from django.tasks import task

from sinergi.cases import services


@task()
def duplicate_hint_task(*, case_id: int) -> None:
    """Flags a new case's likely duplicate; safe to run twice (a set hint is kept)."""
    services.case_flag_duplicate(case_id=case_id)


@task()
def escalate_overdue_task() -> int:
    """The SLA sweep; safe to run twice (each case is re-checked under a lock)."""
    return services.escalate_overdue()
