"""The task queue's two rules beyond what django-tasks-db does.

The lease: tasks whose worker died mid-run (kill -9, a lost machine) would stay RUNNING for ever in
django-tasks-db: nothing else ever picks them up. After TASK_LEASE_SECONDS a running task goes
back to READY and the next free worker runs it again. That is safe because every task in
Sinergi is written to be run twice with one effect (claims under locks, keys on messages,
set-based sweeps); a new task must keep that promise. `run_schedule` calls this every minute.

One waiting sweep: a sweep (the outbox's delivery) is queued after every batch of new work, but
not while another is still waiting to start: that one starts later, so it sees all that was
committed before, and a second would find nothing left (under load, most of the queue).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.tasks import Task, TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def requeue_stale(now: dt.datetime | None = None) -> int:
    """Puts tasks running longer than the lease back in the queue; returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY, started_at=None)


def enqueue_once(task: Task[[], Any]) -> None:
    """Queues a sweep unless one is waiting to start; call it after the commit it must see."""
    if not DBTaskResult.objects.ready().filter(task_path=task.module_path).exists():
        task.enqueue()
