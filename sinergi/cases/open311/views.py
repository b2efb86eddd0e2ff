"""Open311 GeoReport v2: anyone may read the public part of cases; holders of an API key may file.

What leaves here is the public part of public cases only: never a case of a confidential or
withheld category, never a merged duplicate, never anything about a reporter (a position or an
address no more precise than the village). Error descriptions
are API text, in English like the REST API's.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from sinergi.accounts import audit
from sinergi.accounts.models import AuditEvent, User
from sinergi.accounts.services import api_token_user
from sinergi.areas.models import Area
from sinergi.areas.selectors import area_nearest_village
from sinergi.cases import lookups, services, tracking
from sinergi.cases.models import Case, CaseEvent, Category
from sinergi.cases.open311 import render

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# Sortable stamp of the last change to what this endpoint offers; bump it with the API.
CHANGESET = "2026-11-22T00:00:00Z"
MAX_RESULTS = 1000
WINDOW = timedelta(days=90)
MAX_DESCRIPTION = 4000
MAX_IDEMPOTENCY_KEY = 64
MAX_MEDIA_URL = 500
OPEN_STATES = {Case.Status.BARU, Case.Status.DITERIMA, Case.Status.DITANGANI}
PHONE = re.compile(r"^\+?[0-9 \-]{8,20}$")
# An unencoded "+" in a query string arrives as a space: "…T08:00:00 07:00" meant "+07:00".
_PLUS_AS_SPACE = re.compile(r" (\d\d(?::?\d\d)?)$")


class Open311Error(Exception):
    """Answered with the spec's error body and `status` as the HTTP status and the code."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# (request, fmt, **the other URL parts) -> response; Django passes the URL's named parts by name
type View = Callable[..., HttpResponse]


