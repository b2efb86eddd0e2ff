"""Hostile payloads on the chat webhooks, properly signed (a leaked secret, a broken gateway):
never a 5xx, an unreadable payload stores nothing, a message is stored once however often it
comes, and what is stored goes through the conversation without breaking it (property-based).

In-process (Django's test client) rather than over the live server: the view is the same, and
hundreds of examples stay within seconds. The fake provider answers media downloads."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import event, example, given
from hypothesis import strategies as st

from sinergi.cases.models import Case
from sinergi.messaging import services
from sinergi.messaging.chat import sign
from sinergi.messaging.models import InboundEvent, Outbox
from sinergi.messaging.tests.conftest import SMS_SECRET, TG_SECRET, TG_TOKEN, fixture
from sinergi.messaging.tests.fakeprovider import FakeProvider
from sinergi.platform.tests.hostile import (
    BOUNDED,
    CHARACTERS,
    hostile_text,
    json_values,
    mutate,
    rolled_back,
    wrong_values,
)

pytestmark = pytest.mark.django_db

WHATSAPP_FIXTURES = [
    "whatsapp_text.json",
    "whatsapp_image.json",
    "whatsapp_location.json",
    "whatsapp_interactive_button_reply.json",
    "whatsapp_context_reply.json",
    "whatsapp_statuses.json",
    "whatsapp_status_failed.json",
]
TELEGRAM_FIXTURES = [
    "telegram_message_text.json",
    "telegram_callback_query.json",
    "telegram_photo.json",
    "telegram_location.json",
    "telegram_contact.json",
    "telegram_reply.json",
]
JSON_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", ""]
# a value of the wrong kind, or one PostgreSQL cannot store: NUL, NaN, infinities
mutations = st.one_of(
    wrong_values, st.sampled_from(["a\x00b", float("nan"), float("inf"), -float("inf"), 2**70])
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document where a value sits."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    found = []
    for key, child in items:
        found.append((*prefix, key))
        if isinstance(child, dict | list):
            found.extend(paths(child, (*prefix, key)))
    return found


def at(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


@st.composite
def mutated(draw: st.DrawFn, names: list[str]) -> Any:
    """A provider's documented payload with one to three values replaced, removed or added
    (an added field is ignored by the parser, so the message stays readable with it)."""
    payload = fixture(draw(st.sampled_from(names)))
    for _ in range(draw(st.integers(1, 3))):
        places = paths(payload)
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "add":
            objects = [(), *(p for p in places if isinstance(at(payload, p), dict))]
            place = (*draw(st.sampled_from(objects)), draw(st.text(CHARACTERS, max_size=8)))
            payload = mutate(payload, place, draw(mutations))
        elif places:
            place = draw(st.sampled_from(places))
            payload = mutate(payload, place, draw(mutations), delete=action == "delete")
    return payload


def post(client: Client, channel: str, body: bytes, content_type: str) -> int:
    if channel == "whatsapp":
        headers = {"X-Hub-Signature-256": sign("rahasia-aplikasi-uji", body)}
    elif channel == "telegram":
        headers = {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}
    else:
        headers = {"X-Signature": sign(SMS_SECRET, body)}
    response = client.post(f"/webhook/{channel}/", body, content_type=content_type, headers=headers)
    return response.status_code


def process_all() -> None:
    """The worker's part, inline: every stored message through the conversation."""
    for pk in InboundEvent.objects.filter(processed_at__isnull=True).values_list("pk", flat=True):
        assert services.inbound_process(event_id=pk) is True


def carries_nul(body: bytes) -> bool:
    return b"\\u0000" in body or b"\x00" in body or b"%00" in body


def expected_status(body: bytes, content_type: str) -> set[int]:
    """200 for anything signed (providers retry anything else); RefuseNulMiddleware answers
    422 to a JSON or form body carrying NUL before the view sees it."""
    kind = content_type.split(";", maxsplit=1)[0]
    if carries_nul(body) and kind in {"application/json", "application/x-www-form-urlencoded"}:
        return {422}
    return {200}


@given(
    channel=st.sampled_from(["whatsapp", "telegram"]),
    document=json_values,
    content_type=st.sampled_from(JSON_TYPES),
)
@BOUNDED
def test_any_json_is_answered_and_stores_nothing(
    client: Client, provider: FakeProvider, channel, document, content_type
):
    # Random JSON never spells out a whole provider message (nested keys "entry", "changes",
    # "messages", "metadata" or "update_id" plus "message"/"callback_query" with "chat"), so
    # nothing may be stored.
    body = json.dumps(document).encode()
    with rolled_back():
        assert post(client, channel, body, content_type) in expected_status(body, content_type)
        assert not InboundEvent.objects.exists()
        assert not Outbox.objects.exists()


WA_MESSAGE = ("entry", 0, "changes", 0, "value", "messages", 0)
WA_NAN = mutate(fixture("whatsapp_text.json"), (*WA_MESSAGE, "x"), float("nan"))
WA_NUL = mutate(fixture("whatsapp_text.json"), (*WA_MESSAGE, "text", "body"), "a\x00b")
TG_NAN = mutate(fixture("telegram_message_text.json"), ("message", "x"), float("1e400") * 10)
TG_NUL = mutate(fixture("telegram_message_text.json"), ("message", "text"), "a\x00")
# a lone UTF-16 surrogate: valid JSON, readable by Python, unstorable as UTF-8 (a 500 before)
WA_SURROGATE = mutate(fixture("whatsapp_text.json"), (*WA_MESSAGE, "text", "body"), "rahasia\ud800")
TG_SURROGATE = mutate(fixture("telegram_message_text.json"), ("message", "text"), "rahasia\udfff")


