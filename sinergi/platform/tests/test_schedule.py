"""The schedule queues each sweep once while a run of it waits to start."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from sinergi.platform.schedule import entries

pytestmark = pytest.mark.django_db


def test_run_schedule_twice_queues_each_task_once():
    call_command("run_schedule", "--once", stdout=StringIO())
    call_command("run_schedule", "--once", stdout=StringIO())
    waiting = list(DBTaskResult.objects.ready().values_list("task_path", flat=True))
    assert sorted(waiting) == sorted(e.task.module_path for e in entries())