def endpoint(*methods: str) -> Callable[[View], View]:
    """The format comes from the URL suffix; errors of any kind leave in the spec's shape."""

    def decorate(handler: View) -> View:
        @functools.wraps(handler)
        def view(request: HttpRequest, fmt: str, **kwargs: str) -> HttpResponse:
            if fmt not in render.CONTENT_TYPES:
                # XML is the one format the spec requires, so an unknown one is answered in it
                return render.error("xml", 404, "Unknown format: use .xml or .json.")
            if request.method not in methods:
                response = render.error(
                    fmt, 405, f"Method not allowed: use {' or '.join(methods)}."
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return handler(request, fmt, **kwargs)
            except Open311Error as exc:
                return render.error(fmt, exc.status, exc.description)
            except (RequestDataTooBig, TooManyFieldsSent):
                return render.error(fmt, 400, "The request body is too large.")

        return view

    return decorate


@csrf_exempt  # writes nothing; a stray POST gets the spec's 404 rather than an HTML 403
def not_found_view(request: HttpRequest, path: str) -> HttpResponse:
    fmt = "json" if path.endswith(".json") else "xml"
    return render.error(fmt, 404, "No such Open311 resource.")


@endpoint("GET")
def discovery_view(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(
        reverse("open311:services", kwargs={"fmt": "xml"}).removesuffix("services.xml")
    )
    body: render.Value = {
        "changeset": CHANGESET,
        "contact": f"The Sinergi operators of {request.get_host()}.",
        "key_service": "API keys are issued by a Sinergi administrator "
        "(manage.py create_api_token <username> <purpose>).",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "test" if settings.DEMO or settings.DEBUG else "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render.document(fmt, "discovery", body)


@endpoint("GET")
def services_view(request: HttpRequest, fmt: str) -> HttpResponse:
    categories = Category.objects.filter(active=True, privacy=Category.Privacy.PUBLIC)
    return render.document(fmt, "services", [_service(c) for c in categories])


@endpoint("GET")
def service_definition_view(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    # Every service has metadata=false; the definition exists, with no attributes to ask for.
    category = _public_category(code)
    body: render.Value = {"service_code": category.slug, "attributes": []}
    return render.document(fmt, "service_definition", body)


# CSRF protects what a browser's session cookie authorises. This POST never looks at the session:
# only the api_key in the form body authorises it, and a forging site cannot know a victim's key.
# Open311 clients are machines that send no CSRF token, so the check is off here.
@csrf_exempt
@endpoint("GET", "POST")
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    cases = _search(request.GET)
    return render.document(fmt, "service_requests", [_request(c) for c in cases])


@endpoint("GET")
def request_view(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    return render.document(fmt, "service_requests", [_request(_public_case(request_id))])


@endpoint("GET")
def token_view(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    # POST answers synchronously, so a token is simply the tracking code of the case it made.
    code = _public_case(token, missing="No service request for this token.").tracking_code
    return render.document(fmt, "service_requests", [{"service_request_id": code, "token": code}])


# -- reading ------------------------------------------------------------------------------------


def _public_cases() -> QuerySet[Case]:
    last_note = (
        CaseEvent.objects.filter(case=OuterRef("pk"), public=True)
        .exclude(message="")
        .order_by("-at", "-pk")
        .values("message")[:1]
    )
    return (
        Case.objects.public()
        .select_related("category", "area", "owner_area")
        .annotate(open311_notes=Subquery(last_note))
    )


def _public_case(raw: str, *, missing: str = "No service request with this id.") -> Case:
    """The same 404 for a code that does not exist and for a case that is not public."""
    code = tracking.normalize(raw)
    case = _public_cases().filter(tracking_code=code).first() if code else None
    if case is None:
        raise Open311Error(404, missing)
    return case


def _search(params: QueryDict) -> list[Case]:
    qs = _public_cases()
    ids = _csv(params, "service_request_id")
    if ids:
        # the spec: a list of ids overrides every other filter
        codes = {c for c in (tracking.normalize(i) for i in ids[:MAX_RESULTS]) if c}
        qs = qs.filter(tracking_code__in=codes)
    else:
        service_codes = _csv(params, "service_code")
        if service_codes:
            qs = qs.filter(category__slug__in=service_codes)
        statuses = {s.lower() for s in _csv(params, "status")}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, "status must be open, closed or both (comma-separated).")
        if statuses == {"open"}:
            qs = qs.filter(status__in=OPEN_STATES)
        elif statuses == {"closed"}:
            qs = qs.exclude(status__in=OPEN_STATES)
        start, end = _window(params)
        qs = qs.filter(created_at__gte=start, created_at__lte=end)
    return list(qs.order_by("-created_at", "-pk")[:MAX_RESULTS])


def _csv(params: QueryDict, name: str) -> list[str]:
    return [part.strip() for part in params.get(name, "").split(",") if part.strip()]


def _window(params: QueryDict) -> tuple[datetime, datetime]:
    """start_date and end_date, at most 90 days apart; by default the last 90 days."""
    start, end = _datetime(params, "start_date"), _datetime(params, "end_date")
    try:
        if start is not None and end is not None:
            if end < start:
                raise Open311Error(400, "end_date is before start_date.")
            if end - start > WINDOW:
                raise Open311Error(400, "start_date and end_date may be at most 90 days apart.")
            return start, end
        if start is not None:
            return start, start + WINDOW
        end = end or timezone.now()
        return end - WINDOW, end
    except OverflowError as exc:
        raise Open311Error(400, "start_date or end_date is out of range.") from exc


def _datetime(params: QueryDict, name: str) -> datetime | None:
    raw = _PLUS_AS_SPACE.sub(r"+\1", params.get(name, "").strip())
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise Open311Error(
            400,
            f"{name} must be an ISO 8601 date and time with a time zone, "
            "e.g. 2026-01-31T08:00:00+08:00 or 2026-01-31T00:00:00Z.",
        )
    try:
        # in UTC here: 0001-01-01T00:00:00+05:00 is a moment before year 1, which the database
        # layer would fail to convert (a 500 on SQLite)
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise Open311Error(400, "start_date or end_date is out of range.") from exc


def _w3c(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _service(category: Category) -> dict[str, render.Value]:
    return {
        "service_code": category.slug,
        "service_name": category.name,
        "description": category.name,
        "metadata": False,
        "type": "realtime",
        "keywords": ",".join(category.slug.split("-")),
        "group": str(Category.Kind(category.kind).label),
    }


def _request(case: Case) -> dict[str, render.Value]:
    """The public part of a case. Nothing about its reporter, ever: the position and the address
    a citizen gave (their phone's GPS, "Jl. … No. 12") are published no more precisely than the
    village — its name and its centroid."""
    media_url = case.details.get("media_url") if isinstance(case.details, dict) else None
    updated = case.updated_at if case.is_open else (case.closed_at or case.updated_at)
    item: dict[str, render.Value] = {
        "service_request_id": case.tracking_code,
        "status": "open" if case.is_open else "closed",
        "status_notes": getattr(case, "open311_notes", None) or None,
        "service_name": case.category.name,
        "service_code": case.category.slug,
        "description": case.description,
        "agency_responsible": case.owner_area.label,
        "requested_datetime": _w3c(case.created_at),
        "updated_datetime": _w3c(updated),
        "address": case.area.label,
        "address_id": case.area_id,
        "zipcode": case.area.postal_code or None,
    }
    if case.area.latitude is not None and case.area.longitude is not None:
        item["lat"] = round(case.area.latitude, 5)
        item["long"] = round(case.area.longitude, 5)
    item["media_url"] = media_url if isinstance(media_url, str) else None
    return item


# -- filing -------------------------------------------------------------------------------------


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    user = _api_user(request)
    data = request.POST
    category = _public_category(_required(data, "service_code"))
    description = _required(data, "description")
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, f"description may have at most {MAX_DESCRIPTION} characters.")
    latitude, longitude = _point(data)
    area = _village(data, latitude, longitude)
    reporter = _reporter(data)
    media_url = _media_url(data)
    idempotency_key = _idempotency_key(request, user)
    try:
        result = services.case_submit(
            category=category,
            area=area,
            description=description,
            channel=Case.Channel.OPEN311,
            reporter=reporter,
            details={"media_url": media_url} if media_url else {},
            place=data.get("address_string", "").strip()[:200],
            latitude=latitude,
            longitude=longitude,
            idempotency_key=idempotency_key,
            by=user,
        )
    except services.IdempotencyKeyReusedError as exc:
        raise Open311Error(
            409, "This Idempotency-Key was already used for a different request: send a new key."
        ) from exc
    except services.IntakeError as exc:
        raise Open311Error(400, str(exc)) from exc
    code = result.case.tracking_code
    track_url = request.build_absolute_uri(reverse("cases:track", args=[code]))
    # the tracking code is public (every client may list it); the reporter's key is not: only
    # the key answers the feedback question or reopens the case, so it goes to the citizen
    key = tracking.reporter_key(result.reporter.pk) if result.reporter else ""
    notice = f"Case filed. Follow it with tracking code {code} at {track_url}"
    if key:
        notice += f" The reporter's private key is {key} (private link: {track_url}?k={key})."
    body: render.Value = [
        {
            "service_request_id": code,
            "token": code,
            "service_notice": notice,
            "account_id": None,
        }
    ]
    return render.document(fmt, "service_requests", body, status=201 if result.created else 200)


def _api_user(request: HttpRequest) -> User:
    key = request.POST.get("api_key", "").strip()
    user = api_token_user(key) if key else None
    if user is None:
        if key:
            audit.record(
                AuditEvent.Kind.ACCESS_DENIED,
                request=request,
                data={"reason": "unknown_api_token", "channel": "open311"},
            )
        raise Open311Error(403, "A valid api_key is required to post a service request.")
    return user


def _required(data: QueryDict, name: str) -> str:
    value = data.get(name, "").strip()
    if not value:
        raise Open311Error(400, f"{name} is required.")
    return value


def _public_category(code: str) -> Category:
    """A service is an active public category; any other code is unknown here (404, the spec's
    answer for a service_code that was not found)."""
    category = lookups.active_category(slug=code)
    if category is None or category.privacy != Category.Privacy.PUBLIC:
        raise Open311Error(404, "Unknown service_code: see services.xml or services.json.")
    return category


def _point(data: QueryDict) -> tuple[float | None, float | None]:
    raw_lat, raw_long = data.get("lat", "").strip(), data.get("long", "").strip()
    if not raw_lat and not raw_long:
        return None, None
    if not (raw_lat and raw_long):
        raise Open311Error(400, "lat and long must be sent together.")
    try:
        latitude, longitude = float(raw_lat), float(raw_long)
    except ValueError as exc:
        raise Open311Error(400, "lat and long must be decimal degrees (WGS84).") from exc
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        raise Open311Error(400, "lat must be between -90 and 90.")
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        raise Open311Error(400, "long must be between -180 and 180.")
    return latitude, longitude


def _village(data: QueryDict, latitude: float | None, longitude: float | None) -> Area:
    """address_id names the village; otherwise the village nearest to lat/long."""
    address_id = data.get("address_id", "").strip()
    if address_id:
        area = lookups.current_village(address_id)
        if area is None:
            raise Open311Error(400, "address_id must be the code of a village, e.g. 64.74.01.1002.")
        return area
    if latitude is None or longitude is None:
        # address_string alone cannot be placed reliably: village names repeat across Indonesia
        raise Open311Error(400, "A location is required: lat and long, or address_id.")
    nearest = area_nearest_village(latitude=latitude, longitude=longitude)
    if nearest is None:
        raise Open311Error(400, "No village is known near lat/long; send address_id instead.")
    return nearest.area


def _reporter(data: QueryDict) -> services.ReporterIn:
    first, last = data.get("first_name", "").strip(), data.get("last_name", "").strip()
    name = f"{first} {last}".strip()[:120]
    phone, email = data.get("phone", "").strip(), data.get("email", "").strip()
    if phone and not PHONE.match(phone):
        raise Open311Error(400, "phone must be 8 to 20 digits, spaces or dashes, e.g. +62811…")
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise Open311Error(400, "email is not a valid address.") from exc
    return services.ReporterIn(anonymous=not name, name=name, phone=phone, email=email)


def _media_url(data: QueryDict) -> str:
    """A link for people to open; we store it and never fetch it."""
    url = data.get("media_url", "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
        valid = len(url) <= MAX_MEDIA_URL
    except ValidationError:
        valid = False
    if not valid:
        raise Open311Error(
            400, f"media_url must be an http(s) URL of at most {MAX_MEDIA_URL} characters."
        )
    return url


def _idempotency_key(request: HttpRequest, user: User) -> str | None:
    raw = request.headers.get("Idempotency-Key", "").strip()
    if not raw:
        return None
    if len(raw) > MAX_IDEMPOTENCY_KEY:
        raise Open311Error(
            400, f"Idempotency-Key may have at most {MAX_IDEMPOTENCY_KEY} characters."
        )
    return services.client_key(source="open311", user_id=user.pk, raw=raw)
