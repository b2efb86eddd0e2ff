from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_deliver, outbox_deliver_due, outbox_enqueue

pytestmark = pytest.mark.django_db


def enqueue(key: str = "k1") -> Outbox:
    message = outbox_enqueue(channel="email", to="warga@example.id", subject="S", body="B", key=key)
    assert message is not None
    return message


def test_same_key_enqueues_one_message():
    first = enqueue()
    second = enqueue()
    assert first.pk == second.pk
    assert Outbox.objects.count() == 1


def test_delivery_sends_once_even_when_run_twice(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    message = enqueue()
    outbox_deliver(message_id=message.pk)
    outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Outbox.Status.SENT, 1)
    assert [m.to for m in mail.outbox] == [["warga@example.id"]]


def test_failures_back_off_then_give_up_visibly(settings):
    # given a mail server that refuses connections
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    message = enqueue()
    now = timezone.now()
    # when the first attempt fails
    outbox_deliver(message_id=message.pk, now=now)
    message.refresh_from_db()
    # then it waits a minute before the next try
    assert (message.status, message.attempts) == (Outbox.Status.PENDING, 1)
    assert message.next_attempt_at == now + timedelta(minutes=1)
    assert message.last_error.startswith("ConnectionRefusedError")
    # and a sweep before that time does nothing
    assert outbox_deliver_due(now=now + timedelta(seconds=30)) == 0
    message.refresh_from_db()
    assert message.attempts == 1
    # after six failures it is marked failed for the admins
    later = now
    for _ in range(5):
        later += timedelta(hours=5)
        outbox_deliver_due(now=later)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (
        Outbox.Status.FAILED, 6, None,
    )  # fmt: skip


def test_no_address_no_message():
    assert outbox_enqueue(channel="email", to="", subject="S", body="B", key="k") is None
    assert not Outbox.objects.exists()
