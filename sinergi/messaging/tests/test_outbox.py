from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_deliver, outbox_deliver_due, outbox_enqueue
from sinergi.messaging.tasks import deliver_due_task
from sinergi.messaging.tests import smtpsink
from sinergi.messaging.tests.conftest import run_worker

pytestmark = pytest.mark.django_db


def enqueue(key: str = "k1") -> Outbox:
    message = outbox_enqueue(channel="email", to="warga@example.id", subject="S", body="B", key=key)
    assert message is not None
    return message


@pytest.fixture
def smtp(settings) -> Iterator[smtpsink.SmtpSink]:
    """The outbox's mailer points at a real SMTP server on 127.0.0.1."""
    sink = smtpsink.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 5},
        }
    }
    yield sink
    sink.shutdown()
    sink.server_close()


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
        Outbox.Status.FAILED,
        6,
        None,
    )


def test_no_address_no_message():
    assert outbox_enqueue(channel="email", to="", subject="S", body="B", key="k") is None
    assert not Outbox.objects.exists()


def test_a_sweep_sends_its_emails_over_one_connection(smtp):
    for n in range(3):
        enqueue(f"k{n}")
    assert outbox_deliver_due() == 3
    assert (len(smtp.messages), smtp.connections) == (3, 1)
    assert set(Outbox.objects.values_list("status", flat=True)) == {Outbox.Status.SENT}


def test_a_dropped_connection_costs_one_retry_and_the_sweep_dials_again(smtp):
    # given a mail server that hangs up after each message
    smtp.hang_up_after = 1
    messages = [enqueue(f"k{n}") for n in range(3)]
    now = timezone.now()
    # when the sweep sends three
    assert outbox_deliver_due(now=now) == 2
    # then the one that met the dead connection waits a minute; the next went out on a new one
    found = {m.key: m for m in Outbox.objects.all()}
    assert [(found[m.key].status, found[m.key].attempts) for m in messages] == [
        (Outbox.Status.SENT, 1),
        (Outbox.Status.PENDING, 1),
        (Outbox.Status.SENT, 1),
    ]
    assert found["k1"].next_attempt_at == now + timedelta(minutes=1)
    assert found["k1"].last_error.startswith("SMTPServerDisconnected")
    assert (len(smtp.messages), smtp.connections) == (2, 2)


@pytest.mark.django_db(transaction=True)
def test_a_message_another_worker_is_sending_is_left_to_it(smtp):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    held, first, last = enqueue("k0"), enqueue("k1"), enqueue("k2")
    locked, done = threading.Event(), threading.Event()

    def other_worker() -> None:
        with transaction.atomic():
            Outbox.objects.select_for_update().get(pk=held.pk)
            locked.set()
            done.wait(10)
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        # when a second worker comes to the message the first holds, it does not wait for it
        assert outbox_deliver(message_id=held.pk) is None
        # and its sweep sends the others
        assert outbox_deliver_due() == 2
    finally:
        done.set()
        thread.join()
    found = {m.key: (m.status, m.attempts) for m in Outbox.objects.all()}
    assert found == {
        held.key: (Outbox.Status.PENDING, 0),
        first.key: (Outbox.Status.SENT, 1),
        last.key: (Outbox.Status.SENT, 1),
    }
    assert len(smtp.messages) == 2


@pytest.mark.django_db(transaction=True)
def test_new_messages_queue_one_delivery_sweep_while_one_waits(smtp):
    def waiting() -> int:
        return DBTaskResult.objects.ready().filter(task_path=deliver_due_task.module_path).count()

    # each write commits at once here, and asks for a sweep after its commit
    enqueue("k1")
    enqueue("k2")
    # the second is left to the sweep that has not started yet
    assert waiting() == 1
    run_worker()
    assert waiting() == 0
    assert len(smtp.messages) == 2
    assert set(Outbox.objects.values_list("status", flat=True)) == {Outbox.Status.SENT}
    # once it has run, new work queues a sweep again
    enqueue("k3")
    assert waiting() == 1


@pytest.mark.django_db(transaction=True)
def test_a_full_sweep_queues_the_next_one(smtp):
    for n in range(3):
        enqueue(f"k{n}")
    DBTaskResult.objects.all().delete()
    # when a sweep takes as many as it may
    assert outbox_deliver_due(limit=2) == 2
    # then the third is left to the sweep it queued, which sends it
    assert DBTaskResult.objects.ready().filter(task_path=deliver_due_task.module_path).count() == 1
    run_worker()
    assert set(Outbox.objects.values_list("status", flat=True)) == {Outbox.Status.SENT}
    assert len(smtp.messages) == 3
