"""Chat tests post real HTTP to the live server and deliver through a fake provider on
127.0.0.1. The live server needs a transactional database, so each test loads the territory."""

from __future__ import annotations

import copy
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from sinergi.messaging.chat import sign
from sinergi.messaging.tests.fakeprovider import FakeProvider, start

FIXTURES = Path(__file__).parent / "fixtures"
APP_SECRET = "rahasia-aplikasi-uji"
TG_TOKEN = "123456789:AAE-uji-token"
TG_SECRET = "rahasia_webhook-uji"
SMS_SECRET = "rahasia-sms-uji"


def fixture(name: str) -> Any:
    return copy.deepcopy(json.loads((FIXTURES / name).read_text(encoding="utf-8")))


@pytest.fixture
def provider(settings: Any, tmp_path: Path) -> Iterator[FakeProvider]:
    server, fake = start()
    settings.WHATSAPP_APP_SECRET = APP_SECRET
    settings.WHATSAPP_VERIFY_TOKEN = "token-verifikasi"
    settings.WHATSAPP_ACCESS_TOKEN = "akses-uji"
    settings.WHATSAPP_API_URL = fake.url
    settings.TELEGRAM_BOT_TOKEN = TG_TOKEN
    settings.TELEGRAM_SECRET_TOKEN = TG_SECRET
    settings.TELEGRAM_API_URL = fake.url
    settings.SMS_SECRET = SMS_SECRET
    settings.SMS_GATEWAY_URL = f"{fake.url}/sms/send"
    settings.CHAT_HTTP_TIMEOUT = 5
    settings.MEDIA_ROOT = str(tmp_path)
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def http_post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 -- the live server
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 -- ditto
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


@pytest.fixture
def post_whatsapp(live_server: Any) -> Callable[..., int]:
    def _post(payload: Any, *, secret: str = APP_SECRET, raw: bytes | None = None) -> int:
        body = raw if raw is not None else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign(secret, body)}
        return http_post(f"{live_server.url}/webhook/whatsapp/", body, headers)

    return _post


@pytest.fixture
def post_telegram(live_server: Any) -> Callable[..., int]:
    def _post(payload: Any, *, secret: str = TG_SECRET, raw: bytes | None = None) -> int:
        body = raw if raw is not None else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
        return http_post(f"{live_server.url}/webhook/telegram/", body, headers)

    return _post


@pytest.fixture
def post_sms(live_server: Any) -> Callable[..., int]:
    def _post(form: bytes, *, secret: str = SMS_SECRET) -> int:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Signature": sign(secret, form),
        }
        return http_post(f"{live_server.url}/webhook/sms/", form, headers)

    return _post


def run_worker() -> None:
    """The real task worker drains the queue (inbound events, then the outbox)."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=StringIO())


class WhatsApp:
    """A citizen on WhatsApp sending documented payloads, each with a fresh wamid."""

    def __init__(self, post: Callable[..., int]) -> None:
        self.post = post
        self.n = 0

    def send(self, name: str, change: Callable[[dict[str, Any]], None] = lambda m: None) -> None:
        payload: dict[str, Any] = fixture(name)
        message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
        self.n += 1
        message["id"] = f"wamid.KIND{self.n:04d}"
        change(message)
        assert self.post(payload) == 200
        run_worker()

    def text(self, body: str) -> None:
        self.send("whatsapp_text.json", lambda m: m["text"].update(body=body))

    def pick(self, choice: str) -> None:
        self.send(
            "whatsapp_interactive_list_reply.json",
            lambda m: m["interactive"]["list_reply"].update(id=choice),
        )

    def press(self, button: str) -> None:
        self.send(
            "whatsapp_interactive_button_reply.json",
            lambda m: m["interactive"]["button_reply"].update(id=button),
        )


class TelegramChat:
    """A citizen on Telegram: each call sends one documented Update with a fresh update_id."""

    def __init__(self, post: Callable[..., int]) -> None:
        self.post = post
        self.update_id = 500

    def send(
        self, name: str, change: Callable[[dict[str, Any]], None] = lambda u: None
    ) -> dict[str, Any]:
        update: dict[str, Any] = fixture(name)
        self.update_id += 1
        update["update_id"] = self.update_id
        change(update)
        assert self.post(update) == 200
        run_worker()
        return update

    def text(self, text: str) -> dict[str, Any]:
        return self.send("telegram_message_text.json", lambda u: u["message"].update(text=text))

    def press(self, data: str) -> dict[str, Any]:
        return self.send(
            "telegram_callback_query.json", lambda u: u["callback_query"].update(data=data)
        )

    def location(self) -> dict[str, Any]:
        return self.send("telegram_location.json")

    def photo(self) -> dict[str, Any]:
        return self.send("telegram_photo.json")
