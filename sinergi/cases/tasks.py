"""Background work of cases, run by the django-tasks-db worker."""

from __future__ import annotations

from django.tasks import task

from sinergi.cases import services


@task()
def case_filed_task(*, case_id: int) -> None:
    """A new case's forum notice and duplicate search (services.case_filed_follow_up)."""
    services.case_filed_follow_up(case_id=case_id)


@task()
def escalate_overdue_task() -> int:
    """The SLA sweep; safe to run twice (each case is re-checked under a lock)."""
    return services.escalate_overdue()


@task()
def referrals_follow_up_task() -> int:
    """Asks the reporters of referred cases whose follow-up day has come (once each)."""
    return services.referrals_follow_up()
