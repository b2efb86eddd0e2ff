from __future__ import annotations

from django.tasks import task

from sinergi.messaging import services


@task()
def deliver_due_task() -> int:
    return services.outbox_deliver_due()
