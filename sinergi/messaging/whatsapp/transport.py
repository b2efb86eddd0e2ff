"""Sending through the WhatsApp Cloud API (POST /<phone_number_id>/messages) and fetching media.

Free-form text only within 24 hours of the citizen's last message; outside that window Meta
accepts only an approved template, so a case update goes out as the template instead.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from sinergi.messaging.chat import ProviderError, http_bytes, http_json
from sinergi.messaging.models import ChatContact, Outbox

WINDOW = timedelta(hours=24)
BUTTON_MAX = 3  # reply buttons per message
ROW_MAX = 10  # rows of a list message
ROW_TITLE_MAX = 24


def _headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.WHATSAPP_ACCESS_TOKEN}"}


def in_window(contact: ChatContact) -> bool:
    last = contact.last_inbound_at
    return last is not None and timezone.now() - last < WINDOW


def build(message: Outbox, contact: ChatContact) -> dict[str, Any]:
    """The request body of one outbox message."""
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": contact.address,
    }
    template = message.data.get("template")
    if template and not in_window(contact):
        body["type"] = "template"
        body["template"] = {
            "name": settings.WHATSAPP_TEMPLATE,
            "language": {"code": settings.WHATSAPP_TEMPLATE_LANGUAGE},
            "components": [
                {
                    "type": "body",
                    "parameters": [{"type": "text", "text": str(p)[:200]} for p in template],
                }
            ],
        }
        return body
    choices = message.data.get("choices") or []
    text = message.body[:4096]
    if choices and len(choices) <= BUTTON_MAX:
        body["type"] = "interactive"
        body["interactive"] = {
            "type": "button",
            "body": {"text": text[:1024]},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": c["id"], "title": c["title"][:20]}}
                    for c in choices
                ]
            },
        }
    elif choices and len(choices) <= ROW_MAX:
        body["type"] = "interactive"
        body["interactive"] = {
            "type": "list",
            "body": {"text": text[:1024]},
            "action": {
                "button": "Pilih",
                "sections": [
                    {
                        "title": "Pilihan",
                        "rows": [_row(c) for c in choices],
                    }
                ],
            },
        }
    else:
        body["type"] = "text"
        body["text"] = {"body": text, "preview_url": False}
    return body


def _row(choice: dict[str, str]) -> dict[str, str]:
    """A list row: titles over 24 characters are cut, so the whole name goes below them."""
    title, description = choice["title"], choice.get("description", "")
    if len(title) > ROW_TITLE_MAX:
        description = f"{title} ({description})" if description else title
        title = title[: ROW_TITLE_MAX - 1] + "\u2026"
    return {"id": choice["id"], "title": title, "description": description[:72]}


def send(message: Outbox, contact: ChatContact) -> str:
    """Sends; returns the wamid Meta gave the message."""
    url = f"{settings.WHATSAPP_API_URL.rstrip('/')}/{contact.account}/messages"
    answer = http_json(url, payload=build(message, contact), headers=_headers())
    try:
        return str(answer["messages"][0]["id"])
    except (KeyError, IndexError, TypeError) as exc:
        raise ProviderError(f"no message id in answer: {str(answer)[:200]}") from exc


def fetch_media(media_id: str) -> bytes:
    """GET /<media-id> gives a short-lived URL; that URL, with the same token, gives the bytes."""
    meta = http_json(f"{settings.WHATSAPP_API_URL.rstrip('/')}/{media_id}", headers=_headers())
    url = meta.get("url") if isinstance(meta, dict) else None
    if not isinstance(url, str):
        raise ProviderError("media has no url")
    return http_bytes(url, headers=_headers(), limit=settings.CASE_PHOTO_MAX_BYTES)
