"""What every request passes through first: the language, the client's address, a lost database.

Indonesian unless the user chose otherwise. Django's LocaleMiddleware follows the browser's
Accept-Language, and many phones in Indonesia are set to English; Sinergi's users expect
Indonesian. Only the language cookie (set by the switch in the footer, /bahasa/) changes it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import defaults


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class ForwardedForMiddleware:
    """Behind the TLS proxy, the client's address is the last one the proxy added to
    X-Forwarded-For; REMOTE_ADDR is the proxy itself. Audit, lockouts and rate limits read
    REMOTE_ADDR, so it is set once here. Off unless BEHIND_TLS_PROXY (a client could forge it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if settings.SECURE_PROXY_SSL_HEADER and forwarded:
            request.META["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return self.get_response(request)


# The database is unreachable (down, restarting, a connection cut): every request gets a clear
# "try again" instead of a 500 with a traceback, and the next request after the database is back
# succeeds (CONN_HEALTH_CHECKS in config/settings.py throws away a broken persistent connection).

log = logging.getLogger("sinergi.unavailable")

# Django wraps psycopg's errors in these: connection refused, "the database system is starting
# up", a server that went away mid-request, a connection already closed. Deadlocks and
# serialization failures are OperationalErrors too; "try again" is the right answer for them.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
JSON_PREFIXES = ("/api/", "/open311/", "/webhook/")


def database_down(exc: BaseException | None) -> bool:
    """True when the exception, or one it was raised from or during, is a lost database."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, DATABASE_DOWN):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """503 + Retry-After: JSON for the API, Open311 and webhooks (providers retry on non-2xx),
    otherwise a page that touches nothing of the database (no session, no user, no context
    processors: it is rendered without the request)."""
    cause = exc.__cause__ or exc
    match = request.resolver_match
    if match is None:
        # raised in a middleware (sessions, rate limits) before the URL was resolved
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    log.warning(
        "database unavailable: %s %s answered 503 (%s.%s)",
        request.method,
        # the view's name, never the path: a path may carry a tracking code
        match.view_name if match is not None else "-",
        type(cause).__module__.split(".")[0],
        type(cause).__name__,
    )
    message = _("Sistem sedang sibuk — coba lagi sebentar lagi.")
    response: HttpResponse
    if request.path_info.startswith(JSON_PREFIXES):
        body = {"error": "unavailable", "message": message, "fields": []}
        response = JsonResponse(body, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Logged above in one line; Django would log it again with the whole traceback.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class DatabaseUnavailableMiddleware:
    """Answers a view's lost database with 503 (see `unavailable_response`). Middleware that
    fail on the database themselves (sessions, rate limits) reach `server_error` instead:
    Django turns their exceptions into the 500 handler's response before any middleware
    above them could see the exception."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return unavailable_response(request, exception) if database_down(exception) else None


class RefuseNulMiddleware:
    """A NUL character cannot be stored in PostgreSQL text and means nothing in any of ours:
    a query string, a form or a JSON body carrying one is refused here, whole, before any view
    or query (400 page, or 422 {error: invalid_input} for the API, Open311 and webhooks).
    Uploaded files (multipart) are binary and are not looked at."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._carries_nul(request):
            message = _("Permintaan berisi karakter yang tidak diizinkan (NUL).")
            if request.path_info.startswith(JSON_PREFIXES):
                body = {"error": "invalid_input", "message": message, "fields": []}
                return JsonResponse(body, status=422)
            return HttpResponse(render_to_string("400.html", {"message": message}), status=400)
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request: HttpRequest) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query or "\x00" in request.path_info:
            return True
        kind = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            return False
        try:
            if kind == "application/json" or kind.endswith("+json"):
                body = request.body
                return b"\x00" in body or b"\\u0000" in body
            if kind == "application/x-www-form-urlencoded":
                body = request.body
                return b"%00" in body or b"\x00" in body
        except RequestDataTooBig:
            # unread, so not stored: the view answers "too large" in its own shape (the spec's
            # error for Open311, JSON for the API), not Django's generic 400 page
            return False
        return False


class RequestSizeMiddleware:
    """Every route refuses a body larger than it may take, before anything reads it (413): a
    multipart upload would otherwise be streamed to disk whole by the CSRF check. Signed-in
    officials' pages (/petugas/: activity photos, event attachments, release imports) take
    MAX_OFFICER_REQUEST_BYTES; everything else MAX_REQUEST_BYTES. The public form (/lapor/)
    answers its own 413 with the form itself (cases/views.py)."""

    OWN_ANSWER = ("/lapor/",)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = settings.MAX_REQUEST_BYTES + 1
        if size <= settings.MAX_REQUEST_BYTES or request.path_info in self.OWN_ANSWER:
            return self.get_response(request)
        officer = request.path_info.startswith("/petugas/") and request.user.is_authenticated
        if officer and size <= settings.MAX_OFFICER_REQUEST_BYTES:
            return self.get_response(request)
        limit = settings.MAX_OFFICER_REQUEST_BYTES if officer else settings.MAX_REQUEST_BYTES
        message = _(
            "Kiriman terlalu besar (lebih dari %(mb)d MB). Kecilkan atau kurangi fotonya, lalu "
            "kirim lagi."
        ) % {"mb": limit // 1_000_000}
        if request.path_info.startswith(JSON_PREFIXES):
            body = {"error": "too_large", "message": message, "fields": []}
            return JsonResponse(body, status=413)
        return HttpResponse(render_to_string("413.html", {"message": message}), status=413)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a lost database is 503 wherever it was raised; anything else is 500.html."""
    exc = sys.exc_info()[1]
    if exc is not None and database_down(exc):
        return unavailable_response(request, exc)
    return defaults.server_error(request)
