"""The request as our middleware leaves it, for type checking (django-htmx's documented way), and
the answer of a page with a form."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has passed HtmxMiddleware: `request.htmx` is truthy for htmx's requests."""

    htmx: HtmxDetails


def render_form(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A page with a form: 200 when asked for, 400 when it comes back after a POST, as what was
    sent did not go through (a POST that does redirects)."""
    return render(request, template, context, status=400 if request.method == "POST" else 200)
