"""A worker killed in the middle of a task: its task is run again after the lease, and what the
task does happens once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sinergi.accounts.models import User
from sinergi.engagement import services
from sinergi.engagement.tasks import commitments_overdue_task
from sinergi.engagement.tests.helpers import jumat_curhat, promised
from sinergi.platform.lease import requeue_stale

pytestmark = pytest.mark.django_db


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=StringIO())


def test_a_dead_worker_s_task_runs_again_after_the_lease_and_acts_once(
    territory, bhabin_a, kapolsek_a
):
    User.objects.filter(pk=bhabin_a.pk).update(email="bhabin@example.test")
    bhabin_a.refresh_from_db()
    yesterday = timezone.localdate() - timedelta(days=1)
    jumat_curhat(bhabin_a, commitments=(("Patroli malam setiap hari", yesterday),))
    run_worker()  # the report's own follow-up tasks
    commitments_overdue_task.enqueue()
    # a worker claims the sweep, does its work, and is killed before it can record success
    task = DBTaskResult.objects.get(task_path__endswith=".commitments_overdue_task")
    task.claim("worker-killed-9")
    assert services.commitments_notify_overdue() == 1
    sent = promised().count()
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(hours=1))

    run_worker()  # nobody picks up a task that is still "running"
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING

    assert requeue_stale() == 1
    run_worker()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value == 0  # the sweep found nothing left to tell
    assert promised().count() == sent


def test_a_task_inside_its_lease_is_left_alone(settings):
    settings.TASK_LEASE_SECONDS = 900
    commitments_overdue_task.enqueue()
    task = DBTaskResult.objects.get()
    task.claim("busy-worker")
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(minutes=5))
    assert requeue_stale() == 0
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING
