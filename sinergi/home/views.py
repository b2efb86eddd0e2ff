from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from sinergi.home import demo
from sinergi.messaging.models import ChatLine


def index_view(request: HttpRequest) -> HttpResponse:
    logins = demo.login_cards() if settings.DEMO else []
    context = {"demo_logins": logins, "chat_lines": chat_lines()}
    return render(request, "home/index.html", context)


def chat_lines() -> list[ChatLine]:
    """The numbers and bots citizens may write to, one per channel and handle."""
    seen: dict[tuple[str, str], ChatLine] = {}
    for line in ChatLine.objects.exclude(handle="").select_related("unit").order_by("channel"):
        seen.setdefault((line.channel, line.handle), line)
    return list(seen.values())


def health_view(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
