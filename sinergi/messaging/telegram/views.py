"""The Telegram Bot API webhook: X-Telegram-Bot-Api-Secret-Token checked in constant time, the
Update stored once per (bot, update_id), processed by the task worker."""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from sinergi.messaging import services
from sinergi.messaging.chat import parse_json, unreadable
from sinergi.messaging.telegram.payloads import Update
from sinergi.messaging.telegram.transport import bot_id

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def webhook_view(request: HttpRequest) -> HttpResponse:
    secret = settings.TELEGRAM_SECRET_TOKEN
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not secret or not hmac.compare_digest(secret.encode(), given.encode()):
        log.warning("telegram webhook: bad secret token from %s", request.META.get("REMOTE_ADDR"))
        return HttpResponse(status=403)
    try:
        update = parse_json(request.body)
        parsed = Update.model_validate(update, strict=False)
    except (ValueError, ValidationError) as exc:
        log.warning("telegram webhook: unreadable update (%s)", unreadable(exc))
        return HttpResponse(status=200)
    if not parsed.wanted:
        log.info("telegram webhook: update %s of another kind ignored", parsed.update_id)
        return HttpResponse(status=200)
    services.inbound_store(
        channel="telegram", external_id=f"{bot_id()}:{parsed.update_id}", payload=update
    )
    return HttpResponse(status=200)
