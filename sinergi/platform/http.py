"""The request as our middleware leaves it, for type checking (django-htmx's documented way)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has passed HtmxMiddleware: `request.htmx` is truthy for htmx's requests."""

    htmx: HtmxDetails
