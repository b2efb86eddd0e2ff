"""An official's pages speak the time of the areas they serve: when all of them lie in one zone
(a Bontang officer: WITA), that zone is the request's current one, so a time they type into a form
("Waktu pelaksanaan 09.00") means 09.00 there, and a form's default time is their clock. Shown
times still name their zone (`{% load wilayah %}`); citizens and national posts keep WIB."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from sinergi.accounts.access import scope_of
from sinergi.areas.timezones import zone_of


class OfficialTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zones = set()
        if user is not None and user.is_authenticated:
            zones = {zone_of(code) for code in scope_of(user).codes}
        if len(zones) == 1:
            timezone.activate(zones.pop().info)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
