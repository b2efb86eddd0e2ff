"""The WhatsApp Cloud API webhook: the subscription handshake (GET) and events (POST).

A POST is checked against X-Hub-Signature-256 before its body is parsed. Each message is stored
once (unique on its wamid) and handed to the task worker; receipts update the outbox at once. The
answer is 200 quickly for anything signed, even what we cannot read, so Meta does not retry it.
"""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from pydantic import ValidationError

from sinergi.messaging import services
from sinergi.messaging.chat import parse_json, signature_ok, unreadable
from sinergi.messaging.whatsapp.payloads import Message, Notification, Value

log = logging.getLogger(__name__)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _handshake(request)
    body = request.body
    if not signature_ok(
        settings.WHATSAPP_APP_SECRET, body, request.headers.get("X-Hub-Signature-256", "")
    ):
        log.warning("whatsapp webhook: bad signature from %s", request.META.get("REMOTE_ADDR"))
        return HttpResponse(status=403)
    try:
        notification = Notification.model_validate(parse_json(body))
    except (ValueError, ValidationError) as exc:
        log.warning("whatsapp webhook: unreadable payload (%s)", unreadable(exc))
        return HttpResponse(status=200)
    for entry in notification.entry:
        for change in entry.changes:
            if change.field != "messages":
                log.info("whatsapp webhook: field %r ignored", change.field)
                continue
            _accept(change.value)
    return HttpResponse(status=200)


def _accept(raw: dict[str, object]) -> None:
    try:
        value = Value.model_validate(raw)
    except ValidationError as exc:
        log.warning("whatsapp webhook: unreadable change (%s)", unreadable(exc))
        return
    account = value.metadata.phone_number_id
    for message in value.messages:
        try:
            parsed = Message.model_validate(message)
        except ValidationError as exc:
            log.warning("whatsapp webhook: unreadable message ignored (%s)", unreadable(exc))
            continue
        if not (parsed.from_ or parsed.from_user_id or parsed.system):
            log.warning("whatsapp webhook: message without a sender ignored (%s)", parsed.type)
            continue
        services.inbound_store(
            channel="whatsapp",
            external_id=parsed.id,
            payload={"phone_number_id": account, "message": message},
        )
    for status in value.statuses:
        first = status.errors[0] if status.errors else None
        services.receipt_record(
            provider_id=status.id,
            status=status.status,
            error=first.title if first else "",
            code=str(first.code) if first else "",
        )


def _handshake(request: HttpRequest) -> HttpResponse:
    token = settings.WHATSAPP_VERIFY_TOKEN
    given = request.GET.get("hub.verify_token", "")
    if (
        request.GET.get("hub.mode") == "subscribe"
        and token
        and hmac.compare_digest(token.encode(), given.encode())
    ):
        return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
    return HttpResponse(status=403)
