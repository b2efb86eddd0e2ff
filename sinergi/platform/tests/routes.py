"""Every route of the URL configuration, found by walking it, so a new route is covered by the
tests that use this without being listed (test_every_route.py, test_access_matrix.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x/y",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def all_routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """Every leaf pattern as its route text, regular-expression ones included."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def routes() -> Iterator[str]:
    """The routes written with path() converters (an address can be made from them)."""
    for route in all_routes():
        if "(?P" not in route and "^" not in route:
            yield route


def concrete(route: str, values: dict[str, str] | None = None) -> str:
    """An address for the route: each converter by its name in `values`, else a sample."""
    given = values or {}

    def fill(match: re.Match[str]) -> str:
        return given.get(match.group(2)) or SAMPLE.get(match.group(1) or "str", "x")

    return "/" + CONVERTER.sub(fill, route)
