"""Every documented inbound kind has a deliberate answer: reactions, deleted messages and system
notices are silent; stickers, voice notes and what the provider cannot show us are said to be
unreadable and the question asked again; none restarts the conversation. Greetings and /start
half-way ask whether to go on; someone with an open case is offered to add to it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from sinergi.cases.models import Case, CaseEvent
from sinergi.messaging.chat import KINDS
from sinergi.messaging.models import ChatContact, Conversation, InboundEvent, Outbox
from sinergi.messaging.services import outbox_deliver_due
from sinergi.messaging.telegram.payloads import to_inbound as tg_inbound
from sinergi.messaging.tests.conftest import TelegramChat, WhatsApp, fixture, run_worker
from sinergi.messaging.tests.fakeprovider import FakeProvider
from sinergi.messaging.whatsapp.payloads import to_inbound as wa_inbound

SENDER = "6281200000001"
NEW_NUMBER = "6281300000002"
BSUID = "ID.1502576394655843"


def texts(provider: FakeProvider, channel: str = "whatsapp") -> list[str]:
    return provider.texts(channel)


def state() -> str:
    return Conversation.objects.get().state


def to_location_step(chat: WhatsApp) -> None:
    chat.text("Halo, saya mau lapor")
    chat.pick("kind:aspirasi")
    chat.pick("cat:balap-liar")
    assert state() == Conversation.State.LOCATION


# --- silent kinds --------------------------------------------------------------------------------


def test_a_reaction_and_a_deleted_message_get_no_answer_and_leave_the_report_as_it_was(
    territory, provider, post_whatsapp
):
    chat = WhatsApp(post_whatsapp)
    # outside a report: a 👍 on our message gets nothing (it used to get the whole menu)
    chat.send("whatsapp_reaction.json")
    chat.send("whatsapp_reaction.json", lambda m: m["reaction"].pop("emoji"))  # taken back
    assert provider.sent() == []
    # half-way through a report: nothing either, and the step is kept
    to_location_step(chat)
    sent = len(provider.sent())
    chat.send("whatsapp_reaction.json")
    chat.send("whatsapp_revoke.json")
    assert len(provider.sent()) == sent
    assert state() == Conversation.State.LOCATION
    # every event was stored and processed without error
    assert not InboundEvent.objects.exclude(error="").exists()
    assert not InboundEvent.objects.filter(processed_at__isnull=True).exists()


def test_a_changed_number_moves_the_contact_and_the_report_goes_on_from_the_new_one(
    territory, provider, post_whatsapp
):
    # given a citizen half-way through a report, and our messages to them
    chat = WhatsApp(post_whatsapp)
    to_location_step(chat)
    contact = ChatContact.objects.get()
    old_ref, ours = contact.ref, Outbox.objects.filter(to=contact.ref).count()
    # when WhatsApp says they changed their number
    chat.send("whatsapp_system_changed_number.json")
    # then the same contact now answers to the new number, with our messages, and nothing is sent
    contact.refresh_from_db()
    assert (contact.address, contact.ref != old_ref) == (NEW_NUMBER, True)
    assert Outbox.objects.filter(to=contact.ref).count() == ours
    assert not Outbox.objects.filter(to=old_ref).exists()
    assert len(provider.sent()) == ours

    # and a message from the new number goes on with the same report
    def from_new_number(m: dict[str, Any]) -> None:
        m["from"] = NEW_NUMBER
        m["text"]["body"] = "Bontang Baru"

    chat.send("whatsapp_text.json", from_new_number)
    assert ChatContact.objects.count() == 1
    assert state() == Conversation.State.DESCRIPTION
    assert provider.sent("whatsapp")[-1].json()["to"] == NEW_NUMBER


# --- unreadable kinds: said so, the question again -----------------------------------------------


def test_a_sticker_or_a_voice_note_half_way_repeats_the_question_without_restarting(
    territory, provider, post_whatsapp
):
    chat = WhatsApp(post_whatsapp)
    chat.text("Halo")
    chat.pick("kind:aspirasi")
    categories = provider.sent("whatsapp")[-1].json()["interactive"]
    # when a sticker comes at the category question
    chat.send("whatsapp_sticker.json")
    # then it is said to be unreadable, and the same question comes with the same choices
    again = provider.sent("whatsapp")[-1].json()["interactive"]
    assert again["body"]["text"] == "Stiker tidak dapat kami baca.\n\nPilih kategorinya:"
    assert again["action"] == categories["action"]
    assert state() == Conversation.State.CATEGORY
    # and a voice note at the place question asks for the place again
    chat.pick("cat:balap-liar")
    chat.send("whatsapp_voice.json")
    assert texts(provider)[-1] == (
        "Pesan suara belum dapat kami dengarkan. Mohon ketik pesan Anda.\n\n"
        "Di mana kejadiannya? Kirim lokasi Anda (fitur Bagikan Lokasi), atau ketik nama desa "
        "atau kelurahan."
    )
    assert state() == Conversation.State.LOCATION


def test_an_unsupported_message_outside_a_report_is_said_to_be_unreadable(
    territory, provider, post_whatsapp
):
    WhatsApp(post_whatsapp).send("whatsapp_unsupported.json")
    assert texts(provider) == [
        "Jenis pesan ini tidak dapat kami baca. Mohon ketik pesan Anda. "
        "Ketik pesan apa saja untuk membuat laporan."
    ]
    assert Conversation.objects.get().state == Conversation.State.IDLE


def test_a_sticker_and_a_voice_note_on_telegram(territory, provider, post_telegram):
    chat = TelegramChat(post_telegram)
    chat.send("telegram_sticker.json")  # outside a report: a wave, a thank-you
    assert provider.sent("telegram") == []
    chat.text("/start")
    chat.send("telegram_voice.json")
    assert texts(provider, "telegram")[-1].startswith(
        "Pesan suara belum dapat kami dengarkan. Mohon ketik pesan Anda.\n\n"
        "Apa yang ingin Anda laporkan?"
    )
    assert state() == Conversation.State.KIND


# --- who the sender is ---------------------------------------------------------------------------


def test_a_username_user_without_a_number_is_answered_by_their_user_id(
    territory, provider, post_whatsapp
):
    # when a WhatsApp user with a username (no phone number in the webhook) writes
    payload = fixture("whatsapp_username_text.json")
    assert post_whatsapp(payload) == 200
    run_worker()
    # then they get the menu, addressed by their business-scoped user id
    answer = provider.sent("whatsapp")[-1].json()
    assert (answer.get("to"), answer["recipient"]) == (None, BSUID)
    assert answer["interactive"]["body"]["text"].endswith("Apa yang ingin Anda laporkan?")
    contact = ChatContact.objects.get()
    assert (contact.address, contact.user_id) == ("", BSUID)
    assert BSUID not in contact.ref


def test_a_batched_post_answers_every_sender_and_records_the_status(
    territory, provider, post_whatsapp
):
    payload = fixture("whatsapp_batched.json")
    wamid = payload["entry"][1]["changes"][0]["value"]["statuses"][0]["id"]
    ours = Outbox.objects.create(
        channel="whatsapp", to="x", body="x", key="k", provider_id=wamid, status="sent"
    )
    assert post_whatsapp(payload) == 200
    run_worker()
    assert {r.json()["to"] for r in provider.sent("whatsapp")} == {SENDER, "6281200000002"}
    assert InboundEvent.objects.count() == 2
    assert Outbox.objects.get(pk=ours.pk).receipt == Outbox.Receipt.DELIVERED


def test_a_telegram_button_on_a_message_too_old_to_come_along_still_counts(
    territory, provider, post_telegram
):
    chat = TelegramChat(post_telegram)
    chat.text("/start")
    chat.send("telegram_callback_without_message.json")
    assert state() == Conversation.State.CATEGORY
    assert provider.sent("telegram")[-1].json()["chat_id"] == 700000001


def test_a_blocked_bot_is_remembered_from_my_chat_member_and_forgotten_on_unblock(
    territory, provider, post_telegram
):
    chat = TelegramChat(post_telegram)
    chat.text("/start")
    sent = len(provider.sent("telegram"))
    # when the person blocks the bot
    chat.send("telegram_my_chat_member_kicked.json")
    # then nothing is sent to them (not even an answer), and a message for them fails at once
    contact = ChatContact.objects.get()
    assert contact.blocked_at is not None
    Outbox.objects.create(
        channel="telegram",
        to=contact.ref,
        body="x",
        key="after-block",
        next_attempt_at=timezone.now(),
    )
    outbox_deliver_due()
    assert Outbox.objects.get(key="after-block").error_code == "blocked"
    assert len(provider.sent("telegram")) == sent
    # and unblocking lets messages through again
    chat.send(
        "telegram_my_chat_member_kicked.json",
        lambda u: u["my_chat_member"]["new_chat_member"].update(status="member"),
    )
    assert ChatContact.objects.get().blocked_at is None


# --- greetings half-way, an open case ------------------------------------------------------------


def test_a_greeting_half_way_asks_to_go_on_or_start_anew_instead_of_looking_up_a_village(
    territory, provider, post_whatsapp
):
    chat = WhatsApp(post_whatsapp)
    to_location_step(chat)
    # when the citizen greets at the place question
    chat.text("Halo")
    # then they are asked, not told "Desa Halo tidak ditemukan"
    answer = provider.sent("whatsapp")[-1].json()["interactive"]
    assert answer["body"]["text"] == (
        "Anda punya laporan yang belum selesai. Lanjutkan atau mulai baru?"
    )
    assert [b["reply"]["title"] for b in answer["action"]["buttons"]] == [
        "Lanjutkan",
        "Mulai baru",
    ]
    assert not any("tidak ditemukan" in t for t in texts(provider))
    # when they go on, the place question comes again and the category is kept
    chat.press("resume:go")
    assert texts(provider)[-1].startswith("Di mana kejadiannya?")
    talk = Conversation.objects.get()
    assert (talk.state, talk.data["category"]) == (Conversation.State.LOCATION, "balap-liar")
    # and "Mulai baru" starts afresh
    chat.text("Selamat malam pak")
    chat.press("resume:new")
    assert texts(provider)[-1].endswith("Apa yang ingin Anda laporkan?")
    assert Conversation.objects.get().data.get("category") is None


def test_start_half_way_on_telegram_asks_to_go_on(territory, provider, post_telegram):
    chat = TelegramChat(post_telegram)
    chat.text("/start")
    chat.press("kind:aspirasi")
    chat.text("/start")
    assert texts(provider, "telegram")[-1] == (
        "Anda punya laporan yang belum selesai. Lanjutkan atau mulai baru?"
    )
    chat.press("resume:go")
    assert texts(provider, "telegram")[-1] == "Pilih kategorinya:"
    assert state() == Conversation.State.CATEGORY


def test_someone_with_an_open_case_is_offered_to_add_to_it(territory, provider, post_whatsapp):
    # given a case filed by this citizen, still open
    chat = WhatsApp(post_whatsapp)
    to_location_step(chat)
    chat.text("Bontang Baru")
    chat.text("Balap liar tiap malam Minggu.")
    chat.press("photo:skip")
    chat.press("confirm:yes")
    case = Case.objects.get()
    # when they greet again (not as a reply to our message), twice
    offer = (
        f"Laporan Anda {case.tracking_code} masih berjalan (status: Baru). Ingin menambah "
        "keterangan untuk laporan itu, atau membuat laporan baru?"
    )
    chat.text("Halo pak")
    assert texts(provider)[-1] == offer
    chat.text("Halo")
    assert texts(provider)[-1] == offer
    chat.press("note:add")
    assert texts(provider)[-1] == f"Tulis keterangan tambahan untuk laporan {case.tracking_code}."
    chat.text("Mereka datang lagi tadi malam.")
    # then it is on the case for the handlers
    note = case.events.get(kind=CaseEvent.Kind.NOTED)
    assert (note.message, note.data["from_reporter"]) == ("Mereka datang lagi tadi malam.", True)
    # and a message written straight away is offered as it is
    chat.text("Sekarang pakai motor tanpa plat.")
    assert "Tambahkan pesan ini ke laporan itu" in texts(provider)[-1]
    chat.press("note:add")
    assert list(
        case.events.filter(kind=CaseEvent.Kind.NOTED)
        .order_by("pk")
        .values_list("message", flat=True)
    ) == ["Mereka datang lagi tadi malam.", "Sekarang pakai motor tanpa plat."]
    assert Case.objects.count() == 1
    assert state() == Conversation.State.IDLE


def test_a_report_left_for_a_day_is_not_offered_to_resume(territory, provider, post_whatsapp):
    chat = WhatsApp(post_whatsapp)
    to_location_step(chat)
    Conversation.objects.update(updated_at=timezone.now() - timedelta(hours=13))
    chat.text("Halo")
    assert texts(provider)[-1].endswith("Apa yang ingin Anda laporkan?")


# --- how each documented payload reads ------------------------------------------------------------

WHATSAPP_KINDS = {
    "whatsapp_text.json": "text",
    "whatsapp_image.json": "photo",
    "whatsapp_location.json": "location",
    "whatsapp_interactive_button_reply.json": "choice",
    "whatsapp_interactive_list_reply.json": "choice",
    "whatsapp_reaction.json": "reaction",
    "whatsapp_revoke.json": "revoke",
    "whatsapp_system_changed_number.json": "moved",
    "whatsapp_sticker.json": "sticker",
    "whatsapp_voice.json": "voice",
    "whatsapp_unsupported.json": "unsupported",
    "whatsapp_username_text.json": "text",
}
TELEGRAM_KINDS = {
    "telegram_message_text.json": "text",
    "telegram_photo.json": "photo",
    "telegram_location.json": "location",
    "telegram_contact.json": "contact",
    "telegram_callback_query.json": "choice",
    "telegram_callback_without_message.json": "choice",
    "telegram_my_chat_member_kicked.json": "blocked",
    "telegram_sticker.json": "sticker",
    "telegram_voice.json": "voice",
}


def test_every_documented_payload_reads_as_its_kind():
    read = {}
    for name in WHATSAPP_KINDS:
        value = fixture(name)["entry"][0]["changes"][0]["value"]
        item = {"phone_number_id": value["metadata"]["phone_number_id"]}
        read[name] = wa_inbound({**item, "message": value["messages"][0]}).kind
    for name in TELEGRAM_KINDS:
        found = tg_inbound("123456789", fixture(name))
        read[name] = found.kind if found else "-"
    assert read == {**WHATSAPP_KINDS, **TELEGRAM_KINDS}
    # a changed number carries the new one; a document is "media"; a first chat opens the menu
    value = fixture("whatsapp_system_changed_number.json")["entry"][0]["changes"][0]["value"]
    moved = wa_inbound({"phone_number_id": "1", "message": value["messages"][0]})
    assert (moved.sender, moved.new_sender) == (SENDER, NEW_NUMBER)
    base = {"from": SENDER, "id": "wamid.X", "timestamp": "1"}
    document = {**base, "type": "document", "document": {"id": "9", "mime_type": "application/pdf"}}
    welcome = {**base, "type": "request_welcome"}
    assert wa_inbound({"phone_number_id": "1", "message": document}).kind == "media"
    assert (wa_inbound({"phone_number_id": "1", "message": welcome}).kind) == "text"
    assert set(WHATSAPP_KINDS.values()) | set(TELEGRAM_KINDS.values()) <= set(KINDS)
