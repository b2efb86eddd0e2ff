"""Every route the project has, found by walking the URL configuration (a new one is covered
without being listed): state-changing requests need a CSRF token unless the route is in
CSRF_EXEMPT below with the check that replaces it, and every HTML answer carries the CSP."""

from __future__ import annotations

import pytest
from django.test import Client

from sinergi.accounts.models import AuditEvent, User
from sinergi.cases.models import Case
from sinergi.messaging.models import InboundEvent, Outbox
from sinergi.platform.tests.routes import concrete, routes

pytestmark = pytest.mark.django_db

# Routes that take POST without Django's CSRF token, and what guards them instead.
CSRF_EXEMPT = {
    "webhook/whatsapp/": "X-Hub-Signature-256 (HMAC of the body)",
    "webhook/telegram/": "X-Telegram-Bot-Api-Secret-Token",
    "webhook/sms/": "X-Signature (HMAC of the body)",
    "open311/v2/requests.<str:fmt>": "api_key, no cookies",
    "api/v1/": "django-ninja: a bearer token, or a session with its own CSRF check",
}


def exempt(route: str) -> bool:
    return any(route == r or (r.endswith("/") and route.startswith(r)) for r in CSRF_EXEMPT)


def counts() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        InboundEvent.objects.count(),
        Outbox.objects.count(),
        User.objects.count(),
        AuditEvent.objects.exclude(kind=AuditEvent.Kind.ACCESS_DENIED).count(),
    )


def test_the_walk_finds_the_routes_of_every_app():
    found = set(routes())
    assert len(found) > 100
    for route in (
        "lapor/",
        "petugas/laporan/",
        "webhook/whatsapp/",
        "kelola/",
        "papan/<str:code>/",
    ):
        assert route in found, route


def test_every_route_refuses_a_post_without_a_csrf_token(kapolres, sign_in):
    """As a signed-in Kapolres with TOTP done, so the login wall cannot be what refuses."""
    client = sign_in(kapolres)
    client.handler.enforce_csrf_checks = True
    before = counts()
    wrong = []
    for route in sorted(set(routes())):
        if exempt(route):
            continue
        response = client.post(concrete(route), {"description": "x"})
        if response.status_code != 403:
            wrong.append(f"{route}: {response.status_code}")
    assert wrong == []
    assert counts() == before


def test_the_exempt_routes_refuse_a_post_without_their_own_check(client: Client):
    before = counts()
    for route in ("/webhook/whatsapp/", "/webhook/telegram/", "/webhook/sms/"):
        assert client.post(route, b"{}", content_type="application/json").status_code == 403
    assert client.post("/open311/v2/requests.json", {"service_code": "x"}).status_code in {400, 403}
    assert client.post("/api/v1/cases", b"{}", content_type="application/json").status_code == 401
    assert counts() == before


def test_every_html_answer_carries_the_content_security_policy(client: Client, kapolres, sign_in):
    missing = []
    for who in ("anonymous", "kapolres"):
        if who == "kapolres":
            client = sign_in(kapolres)
        for route in sorted(set(routes())):
            response = client.get(concrete(route))
            if response.get("Content-Type", "").startswith("text/html") and not response.get(
                "Content-Security-Policy"
            ):
                missing.append(f"{who} {route}: {response.status_code}")
    assert missing == []
