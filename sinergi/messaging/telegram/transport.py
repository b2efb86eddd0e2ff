"""Sending through the Telegram Bot API (sendMessage with an inline keyboard for choices),
answering button presses and fetching photos."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings

from sinergi.messaging.chat import ProviderError, http_bytes, http_json
from sinergi.messaging.models import ChatContact, Outbox


def bot_id() -> str:
    """The bot's numeric id: the part of its token before the colon."""
    return settings.TELEGRAM_BOT_TOKEN.split(":", 1)[0]


def _method(name: str) -> str:
    return f"{settings.TELEGRAM_API_URL.rstrip('/')}/bot{settings.TELEGRAM_BOT_TOKEN}/{name}"


def build(message: Outbox, contact: ChatContact) -> dict[str, Any]:
    body: dict[str, Any] = {"chat_id": int(contact.address), "text": message.body[:4096]}
    choices = message.data.get("choices") or []
    if choices:
        body["reply_markup"] = {
            "inline_keyboard": [
                [{"text": c["title"][:64], "callback_data": c["id"][:64]}] for c in choices
            ]
        }
    return body


def send(message: Outbox, contact: ChatContact) -> str:
    """Sends; returns "<chat id>:<message_id>", the id a citizen's reply will point to."""
    answer = http_json(_method("sendMessage"), payload=build(message, contact))
    if not isinstance(answer, dict) or not answer.get("ok"):
        raise ProviderError(f"sendMessage refused: {str(answer)[:200]}")
    result = answer["result"]
    return f"{result['chat']['id']}:{result['message_id']}"


def answer_callback(callback_id: str) -> None:
    http_json(_method("answerCallbackQuery"), payload={"callback_query_id": callback_id})


def fetch_file(file_id: str) -> bytes:
    """getFile gives a file_path; the file is downloaded from /file/bot<token>/<file_path>."""
    answer = http_json(_method("getFile") + f"?file_id={quote(file_id)}")
    path = answer.get("result", {}).get("file_path") if isinstance(answer, dict) else None
    if not isinstance(path, str):
        raise ProviderError("file has no file_path")
    base = settings.TELEGRAM_API_URL.rstrip("/")
    url = f"{base}/file/bot{settings.TELEGRAM_BOT_TOKEN}/{quote(path)}"
    return http_bytes(url, limit=settings.CASE_PHOTO_MAX_BYTES)
