"""Sending through the SMS gateway: a signed form POST (to, text, id = our outbox key)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings

from sinergi.messaging.chat import ProviderError, http_json, sign
from sinergi.messaging.models import ChatContact, Outbox

SMS_MAX = 640  # four concatenated parts; longer menus are cut rather than cost ten SMS


def send(message: Outbox, contact: ChatContact) -> str:
    if not settings.SMS_GATEWAY_URL:
        raise ProviderError("SMS_GATEWAY_URL is not set")
    form = urlencode({"to": contact.address, "text": message.body[:SMS_MAX], "id": message.key})
    body = form.encode()
    answer = http_json(
        settings.SMS_GATEWAY_URL,
        form=body,
        headers={"X-Signature": sign(settings.SMS_SECRET, body)},
    )
    return str(answer.get("id", "")) if isinstance(answer, dict) else ""
