from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import load_test_territory
from sinergi.cases.models import Case, CaseEvent
from sinergi.cases.tests.helpers import file_web


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_scheduled_sla_sweep_once():
    # given an overdue case (transactional: the worker reads committed rows)

    load_test_territory()
    case = file_web().case
    Case.objects.filter(pk=case.pk).update(escalate_at=timezone.now() - timedelta(minutes=5))
    # when the schedule enqueues the sweep twice and the real worker drains the queue
    call_command("run_schedule", "--once", stdout=StringIO())
    call_command("run_schedule", "--once", stdout=StringIO())
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=StringIO())
    # then every scheduled task ran, the sweep once (the second schedule found it waiting), and
    # the case moved exactly one tier
    results = list(DBTaskResult.objects.values_list("task_path", "status"))
    sweeps = [status for path, status in results if path.endswith("escalate_overdue_task")]
    assert sweeps == ["SUCCESSFUL"]
    assert {status for _, status in results} == {"SUCCESSFUL"}
    case.refresh_from_db()
    assert case.owner_area_id == "64.74.01"
    assert case.events.filter(kind=CaseEvent.Kind.ESCALATED).count() == 1
