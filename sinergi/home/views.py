from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sinergi.accounts.models import User
from sinergi.accounts.views import official_required, official_user
from sinergi.home import demo, landing
from sinergi.messaging.models import ChatLine


def index_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    verified = getattr(user, "is_verified", None)
    # an official lands on their work; the public front page is for everyone else
    if isinstance(user, User) and user.is_official and callable(verified) and verified():
        return redirect("home:tasks")
    logins = demo.login_cards() if settings.DEMO else []
    context = {"demo_logins": logins, "chat_lines": chat_lines()}
    return render(request, "home/index.html", context)


def chat_lines() -> list[ChatLine]:
    """The numbers and bots citizens may write to, one per channel and handle."""
    seen: dict[tuple[str, str], ChatLine] = {}
    for line in ChatLine.objects.exclude(handle="").select_related("unit").order_by("channel"):
        seen.setdefault((line.channel, line.handle), line)
    return list(seen.values())


@official_required
def tasks_view(request: HttpRequest) -> HttpResponse:
    """ "Tugas saya": what waits for this person today, by role; the app's start page."""
    user = official_user(request)
    context = {
        "tasks": landing.tasks_for(user),
        "now": timezone.now(),
        "today": timezone.localdate(),
    }
    return render(request, "home/tasks.html", context)


def health_view(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
