"""Outbound requests the real APIs accept: every request is fitted to the documented limits,
and the fake provider (which refuses what exceeds them, with the documented error bodies)
takes every menu the conversation can show."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from sinergi.cases.catalogue import CATEGORIES
from sinergi.messaging import limits
from sinergi.messaging.models import ChatContact, Outbox
from sinergi.messaging.sms import transport as sms
from sinergi.messaging.telegram import transport as telegram
from sinergi.messaging.tests.fakeprovider import FakeProvider
from sinergi.messaging.whatsapp import transport as whatsapp

WA = ChatContact(channel="whatsapp", account="106540352242922", ref="r", address="6281200000001")
TG = ChatContact(channel="telegram", account="123456789", ref="t", address="700000001")


def outbox(body: str, titles: list[str], descriptions: list[str] | None = None) -> Outbox:
    descriptions = descriptions or [""] * len(titles)
    choices = [
        {"id": f"c:{n}", "title": t, "description": d}
        for n, (t, d) in enumerate(zip(titles, descriptions, strict=True))
    ]
    return Outbox(channel="whatsapp", body=body, data={"choices": choices})


def post(url: str, payload: Any) -> tuple[int, Any]:
    request = urllib.request.Request(  # noqa: S310 -- the fake on 127.0.0.1
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 -- ditto
            return int(response.status), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return int(exc.code), json.loads(exc.read())


# --- cutting and telling apart -------------------------------------------------------------------


def test_a_title_is_cut_at_a_word_and_says_it_was_cut():
    assert limits.clip("Pengamanan kegiatan masyarakat", 20) == "Pengamanan kegiatan\u2026"
    assert limits.clip("Balap liar", 20) == "Balap liar"
    assert limits.clip("Antidisestablishmentarianism", 10) == "Antidises\u2026"
    # an emoji counts two, as Telegram and Meta count
    assert limits.units("Halo \U0001f44d") == 7
    assert limits.clip("\U0001f44d\U0001f44d\U0001f44d", 4) == "\U0001f44d\u2026"


def test_two_titles_that_would_read_alike_keep_the_words_that_tell_them_apart():
    titles = ["Pengamanan kegiatan masyarakat", "Pengamanan kegiatan keagamaan"]
    assert limits.distinct_titles(titles, 20) == ["Kegiatan masyarakat", "Kegiatan keagamaan"]
    assert limits.distinct_titles(titles, 24) == ["Kegiatan masyarakat", "Kegiatan keagamaan"]
    # names that differ only far beyond the limit are numbered rather than left alike
    same = ["Sosialisasi bahaya narkoba tahap satu", "Sosialisasi bahaya narkoba tahap dua"]
    assert limits.distinct_titles(same, 12) == ["Tahap satu", "Tahap dua"]
    twins = ["Desa Sukamaju", "Desa Sukamaju"]
    assert limits.distinct_titles(twins, 24) == ["Desa Sukamaju (1)", "Desa Sukamaju (2)"]


# --- WhatsApp ------------------------------------------------------------------------------------


def test_the_two_pengamanan_categories_go_as_a_list_with_distinct_rows_not_clashing_buttons():
    # given the two categories of the kind "pengamanan", whose names share their first 20 characters
    names = [name for kind, _, name, *_ in CATEGORIES if kind == "pengamanan"]
    assert names == ["Pengamanan kegiatan masyarakat", "Pengamanan kegiatan keagamaan"]
    # when the menu is built
    body = whatsapp.build(outbox("Pilih kategorinya:", names), WA)
    # then it is a list message: each row says which, the full name below it
    assert body["type"] == "interactive"
    assert body["interactive"]["type"] == "list"
    assert body["interactive"]["action"]["sections"][0]["rows"] == [
        {"id": "c:0", "title": "Kegiatan masyarakat", "description": names[0]},
        {"id": "c:1", "title": "Kegiatan keagamaan", "description": names[1]},
    ]


def test_short_unique_titles_go_as_reply_buttons():
    body = whatsapp.build(outbox("Kirim laporan ini?", ["Kirim", "Batal"]), WA)
    assert body["interactive"] == {
        "type": "button",
        "body": {"text": "Kirim laporan ini?"},
        "action": {
            "buttons": [
                {"type": "reply", "reply": {"id": "c:0", "title": "Kirim"}},
                {"type": "reply", "reply": {"id": "c:1", "title": "Batal"}},
            ]
        },
    }


def test_a_long_row_keeps_its_full_name_and_place_in_a_72_character_description():
    name = "Gangguan kamtibmas di lingkungan"
    place = "Kecamatan Bontang Utara, Kota Bontang, Kalimantan Timur, Indonesia raya"
    body = whatsapp.build(outbox("Pilih", [name, "Lain", "X", "Y"], [place, "", "", ""]), WA)
    row = body["interactive"]["action"]["sections"][0]["rows"][0]
    assert row["title"] == "Gangguan kamtibmas di\u2026"
    assert row["description"] == (
        "Gangguan kamtibmas di lingkungan (Kecamatan Bontang Utara, Kota\u2026"
    )


def test_an_interactive_body_is_cut_to_1024_and_a_text_to_4096():
    words = "kata " * 1000  # 5,000 characters
    interactive = whatsapp.build(outbox(words, ["Kirim", "Batal"]), WA)["interactive"]
    assert limits.units(interactive["body"]["text"]) <= 1024
    assert interactive["body"]["text"].endswith("kata\u2026")
    text = whatsapp.build(Outbox(channel="whatsapp", body=words * 2, data={}), WA)["text"]
    assert limits.units(text["body"]) <= 4096
    assert text["body"].endswith("kata\u2026")


def test_more_than_ten_choices_go_as_numbered_text():
    titles = [f"Desa {n}" for n in range(1, 12)]
    body = whatsapp.build(outbox("Pilih desa:", titles), WA)
    assert body["type"] == "text"
    assert body["text"]["body"].startswith("Pilih desa:\n\n1. Desa 1\n2. Desa 2\n")
    assert body["text"]["body"].endswith("\n11. Desa 11")


def test_a_template_parameter_carries_no_new_line_and_a_username_user_is_addressed_by_user_id():
    contact = ChatContact(
        channel="whatsapp", account="1", ref="u", address="", user_id="ID.1502576394655843"
    )
    message = Outbox(
        channel="whatsapp", body="x", data={"template": ["SNG-7K4Q-92XD", "Selesai\n\n  ok"]}
    )
    body = whatsapp.build(message, contact)
    assert (body.get("to"), body["recipient"]) == (None, "ID.1502576394655843")
    parameters = body["template"]["components"][0]["parameters"]
    assert [p["text"] for p in parameters] == ["SNG-7K4Q-92XD", "Selesai ok"]


# --- Telegram and SMS ----------------------------------------------------------------------------


def test_telegram_text_is_cut_to_4096_and_callback_data_kept_within_64_bytes():
    long_id = "area:" + "x" * 70
    choices = [
        {"id": long_id, "title": "Bontang Baru", "description": "Bontang Utara, Kota Bontang"},
        {"id": "area:2", "title": "Api-Api", "description": ""},
    ]
    body = telegram.build(
        Outbox(channel="telegram", body="kata " * 1000, data={"choices": choices}), TG
    )
    assert limits.units(body["text"]) <= 4096
    assert body["reply_markup"]["inline_keyboard"] == [
        [{"text": "Bontang Baru (Bontang Utara, Kota Bontang)", "callback_data": "1"}],
        [{"text": "Api-Api", "callback_data": "2"}],
    ]


def test_an_sms_menu_is_numbered_with_each_choice_s_description():
    message = outbox("Pilih desa. Balas dengan nomor pilihan Anda.", ["Bontang Baru", "Api-Api"])
    message.data["choices"][0]["description"] = "Bontang Utara, Kota Bontang"
    assert sms.text_of(message) == (
        "Pilih desa. Balas dengan nomor pilihan Anda.\n\n"
        "1. Bontang Baru (Bontang Utara, Kota Bontang)\n2. Api-Api"
    )
    assert limits.units(sms.text_of(Outbox(body="kata " * 500, data={}))) <= limits.SMS_MAX


# --- the fake provider refuses as the real ones do, and takes what we build ----------------------


def test_the_fake_whatsapp_refuses_a_21_character_or_repeated_button_title(provider):
    def buttons(*titles: str) -> dict[str, Any]:
        return {
            "messaging_product": "whatsapp",
            "to": "62812",
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": {"text": "?"},
                "action": {
                    "buttons": [
                        {"type": "reply", "reply": {"id": f"b{n}", "title": t}}
                        for n, t in enumerate(titles)
                    ]
                },
            },
        }

    url = f"{provider.url}/106540352242922/messages"
    status, answer = post(url, buttons("Pengamanan kegiatan m"))
    assert status == 400
    assert answer["error"]["code"] == 100
    assert answer["error"]["type"] == "OAuthException"
    assert answer["error"]["error_data"]["details"] == "button title must be 1-20 characters"
    status, answer = post(url, buttons("Pengamanan kegiatan", "Pengamanan kegiatan"))
    assert (status, answer["error"]["error_data"]["details"]) == (
        400,
        "button titles and ids must be unique",
    )
    assert post(url, buttons("Kirim", "Batal"))[0] == 200


def test_the_fake_telegram_refuses_65_byte_callback_data_and_4097_characters(provider):
    url = f"{provider.url}/bot123:x/sendMessage"
    keyboard = {"inline_keyboard": [[{"text": "a", "callback_data": "x" * 65}]]}
    assert post(url, {"chat_id": 1, "text": "a", "reply_markup": keyboard}) == (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: BUTTON_DATA_INVALID"},
    )
    assert post(url, {"chat_id": 1, "text": "a" * 4097}) == (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"},
    )


@pytest.mark.django_db
def test_every_menu_of_the_catalogue_is_accepted_on_every_channel(provider: FakeProvider):
    # given every kind's categories as the conversation offers them, and the kinds themselves
    kinds: dict[str, list[str]] = {}
    for kind, _, name, *_ in CATEGORIES:
        kinds.setdefault(kind, []).append(name)
    menus = [*kinds.values(), [k.title() for k in kinds], ["Lanjutkan", "Mulai baru"]]
    contacts = {
        "whatsapp": ChatContact.objects.create(
            channel="whatsapp", account="106540352242922", ref="w", address="6281200000001"
        ),
        "telegram": ChatContact.objects.create(
            channel="telegram", account="123456789", ref="t", address="700000001"
        ),
        "sms": ChatContact.objects.create(channel="sms", ref="s", address="+6281200000001"),
    }
    sends = {"whatsapp": whatsapp.send, "telegram": telegram.send, "sms": sms.send}
    # when each goes out through each channel, then the provider takes it
    for titles in menus:
        for channel, send in sends.items():
            message = outbox("Pilih kategorinya:", titles)
            message.channel, message.key = channel, f"k-{channel}-{titles[0]}"
            assert send(message, contacts[channel])
    assert len(provider.sent()) == len(menus) * 3
