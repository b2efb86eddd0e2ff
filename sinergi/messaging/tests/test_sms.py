from __future__ import annotations

import logging
from urllib.parse import urlencode

from sinergi.cases.models import Case
from sinergi.messaging.chat import sign
from sinergi.messaging.models import ChatContact, InboundEvent
from sinergi.messaging.tests.conftest import SMS_SECRET, fixture, run_worker
from sinergi.messaging.tests.fakeprovider import FakeProvider

VILLAGE_A = "64.74.01.1002"


def texts(provider: FakeProvider) -> list[str]:
    return provider.texts("sms")


def test_a_bad_signature_is_refused_and_nothing_is_stored(territory, provider, post_sms):
    form = urlencode(fixture("sms_incoming.json")).encode()
    assert post_sms(form, secret="salah") == 403
    assert not InboundEvent.objects.exists()
    assert not ChatContact.objects.exists()


def test_plain_text_with_numbers_files_a_case_and_replays_change_nothing(
    territory, provider, post_sms
):
    sent: list[bytes] = []

    def say(text: str) -> None:
        message = {**fixture("sms_incoming.json"), "text": text, "id": f"gw-{len(sent) + 1}"}
        form = urlencode(message).encode()
        sent.append(form)
        assert post_sms(form) == 200
        run_worker()

    say("halo")
    assert "1. Aspirasi / keluhan kamtibmas" in texts(provider)[-1]
    say("1")
    assert "2. Balap liar / knalpot brong" in texts(provider)[-1]
    say("2")
    say("bontang baru")
    say("Knalpot brong tiap malam di depan masjid.")
    say("lewati")
    say("1")
    case = Case.objects.get()
    assert (case.area_id, case.owner_area_id, case.channel, case.category.slug) == (
        VILLAGE_A,
        VILLAGE_A,
        "sms",
        "balap-liar",
    )
    assert case.tracking_code in texts(provider)[-1]
    # the gateway got signed forms addressed to the sender
    last = provider.sent("sms")[-1]
    assert last.form()["to"] == "+6281200000001"
    assert last.headers["X-Signature"] == sign(SMS_SECRET, last.body)
    # when the gateway delivers the confirming SMS three times in all
    assert post_sms(sent[-1]) == 200
    assert post_sms(sent[-1]) == 200
    run_worker()
    assert Case.objects.count() == 1
    assert sum(case.tracking_code in t for t in texts(provider)) == 1


def test_a_form_without_sender_is_logged_and_answered_200(territory, provider, post_sms, caplog):
    caplog.set_level(logging.INFO, logger="sinergi.messaging")
    assert post_sms(b"text=halo&id=gw-9") == 200
    assert post_sms(b"\xff\xfe") == 200
    assert "unreadable message" in caplog.text
    assert not InboundEvent.objects.exists()
