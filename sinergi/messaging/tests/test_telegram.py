from __future__ import annotations

import logging
from typing import Any

from sinergi.cases.models import Case
from sinergi.messaging.models import ChatContact, InboundEvent, Outbox
from sinergi.messaging.tests.conftest import TelegramChat, fixture, run_worker
from sinergi.messaging.tests.fakeprovider import FakeProvider

VILLAGE_A = "64.74.01.1002"
CHAT_ID = 700000001


def last(provider: FakeProvider) -> dict[str, Any]:
    body: dict[str, Any] = provider.sent("telegram")[-1].json()
    return body


def test_a_wrong_secret_token_is_refused_and_nothing_is_stored(territory, provider, post_telegram):
    assert post_telegram(fixture("telegram_message_text.json"), secret="salah") == 403
    assert not InboundEvent.objects.exists()
    assert not ChatContact.objects.exists()


def test_a_conversation_with_buttons_location_and_photo_files_a_case(
    territory, provider, post_telegram
):
    chat = TelegramChat(post_telegram)
    chat.text("/start")
    # the kinds come as an inline keyboard
    keyboard = last(provider)["reply_markup"]["inline_keyboard"]
    assert [row[0]["callback_data"] for row in keyboard][:1] == ["kind:aspirasi"]
    chat.press("kind:aspirasi")
    chat.press("cat:balap-liar")
    chat.location()
    assert "Lokasi: Bontang Baru" in last(provider)["text"]
    chat.text("Balap liar tiap malam.")
    chat.photo()
    assert "Kirim laporan ini?" in last(provider)["text"]
    confirm = chat.press("confirm:yes")
    # then the case is in Bontang Baru, owned by its village forum
    case = Case.objects.get()
    assert (case.area_id, case.owner_area_id, case.channel) == (VILLAGE_A, VILLAGE_A, "telegram")
    assert case.photo.name
    assert case.tracking_code in last(provider)["text"]
    assert last(provider)["chat_id"] == CHAT_ID
    # the largest photo size was fetched through getFile, and every button press was answered
    paths = [r.path for r in provider.requests]
    assert any("getFile?file_id=AgACAgUAAxkBAAMOZ-large" in p for p in paths)
    assert sum(p.endswith("/answerCallbackQuery") for p in paths) == 3
    # when Telegram delivers the confirming update twice more, nothing changes
    assert post_telegram(confirm) == 200
    assert post_telegram(confirm) == 200
    run_worker()
    assert Case.objects.count() == 1
    assert InboundEvent.objects.filter(external_id=f"123456789:{confirm['update_id']}").count() == 1


def test_a_reply_to_a_case_update_joins_the_thread(territory, provider, post_telegram):
    chat = TelegramChat(post_telegram)
    chat.text("/start")
    chat.press("kind:patroli")
    chat.text("Bontang Baru")
    chat.text("Mohon patroli di gang sempit.")
    chat.text("lewati")
    chat.text("1")
    case = Case.objects.get()
    assert case.category.slug == "tempat-rawan"
    sent = Outbox.objects.get(data__case=case.pk)
    chat_id, message_id = sent.provider_id.split(":")

    def reply(u: dict[str, Any]) -> None:
        u["message"]["reply_to_message"]["message_id"] = int(message_id)

    chat.send("telegram_reply.json", reply)
    assert case.events.filter(data__from_reporter=True).count() == 1
    assert int(chat_id) == CHAT_ID


def test_unknown_updates_and_garbage_are_answered_200(territory, provider, post_telegram, caplog):
    caplog.set_level(logging.INFO, logger="sinergi.messaging")
    answers = [
        post_telegram(fixture("telegram_edited_message.json")),
        post_telegram(None, raw=b"\xff\xfe not json"),
        post_telegram({"update_id": "x", "message": {}}),
        post_telegram({"update_id": 5, "message": {"text": "no chat"}}),
        post_telegram(fixture("telegram_contact.json")),
    ]
    run_worker()
    assert answers == [200] * 5
    assert "of another kind ignored" in caplog.text
    assert "unreadable update" in caplog.text
    # only the contact card was stored (answered in a word; the number is not kept)
    assert list(InboundEvent.objects.values_list("external_id", flat=True)) == [
        "123456789:912345005"
    ]
    assert "+6281200000001" not in str(ChatContact.objects.values_list())
    assert last(provider)["text"] == (
        "Kartu kontak tidak kami perlukan; identitas Anda tidak diminta. "
        "Ketik pesan apa saja untuk membuat laporan."
    )
    assert not Case.objects.exists()


def test_a_photo_with_a_caption_serves_as_photo_and_description(territory, provider, post_telegram):
    chat = TelegramChat(post_telegram)
    chat.text("/start")
    chat.press("kind:aspirasi")
    chat.press("cat:balap-liar")
    chat.text("Bontang Baru")
    # when the citizen answers "what happened" with a captioned photo
    chat.photo()
    assert "Kirim laporan ini?" in last(provider)["text"]
    chat.press("confirm:yes")
    case = Case.objects.get()
    assert (case.description, bool(case.photo.name)) == ("Foto lokasi", True)
