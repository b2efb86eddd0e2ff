"""Time-based work: which task is enqueued how often. The task worker runs them.

One row per task; `manage.py run_schedule` (started by `make run`) enqueues each when due, and
only when no run of it is already waiting to start (`lease.enqueue_once`): a worker that fell
behind finds one sweep in the queue, not one per minute it was away.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.tasks import Task

from config.env import env_int
from sinergi.platform.lease import enqueue_once


@dataclass(frozen=True, slots=True)
class Entry:
    every_seconds: int
    task: Task[[], Any]

    def enqueue(self) -> None:
        enqueue_once(self.task)


def entries() -> list[Entry]:
    from sinergi.cases.tasks import (  # noqa: PLC0415 -- apps must be ready
        escalate_overdue_task,
        referrals_follow_up_task,
    )
    from sinergi.early_warning.tasks import alerts_sweep_task, index_recompute_task  # noqa: PLC0415 -- apps must be ready
    from sinergi.engagement.tasks import commitments_overdue_task  # noqa: PLC0415 -- apps must be ready
    from sinergi.messaging.tasks import deliver_due_task, inbound_forget_task  # noqa: PLC0415 -- apps must be ready
    from sinergi.patrols.tasks import (  # noqa: PLC0415 -- apps must be ready
        event_requests_open_task,
        hotspots_refresh_task,
    )
    from sinergi.platform.tasks import rate_counts_prune_task  # noqa: PLC0415 -- apps must be ready

    return [
        Entry(env_int("ESCALATE_EVERY_SECONDS", 300), escalate_overdue_task),
        Entry(env_int("REFERRALS_EVERY_SECONDS", 3600), referrals_follow_up_task),
        Entry(env_int("OUTBOX_RETRY_EVERY_SECONDS", 60), deliver_due_task),
        Entry(env_int("COMMITMENTS_EVERY_SECONDS", 3600), commitments_overdue_task),
        Entry(env_int("CHAT_FORGET_EVERY_SECONDS", 3600), inbound_forget_task),
        Entry(env_int("EVENT_REQUESTS_EVERY_SECONDS", 60), event_requests_open_task),
        Entry(env_int("HOTSPOTS_EVERY_SECONDS", 900), hotspots_refresh_task),
        Entry(env_int("RATE_PRUNE_EVERY_SECONDS", 3600), rate_counts_prune_task),
        Entry(env_int("INDEX_EVERY_SECONDS", 86400), index_recompute_task),
        Entry(env_int("ALERTS_EVERY_SECONDS", 3600), alerts_sweep_task),
    ]
