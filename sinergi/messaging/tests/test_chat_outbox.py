"""The chat side of the outbox and of case notifications, through services (no HTTP)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sinergi.areas.models import Area
from sinergi.cases import access
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.messaging.models import ChatContact, InboundEvent, Outbox
from sinergi.messaging.services import inbound_forget, inbound_store
from sinergi.messaging.whatsapp import transport

pytestmark = pytest.mark.django_db


def chat_case(slug: str) -> tuple[Case, ChatContact]:
    contact = ChatContact.objects.create(channel="whatsapp", account="1", ref="ab12", address="62")
    case = case_services.case_submit(
        category=Category.objects.get(slug=slug),
        area=Area.objects.get(code="64.74.01.1002"),
        description="Ada yang mencurigakan.",
        channel=Case.Channel.WHATSAPP,
        reporter=case_services.ReporterIn(chat_contact_id=contact.pk),
    ).case
    return case, contact


def test_a_public_step_goes_back_through_the_chat_once(bhabin_a):
    case, contact = chat_case("balap-liar")
    case_services.case_reply(case=case, by=bhabin_a, message="Kami patroli malam ini.")
    case_services.case_note(case=case, by=bhabin_a, message="internal")
    message = Outbox.objects.get(channel="whatsapp")
    assert (message.to, message.data["case"]) == (contact.ref, case.pk)
    assert "Kami patroli malam ini." in message.body


def test_a_withheld_reporters_chat_contact_is_hidden_like_the_reporter(bhabin_a, kapolsek_a):
    # given a withheld category filed by chat
    case, _ = chat_case("narkoba")
    # then even the handlers do not see the reporter (and so not the contact) without a release
    assert not access.can_see_reporter(bhabin_a, case)
    assert not access.can_see_reporter(kapolsek_a, case)
    # the contact is a keyed hash, the case holds no number
    assert case.reporters.get().phone == ""


def test_failed_chat_deliveries_and_inbound_errors_are_listed_for_admins(sign_in, admin):
    admin.is_staff = admin.is_superuser = True
    admin.save()
    Outbox.objects.create(
        channel="telegram",
        to="ab12",
        body="x",
        key="k1",
        status=Outbox.Status.FAILED,
        last_error="ProviderError: HTTP Error 500",
    )
    InboundEvent.objects.create(
        channel="telegram", external_id="1:2", payload={}, error="ValidationError: x"
    )
    client = sign_in(admin)
    outbox = client.get("/kelola/messaging/outbox/?status__exact=failed")
    inbound = client.get("/kelola/messaging/inboundevent/")
    assert "ProviderError: HTTP Error 500" in outbox.text
    assert "ValidationError: x" in inbound.text


def test_a_chat_follow_up_tells_the_owning_forum_each_time(bhabin_a, kapolsek_a):
    bhabin_a.email = "bhabin_a@polri.example"
    bhabin_a.save()
    case, _ = chat_case("balap-liar")
    Outbox.objects.all().delete()
    case_services.case_reporter_message(case=case, message="Mereka datang lagi.", channel="sms")
    case_services.case_reporter_message(case=case, message="Dan lagi.", channel="sms")
    bodies = list(Outbox.objects.order_by("pk").values_list("to", "body"))
    assert [to for to, _ in bodies] == ["bhabin_a@polri.example"] * 2
    assert "Mereka datang lagi." in bodies[0][1]
    assert "Dan lagi." in bodies[1][1]


def test_officers_see_a_chat_follow_up_labelled_on_the_case_page(sign_in, bhabin_a):
    case, _ = chat_case("balap-liar")
    case_services.case_reporter_message(case=case, message="Mereka datang lagi.", channel="sms")
    page = sign_in(bhabin_a).get(f"/petugas/laporan/{case.pk}/")
    assert "Pesan pelapor lewat chat" in page.text
    assert "Mereka datang lagi." in page.text


def test_long_choice_names_keep_their_full_text_in_a_whatsapp_list():
    contact = ChatContact(channel="whatsapp", account="1", ref="r", address="62")
    titles = ["Gangguan kamtibmas di lingkungan", "Balap liar", "Lain", "X"]
    choices = [{"id": f"cat:{n}", "title": t, "description": ""} for n, t in enumerate(titles)]
    message = Outbox(channel="whatsapp", body="Pilih", data={"choices": choices})
    rows = transport.build(message, contact)["interactive"]["action"]["sections"][0]["rows"]
    assert rows[0] == {
        "id": "cat:0",
        "title": "Gangguan kamtibmas di\u2026",
        "description": "Gangguan kamtibmas di lingkungan",
    }
    assert rows[1] == {"id": "cat:1", "title": "Balap liar", "description": ""}


def test_old_raw_payloads_are_forgotten_but_replays_still_recognised(settings):
    settings.CHAT_RAW_KEEP_DAYS = 30
    now = timezone.now()
    old = InboundEvent.objects.create(
        channel="sms",
        external_id="gw-1",
        payload={"sender": "+62812"},
        processed_at=now - timedelta(days=31),
    )
    recent = InboundEvent.objects.create(
        channel="sms",
        external_id="gw-2",
        payload={"sender": "+62812"},
        processed_at=now - timedelta(days=29),
    )
    unprocessed = InboundEvent.objects.create(channel="sms", external_id="gw-3", payload={"a": 1})
    assert inbound_forget(now=now) == 1
    assert inbound_forget(now=now) == 0
    old.refresh_from_db()
    assert old.payload == {}
    assert InboundEvent.objects.get(pk=recent.pk).payload == {"sender": "+62812"}
    assert InboundEvent.objects.get(pk=unprocessed.pk).payload == {"a": 1}
    assert inbound_store(channel="sms", external_id="gw-1", payload={"x": 1}) is None
