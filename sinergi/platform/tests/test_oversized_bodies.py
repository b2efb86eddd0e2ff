"""Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE on Open311, the webhooks and the API: a clear 4xx
and nothing written. (The intake form's own 413 and photo limit are in cases/test_intake.py.)"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from sinergi.accounts.models import User
from sinergi.accounts.services import api_token_create
from sinergi.cases.tests.helpers import counts
from sinergi.early_warning.models import Issue
from sinergi.messaging.chat import sign
from sinergi.messaging.models import InboundEvent
from sinergi.messaging.tests.conftest import SMS_SECRET, TG_SECRET, fixture

pytestmark = pytest.mark.django_db

LIMIT = 10_000


@pytest.fixture(autouse=True)
def small_limit(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    settings.WHATSAPP_APP_SECRET = "rahasia-aplikasi-uji"
    settings.TELEGRAM_SECRET_TOKEN = TG_SECRET
    settings.SMS_SECRET = SMS_SECRET


@pytest.fixture
def key(kapolres: User) -> str:
    return api_token_create(user=kapolres, name="kota")[1]


def test_an_oversized_open311_post_is_a_spec_400_and_writes_nothing(client: Client, key):
    form = {
        "api_key": key,
        "service_code": "balap-liar",
        "lat": "0.1441",
        "long": "117.4937",
        "description": "Balap liar.",
        "address_string": "x" * LIMIT,
    }
    response = client.post(
        "/open311/v2/requests.json",
        urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )
    assert (response.status_code, response.json()) == (
        400,
        [{"code": 400, "description": "The request body is too large."}],
    )
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize("channel", ["whatsapp", "telegram", "sms"])
def test_an_oversized_webhook_body_is_400_and_stores_nothing(client: Client, channel):
    if channel == "sms":
        body = urlencode({**fixture("sms_incoming.json"), "text": "x" * LIMIT}).encode()
        headers = {"X-Signature": sign(SMS_SECRET, body)}
        content_type = "application/x-www-form-urlencoded"
    else:
        payload = fixture(
            f"{channel}_text.json" if channel == "whatsapp" else "telegram_message_text.json"
        )
        payload["padding"] = "x" * LIMIT
        body = json.dumps(payload).encode()
        headers = (
            {"X-Hub-Signature-256": sign("rahasia-aplikasi-uji", body)}
            if channel == "whatsapp"
            else {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}
        )
        content_type = "application/json"
    response = client.post(f"/webhook/{channel}/", body, content_type=content_type, headers=headers)
    assert response.status_code == 400
    assert not InboundEvent.objects.exists()


def test_an_oversized_api_body_is_a_structured_4xx_and_writes_nothing(client: Client, key):
    body = json.dumps({"title": "Isu", "category": "hoaks", "area": "64.74", "x": "x" * LIMIT})
    response = client.post(
        "/api/v1/issues", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert (response.status_code, response.json()) == (
        413,
        {"error": "too_large", "message": "The request body is too large.", "fields": []},
    )
    assert not Issue.objects.exists()
