from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image

from conftest import make_official
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, CaseEvent, Reporter
from sinergi.messaging.models import ChatContact, ChatLine, Conversation, InboundEvent, Outbox
from sinergi.messaging.tests.conftest import fixture, run_worker
from sinergi.messaging.tests.fakeprovider import FakeProvider
from sinergi.units.models import Post as UnitPost
from sinergi.units.models import Unit

VILLAGE_A = "64.74.01.1002"
SENDER = "6281200000001"
PHONE_ID = "106540352242922"

Post = Callable[..., int]


class Chat:
    """A citizen on WhatsApp: each call sends one documented payload with a fresh wamid."""

    def __init__(self, post: Post) -> None:
        self.post = post
        self.n = 0

    def _send(self, name: str, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        payload: dict[str, Any] = fixture(name)
        message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
        self.n += 1
        message["id"] = f"wamid.TEST{self.n:04d}"
        message.pop("context", None)
        change(message)
        assert self.post(payload) == 200
        run_worker()
        return payload

    def text(self, body: str, *, context: str = "") -> dict[str, Any]:
        def change(m: dict[str, Any]) -> None:
            m["text"]["body"] = body
            if context:
                m["context"] = {"from": "6285100000000", "id": context}

        return self._send("whatsapp_text.json", change)

    def pick(self, choice: str) -> dict[str, Any]:
        def change(m: dict[str, Any]) -> None:
            m["interactive"]["list_reply"]["id"] = choice

        return self._send("whatsapp_interactive_list_reply.json", change)

    def button(self, choice: str) -> dict[str, Any]:
        def change(m: dict[str, Any]) -> None:
            m["interactive"]["button_reply"]["id"] = choice

        return self._send("whatsapp_interactive_button_reply.json", change)

    def location(self) -> dict[str, Any]:
        return self._send("whatsapp_location.json", lambda m: None)

    def photo(self) -> dict[str, Any]:
        return self._send("whatsapp_image.json", lambda m: None)


def last_text(provider: FakeProvider) -> str:
    return provider.texts("whatsapp")[-1]


def file_by_chat(chat: Chat, provider: FakeProvider, *, photo: bool = False) -> dict[str, Any]:
    """The whole guided conversation up to the confirmation question; returns nothing filed."""
    chat.text("Halo, saya mau lapor")
    assert "Apa yang ingin Anda laporkan?" in last_text(provider)
    chat.pick("kind:aspirasi")
    assert "Pilih kategorinya" in last_text(provider)
    chat.pick("cat:balap-liar")
    assert "Di mana kejadiannya?" in last_text(provider)
    chat.text("Bontang Baru")
    assert "Lokasi: Bontang Baru" in last_text(provider)
    chat.text("Balap liar tiap malam Minggu di depan pasar.")
    assert "Ada foto?" in last_text(provider)
    if photo:
        chat.photo()
    else:
        chat.button("photo:skip")
    assert "Kirim laporan ini?" in last_text(provider)
    return {}


def test_the_subscription_handshake_echoes_the_challenge(client, provider):
    ok = client.get(
        "/webhook/whatsapp/",
        {"hub.mode": "subscribe", "hub.verify_token": "token-verifikasi", "hub.challenge": "1158"},
    )
    wrong = client.get(
        "/webhook/whatsapp/",
        {"hub.mode": "subscribe", "hub.verify_token": "salah", "hub.challenge": "1158"},
    )
    assert (ok.status_code, ok.text, wrong.status_code) == (200, "1158", 403)


def test_a_bad_signature_is_refused_and_nothing_is_stored(territory, provider, post_whatsapp):
    # when a payload is signed with another secret, or not signed at all
    refused = post_whatsapp(fixture("whatsapp_text.json"), secret="bukan-rahasianya")
    # then 403, and no event, task, contact or case exists
    assert refused == 403
    assert not InboundEvent.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert not ChatContact.objects.exists()
    assert not Case.objects.exists()


def test_a_full_conversation_files_a_case_in_the_right_village(territory, provider, post_whatsapp):
    # given a citizen chatting from WhatsApp
    chat = Chat(post_whatsapp)
    file_by_chat(chat, provider, photo=True)
    # when they confirm
    chat.button("confirm:yes")
    # then one case is filed in Bontang Baru, owned by its village forum (Tiga Pilar)
    case = Case.objects.get()
    assert (case.area_id, case.owner_area_id, case.channel, case.category.slug) == (
        VILLAGE_A,
        VILLAGE_A,
        Case.Channel.WHATSAPP,
        "balap-liar",
    )
    assert case.description == "Balap liar tiap malam Minggu di depan pasar."
    assert case.events.filter(kind=CaseEvent.Kind.SUBMITTED).count() == 1
    # and the photo was downloaded from the provider with the token, and kept without EXIF
    media_calls = [r for r in provider.requests if r.method == "GET"]
    assert media_calls[0].path == "/1003383421387256"
    assert media_calls[0].headers["Authorization"] == "Bearer akses-uji"
    with case.photo.open() as f, Image.open(io.BytesIO(f.read())) as image:
        assert not image.getexif()
    # and the citizen got the tracking code in the chat
    assert case.tracking_code in last_text(provider)
    assert Conversation.objects.get().state == Conversation.State.IDLE
    # and the reporter is a pseudonymous chat contact: the number is not on the case
    reporter = Reporter.objects.get(case=case)
    assert (reporter.anonymous, reporter.phone, reporter.email) == (True, "", "")
    contact = ChatContact.objects.get()
    assert reporter.chat_contact == contact
    assert SENDER not in contact.ref
    assert not Outbox.objects.filter(to__contains=SENDER).exists()
    # and every answer went to the sender's number through the fake Graph API
    assert {r.json()["to"] for r in provider.sent("whatsapp")} == {SENDER}
    assert {r.path for r in provider.sent("whatsapp")} == {f"/{PHONE_ID}/messages"}


def test_a_location_share_finds_the_nearest_village(territory, provider, post_whatsapp):
    chat = Chat(post_whatsapp)
    chat.text("Halo")
    chat.pick("kind:aspirasi")
    chat.pick("cat:balap-liar")
    chat.location()
    assert "Lokasi: Bontang Baru" in last_text(provider)
    chat.text("Balap liar.")
    chat.button("photo:skip")
    chat.button("confirm:yes")
    case = Case.objects.get()
    assert (case.area_id, case.latitude, case.longitude) == (VILLAGE_A, 0.1445, 117.494)


def test_the_same_confirmation_delivered_three_times_creates_one_case(
    territory, provider, post_whatsapp
):
    chat = Chat(post_whatsapp)
    file_by_chat(chat, provider)
    # when Meta delivers the confirming message three times
    payload = chat.button("confirm:yes")
    assert post_whatsapp(payload) == 200
    assert post_whatsapp(payload) == 200
    run_worker()
    # then one case, one stored event for that wamid, one "received" answer
    assert Case.objects.count() == 1
    assert InboundEvent.objects.filter(external_id="wamid.TEST0007").count() == 1
    code = Case.objects.get().tracking_code
    assert sum(code in text for text in provider.texts("whatsapp")) == 1


def test_an_officer_reply_and_status_change_reach_the_citizen(territory, provider, post_whatsapp):
    # given a case filed by WhatsApp and the village's Bhabinkamtibmas
    bhabin = make_official(
        "bhabin_a", "polsek:64.74.01", UnitPost.Title.BHABINKAMTIBMAS, (VILLAGE_A,)
    )
    chat = Chat(post_whatsapp)
    file_by_chat(chat, provider)
    chat.button("confirm:yes")
    case = Case.objects.get()
    sent_before = len(provider.sent("whatsapp"))
    # when the officer replies publicly, then resolves the case
    case_services.case_reply(case=case, by=bhabin, message="Kami patroli malam ini.")
    run_worker()
    # then the reply reaches the citizen's number through the fake provider as plain text
    reply = provider.sent("whatsapp")[sent_before].json()
    assert (reply["to"], reply["type"]) == (SENDER, "text")
    assert "Kami patroli malam ini." in reply["text"]["body"]
    assert case.tracking_code in reply["text"]["body"]
    # and, more than 24 hours after the citizen's last message, the update goes as a template
    ChatContact.objects.update(last_inbound_at=timezone.now() - timedelta(hours=25))
    case_services.case_resolve(case=Case.objects.get(), by=bhabin, note="Sudah dipatroli.")
    run_worker()
    template = provider.sent("whatsapp")[-1].json()
    assert template["type"] == "template"
    assert template["template"]["name"] == "sinergi_perkembangan_laporan"
    parameters = template["template"]["components"][0]["parameters"]
    assert [p["text"] for p in parameters] == [case.tracking_code, "Selesai"]
    outbox = Outbox.objects.filter(data__case=case.pk, key__contains=":event:")
    assert {(m.status, m.provider_id.startswith("wamid.OUT")) for m in outbox} == {
        (Outbox.Status.SENT, True)
    }


def test_a_reply_to_a_case_message_joins_the_case_thread(territory, provider, post_whatsapp):
    chat = Chat(post_whatsapp)
    file_by_chat(chat, provider)
    chat.button("confirm:yes")
    case = Case.objects.get()
    confirmation = Outbox.objects.get(data__case=case.pk)
    # when the citizen answers that message (WhatsApp's context.id names it)
    chat.text("Tadi malam mereka datang lagi.", context=confirmation.provider_id)
    # then it is on the case's timeline for the handlers, and no new conversation started
    note = case.events.get(kind=CaseEvent.Kind.NOTED)
    assert (note.message, note.public, note.data["from_reporter"]) == (
        "Tadi malam mereka datang lagi.",
        False,
        True,
    )
    # written down as this reporter's, so their tracking page shows it back to them alone
    assert note.data["reporter"] == case.reporters.get().pk
    assert "diteruskan ke petugas" in last_text(provider)
    assert Conversation.objects.get().state == Conversation.State.IDLE


def test_cek_returns_the_status_and_batal_stops(territory, provider, post_whatsapp):
    chat = Chat(post_whatsapp)
    file_by_chat(chat, provider)
    chat.button("confirm:yes")
    code = Case.objects.get().tracking_code
    chat.text(f"cek {code.lower()}")
    assert last_text(provider) == f"Laporan {code}: Baru."
    chat.text("Halo")
    chat.pick("kind:aspirasi")
    chat.text("BATAL")
    assert "dibatalkan" in last_text(provider)
    assert Conversation.objects.get().state == Conversation.State.IDLE
    assert Case.objects.count() == 1


def test_a_polres_number_puts_its_own_villages_first(territory, provider, post_whatsapp):
    # given the number belongs to Polres Bontang
    ChatLine.objects.create(
        channel="whatsapp", account=PHONE_ID, unit=Unit.objects.get(key="polres:64.74")
    )
    chat = Chat(post_whatsapp)
    chat.text("Halo")
    chat.pick("kind:aspirasi")
    chat.pick("cat:balap-liar")
    # when the citizen types a name found in both test regencies' villages ("Baru")
    chat.text("Baru")
    # then the list starts with villages of Bontang
    rows = provider.sent("whatsapp")[-1].json()["interactive"]["action"]["sections"][0]["rows"]
    assert rows[0]["id"].startswith("area:64.74.")


def test_receipts_out_of_order_keep_the_highest(territory, provider, post_whatsapp):
    # given a message we sent
    payload = fixture("whatsapp_statuses.json")
    wamid = payload["entry"][0]["changes"][0]["value"]["statuses"][0]["id"]
    contact = ChatContact.objects.create(channel="whatsapp", ref="r1", address=SENDER)
    message = Outbox.objects.create(
        channel="whatsapp",
        to=contact.ref,
        body="x",
        key="k",
        provider_id=wamid,
        status=Outbox.Status.SENT,
    )
    # when "read" arrives before "delivered", and later a failure report
    assert post_whatsapp(payload) == 200
    assert post_whatsapp(fixture("whatsapp_status_failed.json")) == 200
    # then the highest state stays
    message.refresh_from_db()
    assert message.receipt == Outbox.Receipt.READ
    # and a failure on an unread message is kept for the admins
    Outbox.objects.filter(pk=message.pk).update(receipt=Outbox.Receipt.SENT)
    assert post_whatsapp(fixture("whatsapp_status_failed.json")) == 200
    message.refresh_from_db()
    assert message.receipt == Outbox.Receipt.FAILED
    assert message.last_error == "provider: Re-engagement message"


def test_malformed_and_unknown_payloads_are_logged_and_answered_200(
    territory, provider, post_whatsapp, caplog
):
    caplog.set_level(logging.INFO, logger="sinergi.messaging")
    no_metadata = fixture("whatsapp_text.json")
    del no_metadata["entry"][0]["changes"][0]["value"]["metadata"]
    no_id = fixture("whatsapp_text.json")
    del no_id["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    sticker = fixture("whatsapp_text.json")
    message = sticker["entry"][0]["changes"][0]["value"]["messages"][0]
    message.update(type="sticker", sticker={"id": "1", "mime_type": "image/webp"})
    del message["text"]
    answers = [
        post_whatsapp(None, raw=b"{not json"),
        post_whatsapp(None, raw=json.dumps([1, 2]).encode()),
        post_whatsapp(fixture("whatsapp_account_update.json")),
        post_whatsapp(no_metadata),
        post_whatsapp(no_id),
        post_whatsapp(sticker),
    ]
    run_worker()
    assert answers == [200] * 6
    assert "unreadable payload" in caplog.text
    assert "'account_update' ignored" in caplog.text
    assert "unreadable change" in caplog.text
    assert "unreadable message ignored" in caplog.text
    # the log says what was wrong, never what the citizen sent (their number, their words)
    sender = fixture("whatsapp_text.json")["entry"][0]["changes"][0]["value"]["messages"][0]["from"]
    assert "id: missing" in caplog.text
    assert sender not in caplog.text
    # only the sticker was a message: stored, processed, and (outside a report) not answered
    event = InboundEvent.objects.get()
    assert (event.processed_at is not None, event.error) == (True, "")
    assert provider.sent() == []
    assert not Case.objects.exists()


def test_a_provider_outage_is_retried_and_visible(territory, provider, post_whatsapp):
    provider.fail = True
    Chat(post_whatsapp).text("Halo")
    message = Outbox.objects.get()
    assert (message.status, message.attempts) == (Outbox.Status.PENDING, 1)
    assert "500" in message.last_error


def test_a_report_left_half_way_is_forgotten_after_twelve_hours(territory, provider, post_whatsapp):
    chat = Chat(post_whatsapp)
    chat.text("Halo")
    chat.pick("kind:aspirasi")
    Conversation.objects.update(updated_at=timezone.now() - timedelta(hours=13))
    # when the citizen writes again the next day, the greeting is not taken as a category
    chat.text("Halo lagi")
    assert "Apa yang ingin Anda laporkan?" in last_text(provider)
    assert Conversation.objects.get().state == Conversation.State.KIND


def test_a_photo_the_storage_cannot_take_is_refused_and_the_report_goes_on_without_it(
    territory, provider, post_whatsapp, settings, tmp_path
):
    # given media storage that cannot be written (its folder lies under a regular file)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    chat = Chat(post_whatsapp)
    chat.text("Halo, saya mau lapor")
    chat.pick("kind:aspirasi")
    chat.pick("cat:balap-liar")
    chat.text("Bontang Baru")
    chat.text("Balap liar tiap malam Minggu di depan pasar.")
    assert "Ada foto?" in last_text(provider)
    # when the citizen sends a photo
    chat.photo()
    # then they are told so, and may skip the photo; nothing was kept
    assert last_text(provider) == (
        "Foto tidak dapat disimpan saat ini. Coba lagi tanpa foto atau nanti. "
        "Kirim foto lain, atau pilih Lewati."
    )
    assert "photo" not in Conversation.objects.get().data
    assert not Case.objects.exists()
    chat.button("photo:skip")
    chat.button("confirm:yes")
    assert Case.objects.get().photo.name == ""
    assert list(tmp_path.rglob("*")) == [blocker]
