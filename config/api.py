"""The REST API at /api/v1/: one django-ninja router per app, token auth for integrations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from sinergi.accounts import audit
from sinergi.accounts.api import router as accounts_router
from sinergi.accounts.models import AuditEvent
from sinergi.accounts.services import api_token_user
from sinergi.areas.api import router as areas_router
from sinergi.cases.api import router as cases_router
from sinergi.dashboards.api import router as coverage_router
from sinergi.early_warning.api import elections_router, issues_router, vulnerability_router
from sinergi.engagement.api import activities_router, commitments_router, partners_router
from sinergi.humas.api import router as releases_router
from sinergi.patrols.api import event_requests_router, hotspots_router, patrols_router
from sinergi.platform.middleware import unavailable_response
from sinergi.units.api import router as units_router


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sng_…`, a token made with `manage.py create_api_token`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is None:
            audit.record(
                AuditEvent.Kind.ACCESS_DENIED, request=request, data={"reason": "unknown_api_token"}
            )
            return None
        request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """The browser session of an official with the TOTP step done (citizens have no use for the
    officers' operations; the public ones need no session)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None or not getattr(user, "is_official", False) or not user.is_verified():
            return None
        return user


# Answers every operation can give besides its own, in the error shape of the handlers below.
ERROR_BODY = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "error": {"type": "string"},
                    "message": {"type": "string"},
                    # each parameter that is wrong and why (empty unless the input was)
                    "fields": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "field": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        },
                    },
                },
                "required": ["error", "message"],
            }
        }
    }
}
COMMON_ANSWERS = {
    "413": "The request body is larger than the server takes",
    "422": "Invalid input: `fields` names each parameter and what is wrong with it",
    "429": "Too many requests from this address (public intake); see Retry-After",
    "503": "The database is unavailable for a moment; try again after Retry-After seconds",
}


class SinergiAPI(NinjaAPI):
    """The document lists the answers every operation can give (401 where a token or session is
    needed, 422, 429, 503), so clients, and schemathesis, can rely on it."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema["paths"].values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                answers = dict(COMMON_ANSWERS)
                if operation.get("security"):
                    answers["401"] = "A valid API token or signed-in session is needed"
                    answers["403"] = (
                        "Not allowed here, or a session's request without its CSRF token"
                    )
                for code, description in answers.items():
                    responses.setdefault(code, {"description": description, **ERROR_BODY})
        return schema


api = SinergiAPI(
    title="Sinergi API",
    version="1",
    description=(
        "Territory, units, people, cases, partners, activities, commitments, releases, hotspots, "
        "patrol plans and event-security requests of "
        "Sinergi. Paged lists carry the total `count`."
    ),
    urls_namespace="api",
)
api.add_router("/areas", areas_router)
api.add_router("/units", units_router)
api.add_router("/people", accounts_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/cases", cases_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/partners", partners_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/activities", activities_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/commitments", commitments_router)
api.add_router("/hotspots", hotspots_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/patrols", patrols_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/event-requests", event_requests_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/releases", releases_router)
api.add_router("/issues", issues_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/vulnerability", vulnerability_router, auth=[TokenAuth(), VerifiedSessionAuth()])
api.add_router("/elections", elections_router)
api.add_router("/coverage", coverage_router, auth=[TokenAuth(), VerifiedSessionAuth()])


def _error(
    request: HttpRequest, status: int, error: str, message: str, **extra: Any
) -> HttpResponse:
    """The one error shape of the API (ERROR_BODY): `fields` is a list in every answer."""
    return api.create_response(
        request, {"error": error, "message": message, "fields": [], **extra}, status=status
    )


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return _error(request, 422, "invalid_input", "Some parameters are not valid.", fields=fields)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthorized", "A valid API token or signed-in session is needed.")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        403: "forbidden",
        404: "not_found",
        409: "conflict",
        422: "invalid_input",
    }
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # DATA_UPLOAD_MAX_MEMORY_SIZE: without this, Django's HTML 400 page
    return _error(request, 413, "too_large", "The request body is too large.")


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Without DEBUG ninja lets these through to the middleware anyway; with DEBUG it would answer
    # a traceback, so the API says the same 503 in both.
    return unavailable_response(request, exc)
