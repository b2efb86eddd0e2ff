"""Writes of the outbox: enqueue a message once, deliver it with retries and backoff."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from sinergi.messaging.models import Outbox

MAX_ATTEMPTS = 6
BACKOFF_MINUTES = (1, 5, 15, 60, 240)


def outbox_add(messages: list[Outbox]) -> int:
    """Writes messages (a key already in the outbox is skipped: idempotent) and asks the worker
    to deliver what is due once the surrounding transaction commits. Returns how many were new."""
    messages = [m for m in messages if m.to]
    if not messages:
        return 0
    now = timezone.now()
    for message in messages:
        message.key = message.key[:120]
        message.next_attempt_at = message.next_attempt_at or now
    keys = [m.key for m in messages]
    before = Outbox.objects.filter(key__in=keys).count()
    Outbox.objects.bulk_create(messages, ignore_conflicts=True, batch_size=1000)
    added = Outbox.objects.filter(key__in=keys).count() - before
    if added:
        from sinergi.messaging.tasks import deliver_due_task  # noqa: PLC0415 -- tasks import us

        transaction.on_commit(deliver_due_task.enqueue)
    return added


def outbox_enqueue(*, channel: str, to: str, subject: str, body: str, key: str) -> Outbox | None:
    """One message; the same key twice leaves one row."""
    if not to:
        return None
    outbox_add([Outbox(channel=channel, to=to[:254], subject=subject[:200], body=body, key=key)])
    return Outbox.objects.filter(key=key[:120]).first()


def _send(message: Outbox) -> None:
    if message.channel == Outbox.Channel.EMAIL:
        send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])
        return
    raise ValueError(f"no transport for channel {message.channel!r}")


def outbox_deliver(*, message_id: int, now: datetime | None = None) -> Outbox | None:
    """Sends one due message; safe to run twice (a sent message is never sent again)."""
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            Outbox.objects.select_for_update()
            .filter(pk=message_id, status=Outbox.Status.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        try:
            _send(message)
        except Exception as exc:  # any transport failure is retried, then shown to admins
            message.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = Outbox.Status.FAILED
                message.next_attempt_at = None
            else:
                wait = BACKOFF_MINUTES[min(message.attempts - 1, len(BACKOFF_MINUTES) - 1)]
                message.next_attempt_at = now + timedelta(minutes=wait)
        else:
            message.status = Outbox.Status.SENT
            message.sent_at = now
            message.next_attempt_at = None
        message.save()
    return message


def outbox_deliver_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Retries every message whose time has come (the scheduled sweep); returns how many sent."""
    now = now or timezone.now()
    ids = list(
        Outbox.objects.filter(status=Outbox.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in ids:
        result = outbox_deliver(message_id=pk, now=now)
        sent += int(result is not None and result.status == Outbox.Status.SENT)
    return sent
