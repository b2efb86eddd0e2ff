"""Errors by kind, over the wire to the fake provider: transient ones are tried again with
backoff and never before the provider's Retry-After / retry_after; permanent ones stop at once
with the provider's code and show on the case page; WhatsApp's 131047 switches a case update to
the approved template, whether Meta says so at once or later in a failed status."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.messaging.models import ChatContact, Outbox
from sinergi.messaging.services import outbox_deliver_due
from sinergi.messaging.tests.conftest import fixture, run_worker
from sinergi.messaging.tests.fakeprovider import FakeProvider

SENDER = "6281200000001"
PHONE_ID = "106540352242922"
CHAT_ID = 700000001
TEMPLATE = ["SNG-7K4Q-92XD", "Ditangani"]


def contact(channel: str = "whatsapp", *, ref: str = "", **extra: Any) -> ChatContact:
    address = {"whatsapp": SENDER, "telegram": str(CHAT_ID), "sms": "+" + SENDER}[channel]
    account = {"whatsapp": PHONE_ID, "telegram": "123456789", "sms": ""}[channel]
    return ChatContact.objects.create(
        channel=channel,
        account=account,
        ref=ref or f"ref-{channel}",
        address=address,
        last_inbound_at=timezone.now() - timedelta(minutes=5),
        **extra,
    )


def message(to: ChatContact, key: str, **extra: Any) -> Outbox:
    fields: dict[str, Any] = {
        "body": "Petugas membalas laporan SNG-7K4Q-92XD:\n\nKami datang.",
        "next_attempt_at": timezone.now() - timedelta(seconds=1),
        **extra,
    }
    return Outbox.objects.create(channel=to.channel, to=to.ref, key=key, **fields)


def fresh(row: Outbox) -> Outbox:
    return Outbox.objects.get(pk=row.pk)


# --- permanent: stop at once ---------------------------------------------------------------------


@pytest.mark.django_db
def test_an_invalid_parameter_stops_at_once_and_is_not_sent_again(provider: FakeProvider):
    # given Meta refuses the request as invalid (400, code 100)
    row = message(contact(), "k1")
    provider.script("whatsapp", "wa_invalid_parameter")
    now = timezone.now()
    # when the outbox sweeps now and at +1, +5 and +15 minutes
    for minutes in (0, 1, 5, 15):
        outbox_deliver_due(now=now + timedelta(minutes=minutes))
    # then it was sent once, and failed with Meta's code
    row = fresh(row)
    assert len(provider.sent("whatsapp")) == 1
    assert (row.status, row.attempts, row.error_code, row.next_attempt_at) == (
        Outbox.Status.FAILED,
        1,
        "100",
        None,
    )
    assert row.last_error.startswith("ProviderRefusedError: (100) (#100) Invalid parameter")


@pytest.mark.django_db
def test_an_undeliverable_number_and_a_refused_telegram_chat_fail_with_their_codes(
    provider: FakeProvider,
):
    wa, tg = message(contact(), "wa"), message(contact("telegram"), "tg")
    provider.script("whatsapp", "wa_undeliverable")
    provider.script("telegram", "tg_bad_request")
    outbox_deliver_due()
    assert (fresh(wa).status, fresh(wa).error_code) == (Outbox.Status.FAILED, "131026")
    assert (fresh(tg).status, fresh(tg).error_code) == (Outbox.Status.FAILED, "400")
    assert "Bad Request: chat not found" in fresh(tg).last_error


@pytest.mark.django_db
def test_a_bot_the_person_blocked_is_remembered_and_not_sent_to_again(provider: FakeProvider):
    # given the person blocked the bot (Telegram answers 403)
    person = contact("telegram")
    provider.blocked_chats.add(CHAT_ID)
    first = message(person, "tg-1")
    outbox_deliver_due()
    # then the message fails as "blocked", and the contact is marked
    assert (fresh(first).status, fresh(first).error_code) == (Outbox.Status.FAILED, "blocked")
    assert ChatContact.objects.get(pk=person.pk).blocked_at is not None
    # and the next message fails the same without asking Telegram
    second = message(person, "tg-2")
    outbox_deliver_due()
    assert (fresh(second).status, fresh(second).error_code) == (Outbox.Status.FAILED, "blocked")
    assert len(provider.sent("telegram")) == 1


# --- transient: tried again, not before the provider says ----------------------------------------


@pytest.mark.django_db
def test_a_429_waits_for_retry_after_and_the_sweep_leaves_that_channel_alone(
    provider: FakeProvider,
):
    # given two WhatsApp messages and a Telegram one, and Meta answering 429, Retry-After: 300
    person = contact()
    first, second = message(person, "wa-1"), message(person, "wa-2")
    telegram = message(contact("telegram"), "tg-1")
    Outbox.objects.filter(pk=second.pk).update(next_attempt_at=first.next_attempt_at)
    provider.script("whatsapp", "throttled")
    now = timezone.now()
    outbox_deliver_due(now=now)
    # then the first waits five minutes (more than the first backoff of one minute) ...
    first = fresh(first)
    assert (first.status, first.attempts) == (Outbox.Status.PENDING, 1)
    assert first.next_attempt_at == now + timedelta(seconds=300)
    # ... the second was not tried in this sweep, and Telegram went on
    assert fresh(second).attempts == 0
    assert fresh(telegram).status == Outbox.Status.SENT
    assert len(provider.sent("whatsapp")) == 1
    # and both go out when their time comes
    outbox_deliver_due(now=now + timedelta(seconds=301))
    assert {fresh(first).status, fresh(second).status} == {Outbox.Status.SENT}


@pytest.mark.django_db
def test_telegram_flood_control_waits_retry_after_seconds(provider: FakeProvider):
    row = message(contact("telegram"), "tg")
    provider.script("telegram", "tg_flood")
    now = timezone.now()
    outbox_deliver_due(now=now)
    row = fresh(row)
    assert (row.status, row.next_attempt_at) == (
        Outbox.Status.PENDING,
        now + timedelta(seconds=600),
    )
    assert "429 Too Many Requests: retry after 600" in row.last_error


@pytest.mark.django_db
def test_rate_limits_outages_and_timeouts_are_tried_again_with_backoff(
    provider: FakeProvider, settings: Any
):
    # given Meta's throughput limit (400, 130429), then 503 (131016), then no answer in time
    settings.CHAT_HTTP_TIMEOUT = 1
    row = message(contact(), "k")
    provider.script("whatsapp", "wa_throughput", "wa_unavailable", "slow")
    now = timezone.now()
    waits = []
    for _ in range(3):
        outbox_deliver_due(now=now)
        row = fresh(row)
        assert row.next_attempt_at is not None
        waits.append((row.status, row.next_attempt_at - now, row.error_code))
        now = row.next_attempt_at
    # then each is tried again later: 1, 5, 15 minutes
    assert waits == [
        (Outbox.Status.PENDING, timedelta(minutes=1), ""),
        (Outbox.Status.PENDING, timedelta(minutes=5), ""),
        (Outbox.Status.PENDING, timedelta(minutes=15), ""),
    ]
    assert "timed out" in row.last_error
    # and the fourth try goes through
    outbox_deliver_due(now=now)
    assert (fresh(row).status, fresh(row).attempts) == (Outbox.Status.SENT, 4)


@pytest.mark.django_db
def test_an_sms_gateway_refusal_stops_and_its_outage_is_retried(provider: FakeProvider):
    refused = message(contact("sms"), "sms-1", body="")
    outbox_deliver_due()  # an empty text: the gateway says 400
    assert (fresh(refused).status, fresh(refused).error_code) == (Outbox.Status.FAILED, "400")
    down = message(contact("sms", ref="ref-sms-2"), "sms-2")
    provider.script("sms", "outage")
    outbox_deliver_due()
    assert (fresh(down).status, fresh(down).attempts) == (Outbox.Status.PENDING, 1)


# --- WhatsApp 131047: the approved template instead ----------------------------------------------


@pytest.mark.django_db
def test_131047_at_once_sends_the_case_update_again_as_the_template(provider: FakeProvider):
    # given a case update the outbox takes for within the window, and Meta saying it is not
    row = message(contact(), "case-update", data={"case": 1, "template": TEMPLATE})
    provider.script("whatsapp", "wa_outside_window")
    outbox_deliver_due()
    # then the same sweep sent it again as the approved template, and it waits for an answer
    first, second = (r.json() for r in provider.sent("whatsapp"))
    assert (first["type"], second["type"]) == ("text", "template")
    assert [p["text"] for p in second["template"]["components"][0]["parameters"]] == TEMPLATE
    row = fresh(row)
    assert (row.status, row.attempts, row.held, row.provider_id) == (
        Outbox.Status.SENT,
        1,
        True,
        "wamid.OUT000002",
    )


@pytest.mark.django_db
def test_131047_on_an_answer_without_template_fails_with_that_code(provider: FakeProvider):
    row = message(contact(), "chat-answer")
    provider.script("whatsapp", "wa_outside_window")
    outbox_deliver_due()
    assert (fresh(row).status, fresh(row).error_code) == (Outbox.Status.FAILED, "131047")
    assert len(provider.sent("whatsapp")) == 1


def test_131047_as_a_failed_status_sends_the_template_and_131026_marks_the_message(
    territory, provider, post_whatsapp
):
    # given a case update sent as text, whose wamid the status fixture names
    status = fixture("whatsapp_status_failed.json")
    wamid = status["entry"][0]["changes"][0]["value"]["statuses"][0]["id"]
    update = message(contact(), "case-update", data={"case": 1, "template": TEMPLATE})
    Outbox.objects.filter(pk=update.pk).update(
        status=Outbox.Status.SENT, provider_id=wamid, receipt=Outbox.Receipt.SENT
    )
    # when Meta reports it failed with 131047
    assert post_whatsapp(status) == 200
    run_worker()
    # then it went again as the template
    sent = provider.sent("whatsapp")
    assert [r.json()["type"] for r in sent] == ["template"]
    update = fresh(update)
    assert (update.status, update.held, update.provider_id, update.receipt) == (
        Outbox.Status.SENT,
        True,
        "wamid.OUT000001",
        Outbox.Receipt.NONE,
    )
    # and a status for a number that cannot receive keeps Meta's code on the message
    undeliverable = fixture("whatsapp_status_undeliverable.json")
    Outbox.objects.filter(pk=update.pk).update(provider_id=wamid)
    assert post_whatsapp(undeliverable) == 200
    update = fresh(update)
    assert (update.receipt, update.error_code, update.last_error) == (
        Outbox.Receipt.FAILED,
        "131026",
        "provider: Message Undeliverable",
    )
    assert len(provider.sent("whatsapp")) == 1


# --- the case's handler sees what did not arrive -------------------------------------------------


@pytest.mark.django_db
def test_a_refused_case_update_shows_on_the_case_page_without_the_number(
    provider: FakeProvider, sign_in, bhabin_a, officer_b
):
    # given a case filed by WhatsApp, and the officer's reply refused by Meta (131026)
    person = contact()
    case = case_services.case_submit(
        category=Category.objects.get(slug="balap-liar"),
        area=Area.objects.get(code="64.74.01.1002"),
        description="Balap liar tiap malam.",
        channel=Case.Channel.WHATSAPP,
        reporter=case_services.ReporterIn(chat_contact_id=person.pk),
    ).case
    page = sign_in(bhabin_a).get(f"/petugas/laporan/{case.pk}/")
    assert "Pesan ke pelapor tidak sampai" not in page.text
    case_services.case_reply(case=case, by=bhabin_a, message="Kami patroli malam ini.")
    provider.script("whatsapp", "wa_undeliverable")
    outbox_deliver_due()
    # when the handler opens the case
    page = sign_in(bhabin_a).get(f"/petugas/laporan/{case.pk}/")
    # then the failed message and its reason are there, the number is not
    assert "Pesan ke pelapor tidak sampai" in page.text
    assert "Nomor ini tidak dapat menerima pesan WhatsApp." in page.text
    assert "petugas membalas:" in page.text
    assert "Kami patroli malam ini." in page.text
    assert SENDER not in page.text
    # and an officer of another district still cannot open the case at all
    assert sign_in(officer_b).get(f"/petugas/laporan/{case.pk}/").status_code == 404
