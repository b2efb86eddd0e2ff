"""Sending through the WhatsApp Cloud API (POST /<phone_number_id>/messages) and fetching media.

Every request is fitted to the documented limits (``messaging/limits.py``): reply buttons only
when every title fits whole and no two read alike, a list message otherwise (rows cut at a word,
made distinct, the full name below them), plain numbered text beyond ten choices.

Free-form messages only within 24 hours of the citizen's last message; outside that window Meta
accepts only an approved template, so a case update goes out as the template (``held``: its
full text follows when the citizen answers), and a 131047 refusal switches the message to it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from sinergi.messaging import limits
from sinergi.messaging.chat import (
    OutsideWindowError,
    ProviderError,
    ProviderRefusedError,
    http_bytes,
    http_json,
    numbered,
)
from sinergi.messaging.models import ChatContact, Outbox

WINDOW = timedelta(hours=24)
LIST_BUTTON = "Pilih"
LIST_SECTION = "Pilihan"

# Meta's error codes (support/error-codes), by what they mean for one message:
OUTSIDE_WINDOW = 131047
# too many messages: to this person, or from this number (throughput), or API calls
RATE_LIMITED = {4, 80007, 130429, 131048, 131056}
# Meta's side is down or failed; the same request may well go through later
TEMPORARY = {1, 2, 131000, 131016, 133004}
# the access token or the app's permissions: fixed by an admin, then the queue goes on
CONFIGURATION = {0, 3, 10, 190, 200}


def _headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.WHATSAPP_ACCESS_TOKEN}"}


def in_window(contact: ChatContact) -> bool:
    last = contact.last_inbound_at
    return last is not None and timezone.now() - last < WINDOW


def _recipient(contact: ChatContact) -> dict[str, str]:
    """A phone number in ``to``; a username user known only by their business-scoped user id
    in ``recipient`` (Meta: "Business-scoped user IDs")."""
    if contact.address:
        return {"to": contact.address}
    return {"recipient": contact.user_id}


def build(message: Outbox, contact: ChatContact) -> dict[str, Any]:
    """The request body of one outbox message."""
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        **_recipient(contact),
    }
    template = message.data.get("template")
    if template and (message.data.get("force_template") or not in_window(contact)):
        body["type"] = "template"
        body["template"] = {
            "name": settings.WHATSAPP_TEMPLATE,
            "language": {"code": settings.WHATSAPP_TEMPLATE_LANGUAGE},
            "components": [
                {
                    "type": "body",
                    "parameters": [{"type": "text", "text": _parameter(p)} for p in template],
                }
            ],
        }
        return body
    choices: list[dict[str, str]] = message.data.get("choices") or []
    interactive = _buttons(message.body, choices) or _list(message.body, choices)
    if interactive is not None:
        body["type"] = "interactive"
        body["interactive"] = interactive
    else:
        text = numbered(message.body, choices)
        body["type"] = "text"
        body["text"] = {"body": limits.clip(text, limits.WA_TEXT_MAX), "preview_url": False}
    return body


def _parameter(value: object) -> str:
    return limits.clip(" ".join(str(value).split()), limits.WA_TEMPLATE_PARAMETER_MAX)


def _ids(choices: list[dict[str, str]], limit: int) -> list[str]:
    """Our choice ids, or their numbers where one would be too long (the conversation reads a
    number as the n-th choice)."""
    ids = [c["id"] for c in choices]
    if all(0 < len(i) <= limit for i in ids) and len(set(ids)) == len(ids):
        return ids
    return [str(n) for n in range(1, len(ids) + 1)]


def _buttons(text: str, choices: list[dict[str, str]]) -> dict[str, Any] | None:
    titles = [c["title"].strip() for c in choices]
    if not 0 < len(choices) <= limits.WA_BUTTONS_MAX:
        return None
    if any(not 0 < limits.units(t) <= limits.WA_BUTTON_TITLE_MAX for t in titles):
        return None  # a cut title would say less than the name: a list row has room
    if len({t.casefold() for t in titles}) != len(titles):
        return None  # Meta refuses two buttons with one title
    ids = _ids(choices, limits.WA_BUTTON_ID_MAX)
    return {
        "type": "button",
        "body": {"text": limits.clip(text, limits.WA_INTERACTIVE_BODY_MAX)},
        "action": {
            "buttons": [
                {"type": "reply", "reply": {"id": i, "title": t}}
                for i, t in zip(ids, titles, strict=True)
            ]
        },
    }


def _list(text: str, choices: list[dict[str, str]]) -> dict[str, Any] | None:
    if not 0 < len(choices) <= limits.WA_LIST_ROWS_MAX:
        return None
    titles = limits.distinct_titles([c["title"] for c in choices], limits.WA_ROW_TITLE_MAX)
    ids = _ids(choices, limits.WA_ROW_ID_MAX)
    rows = []
    for i, title, choice in zip(ids, titles, choices, strict=True):
        full, description = choice["title"].strip(), choice.get("description", "")
        if title != full:  # the whole name goes below a shortened title
            description = f"{full} ({description})" if description else full
        rows.append(
            {
                "id": i,
                "title": title,
                "description": limits.clip(description, limits.WA_ROW_DESCRIPTION_MAX),
            }
        )
    return {
        "type": "list",
        "body": {"text": limits.clip(text, limits.WA_INTERACTIVE_BODY_MAX)},
        "action": {
            "button": LIST_BUTTON,
            "sections": [{"title": LIST_SECTION, "rows": rows}],
        },
    }


def send(message: Outbox, contact: ChatContact) -> str:
    """Sends; returns the wamid Meta gave the message. A message sent as the template is
    marked ``held``: its own words go out when the citizen answers."""
    url = f"{settings.WHATSAPP_API_URL.rstrip('/')}/{contact.account}/messages"
    request = build(message, contact)
    try:
        answer = http_json(url, payload=request, headers=_headers())
    except ProviderError as exc:
        raise classify(exc) from exc
    try:
        wamid = str(answer["messages"][0]["id"])
    except (KeyError, IndexError, TypeError) as exc:
        raise ProviderError(f"no message id in answer: {str(answer)[:200]}") from exc
    message.held = request["type"] == "template"
    return wamid


def classify(exc: ProviderError) -> ProviderError:
    """A failed request by Meta's error code: retried (rate limits, outages, configuration),
    switched to the template (131047), or refused for good (everything else about this very
    message: 100 invalid parameter, 131026 undeliverable, 131009 …)."""
    error = exc.json().get("error") if isinstance(exc.json(), dict) else None
    if not isinstance(error, dict) or not isinstance(error.get("code"), int):
        if exc.status and 400 <= exc.status < 500 and exc.status not in {401, 403, 408, 429}:
            return ProviderRefusedError(str(exc), code=str(exc.status), status=exc.status)
        return exc
    code: int = error["code"]
    details = (
        error.get("error_data", {}).get("details", "")
        if isinstance(error.get("error_data"), dict)
        else ""
    )
    detail = f"({code}) {error.get('message', '')} {details}".strip()[:400]
    if code == OUTSIDE_WINDOW:
        return OutsideWindowError(detail, code=str(code), status=exc.status)
    if code in RATE_LIMITED | TEMPORARY | CONFIGURATION or exc.status >= 500 or exc.status == 429:
        return ProviderError(
            detail,
            status=exc.status,
            retry_after=exc.retry_after,
            rate_limited=code in RATE_LIMITED or exc.status == 429,
        )
    return ProviderRefusedError(detail, code=str(code), status=exc.status)


def fetch_media(media_id: str) -> bytes:
    """GET /<media-id> gives a short-lived URL; that URL, with the same token, gives the bytes."""
    meta = http_json(f"{settings.WHATSAPP_API_URL.rstrip('/')}/{media_id}", headers=_headers())
    url = meta.get("url") if isinstance(meta, dict) else None
    if not isinstance(url, str):
        raise ProviderError("media has no url")
    return http_bytes(url, headers=_headers(), limit=settings.CASE_PHOTO_MAX_BYTES)
