"""Rate limits on what anyone can send without signing in: case intake, tracking, sign-in.

Counted per client address and minute in the database (`RateCount`), so every web node shares
the same counters. One atomic upsert per limited request; nothing is counted for other requests.
Over the limit: 429 with Retry-After — an Indonesian page, or `{error, message}` JSON for the API
and Open311. A limit of 0 turns the rule off (load tests set that).

Mobile carriers put many phones behind one address (CGNAT), so the limits are per minute and
generous: they stop a script flooding the intake, not a village filing reports at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.platform.models import RateCount


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    method: str
    path: re.Pattern[str]
    setting: str  # the per-minute limit in settings

    def limit(self) -> int:
        return int(getattr(settings, self.setting))


RULES = (
    Rule("intake", "POST", re.compile(r"^/lapor/$"), "RATE_LIMIT_INTAKE_PER_MINUTE"),
    Rule("intake", "POST", re.compile(r"^/api/v1/cases/?$"), "RATE_LIMIT_INTAKE_PER_MINUTE"),
    Rule("intake", "POST", re.compile(r"^/open311/v2/requests\."), "RATE_LIMIT_INTAKE_PER_MINUTE"),
    # reading a case by its code counts too: a key guessed by links (?k=) is a GET
    Rule("track", "POST", re.compile(r"^/lacak/"), "RATE_LIMIT_TRACK_PER_MINUTE"),
    Rule("track", "GET", re.compile(r"^/lacak/[^/]+/$"), "RATE_LIMIT_TRACK_PER_MINUTE"),
    Rule("signin", "POST", re.compile(r"^/masuk/"), "RATE_LIMIT_SIGNIN_PER_MINUTE"),
    Rule("signin", "POST", re.compile(r"^/kelola/login/"), "RATE_LIMIT_SIGNIN_PER_MINUTE"),
)


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _count(key: str, minute: dt.datetime) -> int:
    """Adds one to the counter and returns the new value, in one statement."""
    table = RateCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, count, minute) VALUES (%s, 1, %s) "  # noqa: S608 -- our table name
            f"ON CONFLICT (key) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [key, minute],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def over_limit(request: HttpRequest) -> Rule | None:
    """Counts the request under its rule; the rule when this request is one too many."""
    for rule in RULES:
        if request.method != rule.method or not rule.path.match(request.path_info):
            continue
        limit = rule.limit()
        if limit <= 0:
            return None
        minute = timezone.now().replace(second=0, microsecond=0)
        key = f"{rule.name}:{client_address(request)}:{minute:%Y%m%d%H%M}"
        return rule if _count(key, minute) > limit else None
    return None


def prune() -> int:
    """Forgets counters older than an hour (the schedule runs it)."""
    cutoff = timezone.now() - dt.timedelta(hours=1)
    deleted, _counts = RateCount.objects.filter(minute__lt=cutoff).delete()
    return deleted


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if over_limit(request) is None:
            return self.get_response(request)
        retry = str(60 - timezone.now().second)
        message = _("Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam satu menit.")
        if request.path_info.startswith(("/api/", "/open311/")):
            response: HttpResponse = JsonResponse(
                {"error": "rate_limited", "message": message, "fields": []}, status=429
            )
        else:
            response = render(request, "429.html", {"message": message}, status=429)
        response["Retry-After"] = retry
        return response
