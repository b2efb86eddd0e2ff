"""Sending through the SMS gateway: a signed form POST (to, text, id = our outbox key).

An SMS has no buttons: a menu goes as numbered lines, answered with the number. 429 and 5xx are
tried again (not before Retry-After); any other 4xx refuses the message for good.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings

from sinergi.messaging import limits
from sinergi.messaging.chat import ProviderError, ProviderRefusedError, http_json, numbered, sign
from sinergi.messaging.models import ChatContact, Outbox


def text_of(message: Outbox) -> str:
    return limits.clip(numbered(message.body, message.data.get("choices") or []), limits.SMS_MAX)


def send(message: Outbox, contact: ChatContact) -> str:
    if not settings.SMS_GATEWAY_URL:
        raise ProviderError("SMS_GATEWAY_URL is not set")
    form = urlencode({"to": contact.address, "text": text_of(message), "id": message.key})
    body = form.encode()
    try:
        answer = http_json(
            settings.SMS_GATEWAY_URL,
            form=body,
            headers={"X-Signature": sign(settings.SMS_SECRET, body)},
        )
    except ProviderError as exc:
        if 400 <= exc.status < 500 and exc.status not in {401, 403, 408, 429}:
            raise ProviderRefusedError(str(exc), code=str(exc.status), status=exc.status) from exc
        raise
    return str(answer.get("id", "")) if isinstance(answer, dict) else ""
