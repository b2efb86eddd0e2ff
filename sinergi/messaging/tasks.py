from __future__ import annotations

from django.tasks import task

from sinergi.messaging import services


@task()
def deliver_due_task() -> int:
    return services.outbox_deliver_due()


@task()
def inbound_process_task(*, event_id: int) -> bool:
    """One chat message through the conversation; safe to run twice (processed once)."""
    return services.inbound_process(event_id=event_id)


@task()
def inbound_forget_task() -> int:
    """Drops old raw payloads; safe to run twice."""
    return services.inbound_forget()