def message_id(channel: str, payload: Any) -> str | None:
    """The provider's id of the one message in a payload, where it is a usable one."""
    try:
        if channel == "whatsapp":
            found = payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
            return found if isinstance(found, str) else None
        found = payload["update_id"]
    except (KeyError, IndexError, TypeError):
        return None
    return f"{TG_TOKEN.split(':')[0]}:{found}" if isinstance(found, int) else None


@given(
    channel_payload=st.one_of(
        mutated(WHATSAPP_FIXTURES).map(lambda p: ("whatsapp", p)),
        mutated(TELEGRAM_FIXTURES).map(lambda p: ("telegram", p)),
    ),
    content_type=st.sampled_from(JSON_TYPES),
)
# each once a 500: PostgreSQL's jsonb refuses NaN and NUL after the view had parsed them
@example(channel_payload=("whatsapp", WA_NAN), content_type="application/json")
@example(channel_payload=("whatsapp", WA_NUL), content_type="text/plain")
@example(channel_payload=("telegram", TG_NAN), content_type="application/json")
@example(channel_payload=("telegram", TG_NUL), content_type="")
@example(channel_payload=("whatsapp", WA_SURROGATE), content_type="application/json")
@example(channel_payload=("telegram", TG_SURROGATE), content_type="application/json")
@BOUNDED
def test_a_mutated_message_is_stored_once_or_not_at_all(
    client: Client, provider: FakeProvider, channel_payload, content_type
):
    channel, payload = channel_payload
    body = json.dumps(payload).encode()
    with rolled_back():
        # when it comes twice
        first = post(client, channel, body, content_type)
        stored = list(InboundEvent.objects.values_list("channel", "external_id"))
        process_all()
        outbox = Outbox.objects.count()
        second = post(client, channel, body, content_type)
        process_all()
        # then
        event(f"{first}, stored: {len(stored)}")
        assert first == second
        assert first in expected_status(body, content_type)
        assert len(stored) <= 1
        if stored:
            assert stored == [(channel, message_id(channel, payload))]
            assert outbox >= 1  # the conversation answered it
        else:
            assert outbox == 0
        assert list(InboundEvent.objects.values_list("channel", "external_id")) == stored
        assert Outbox.objects.count() == outbox
        assert InboundEvent.objects.filter(processed_at__isnull=True).count() == 0
        # one message never files a case: the conversation asks for the rest first
        assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("channel", "payload"),
    [
        ("whatsapp", WA_SURROGATE),
        ("telegram", TG_SURROGATE),
        ("whatsapp", None),
        ("telegram", None),
    ],
)
def test_an_unstorable_signed_body_is_answered_200_stores_nothing_and_logs_no_text(
    client: Client, provider: FakeProvider, caplog, channel, payload
):
    # a lone surrogate in a message, or 5,000 levels of nesting (None)
    body = (
        json.dumps(payload).encode()
        if payload is not None
        else b'{"entry": ' + b"[" * 5000 + b"]" * 5000 + b', "update_id": 1}'
    )
    assert post(client, channel, body, "application/json") == 200
    assert not InboundEvent.objects.exists()
    assert not Outbox.objects.exists()
    assert "rahasia" not in caplog.text
    assert "unreadable" in caplog.text


sms_forms = st.fixed_dictionaries(
    {},
    optional={
        "sender": st.one_of(st.just("+6281200000001"), hostile_text, st.just("08\x0012")),
        "text": st.one_of(st.just("halo"), hostile_text, st.text(CHARACTERS, max_size=1700)),
        "id": st.one_of(st.just("gw-0001"), hostile_text, st.just("gw\x00")),
        "extra": hostile_text,
    },
)


@given(
    form=sms_forms,
    raw=st.none() | st.binary(max_size=200),
    content_type=st.sampled_from(["application/x-www-form-urlencoded", "text/plain", ""]),
)
# once a 500: a NUL the middleware does not look for (not sent as a form) reached the INSERT
@example(form={"sender": "+6281200000001", "id": "gw\x00"}, raw=None, content_type="text/plain")
@BOUNDED
def test_an_sms_is_stored_once_or_not_at_all(
    client: Client, provider: FakeProvider, form, raw, content_type
):
    body = raw if raw is not None else urlencode(form).encode()
    with rolled_back():
        first = post(client, "sms", body, content_type)
        stored = list(InboundEvent.objects.values_list("external_id", flat=True))
        process_all()
        outbox = Outbox.objects.count()
        second = post(client, "sms", body, content_type)
        process_all()
        event(f"{first}, stored: {len(stored)}")
        assert first == second
        assert first in expected_status(body, content_type)
        assert len(stored) <= 1
        if stored:
            assert raw is None
            assert stored == [form["id"].strip()]
            assert outbox >= 1
        assert list(InboundEvent.objects.values_list("external_id", flat=True)) == stored
        assert Outbox.objects.count() == outbox
        assert not Case.objects.exists()
