"""A generic SMS gateway webhook: a form (sender, text, id) signed with X-Signature, the
HMAC-SHA256 of the raw body under the shared secret. Plain text only: numbered menus."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from sinergi.messaging import services
from sinergi.messaging.chat import signature_ok, unreadable
from sinergi.messaging.sms.payloads import Incoming

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def webhook_view(request: HttpRequest) -> HttpResponse:
    body = request.body
    if not signature_ok(settings.SMS_SECRET, body, request.headers.get("X-Signature", "")):
        log.warning("sms webhook: bad signature from %s", request.META.get("REMOTE_ADDR"))
        return HttpResponse(status=403)
    try:
        fields = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        sms = Incoming.model_validate(fields)
    except (UnicodeDecodeError, ValidationError) as exc:
        log.warning("sms webhook: unreadable message (%s)", unreadable(exc))
        return HttpResponse(status=200)
    services.inbound_store(channel="sms", external_id=sms.id, payload=sms.model_dump())
    return HttpResponse(status=200)
