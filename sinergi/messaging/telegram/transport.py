"""Sending through the Telegram Bot API (sendMessage with an inline keyboard for choices),
answering button presses and fetching photos.

Text is cut to 4,096 characters and callback_data kept within 64 bytes (``messaging/limits.py``).
Errors by kind, as the Bot API reports them (``{"ok": false, "error_code", "description",
"parameters": {"retry_after"}}``): 429 and 5xx are tried again (not before ``retry_after``);
400 "Bad Request: …" and 403 "Forbidden: bot was blocked by the user" refuse the message for good.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings

from sinergi.messaging import limits
from sinergi.messaging.chat import ProviderError, ProviderRefusedError, http_bytes, http_json
from sinergi.messaging.models import ChatContact, Outbox

BLOCKED = "blocked"  # our code for "the person blocked the bot"


def bot_id() -> str:
    """The bot's numeric id: the part of its token before the colon."""
    return settings.TELEGRAM_BOT_TOKEN.split(":", 1)[0]


def _method(name: str) -> str:
    return f"{settings.TELEGRAM_API_URL.rstrip('/')}/bot{settings.TELEGRAM_BOT_TOKEN}/{name}"


def build(message: Outbox, contact: ChatContact) -> dict[str, Any]:
    body: dict[str, Any] = {
        "chat_id": int(contact.address),
        "text": limits.clip(message.body, limits.TG_TEXT_MAX),
    }
    choices: list[dict[str, str]] = message.data.get("choices") or []
    if choices:
        datas = [c["id"] for c in choices]
        if not all(limits.fits_bytes(d, limits.TG_CALLBACK_DATA_MAX_BYTES) for d in datas):
            datas = [str(n) for n in range(1, len(choices) + 1)]  # read as the n-th choice
        body["reply_markup"] = {
            "inline_keyboard": [
                [{"text": _label(c), "callback_data": d}]
                for c, d in zip(choices, datas, strict=True)
            ]
        }
    return body


def _label(choice: dict[str, str]) -> str:
    """A key shows one line: the description (a village's district) tells two alike apart."""
    title, description = choice["title"].strip(), choice.get("description", "")
    return f"{title} ({description})" if description else title


def send(message: Outbox, contact: ChatContact) -> str:
    """Sends; returns "<chat id>:<message_id>", the id a citizen's reply will point to."""
    try:
        answer = http_json(_method("sendMessage"), payload=build(message, contact))
    except ProviderError as exc:
        raise classify(exc) from exc
    if not isinstance(answer, dict) or not answer.get("ok"):
        raise ProviderError(f"sendMessage refused: {str(answer)[:200]}")
    result = answer["result"]
    return f"{result['chat']['id']}:{result['message_id']}"


def classify(exc: ProviderError) -> ProviderError:
    answer = exc.json()
    answer = answer if isinstance(answer, dict) else {}
    description = str(answer.get("description", ""))[:300]
    code = answer.get("error_code", exc.status)
    parameters = answer.get("parameters") if isinstance(answer.get("parameters"), dict) else {}
    wait = parameters.get("retry_after") if parameters else None
    if code == 429 or exc.status == 429:
        seconds = float(wait) if isinstance(wait, int | float) else exc.retry_after
        return ProviderError(
            f"429 {description}", status=429, retry_after=seconds, rate_limited=True
        )
    if code == 403 and "blocked by the user" in description:
        return ProviderRefusedError(f"403 {description}", code=BLOCKED, status=403)
    if code in {400, 403}:  # Bad Request: …; Forbidden: user is deactivated, …
        return ProviderRefusedError(f"{code} {description}", code=str(code), status=exc.status)
    return exc  # 401/404 (a wrong token), 5xx, no answer: tried again


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
