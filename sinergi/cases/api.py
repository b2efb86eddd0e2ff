"""Cases for integrations: file one (idempotent), list those in the caller's areas, read one."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.params.functions import Header, Query

from sinergi.accounts.access import scope_of
from sinergi.accounts.models import User
from sinergi.areas.codes import CODE_REGEX
from sinergi.areas.models import Area
from sinergi.areas.schemas import ErrorOut, choice_query
from sinergi.cases import access, figures, lookups, selectors, services, tracking
from sinergi.cases.models import Case, Category
from sinergi.cases.schemas import (
    CaseFiledOut,
    CaseIn,
    CaseOut,
    CasePageOut,
    CategoryOut,
    FiguresOut,
)
from sinergi.platform.api import LIMIT, OFFSET, not_found, page

router = Router(tags=["cases"])


@router.get("/categories", response=list[CategoryOut], auth=None, summary="Case categories")
def list_categories(request: HttpRequest) -> QuerySet[Category]:
    return Category.objects.filter(active=True)


@router.get("/figures", response={200: FiguresOut, 404: ErrorOut}, summary="Accountability figures")
def area_figures(
    request: HttpRequest,
    area: str = Query(..., pattern=CODE_REGEX),
    days: int = Query(90, ge=1, le=3660),
) -> FiguresOut:
    """For an area inside the caller's own areas (404 otherwise, like a missing one)."""
    if not scope_of(request.user).covers(area) or not Area.objects.filter(code=area).exists():
        raise HttpError(404, "No area with this code in your areas.")
    until = timezone.now()
    result = figures.accountability(area_code=area, since=until - timedelta(days=days), until=until)
    return FiguresOut.model_validate(result)  # its properties (the shares) included


@router.post(
    "",
    response={201: CaseFiledOut, 200: CaseFiledOut, 409: ErrorOut, 422: ErrorOut},
    summary="File a case (send an Idempotency-Key header: a retry returns the same case; the "
    "same key with a different body is refused with 409)",
)
def create_case(
    request: HttpRequest,
    payload: CaseIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=64),
) -> Status[CaseFiledOut]:
    category = lookups.active_category(slug=payload.category)
    area = lookups.current_village(payload.area)
    if category is None or area is None:
        field = "category" if category is None else "area"
        raise HttpError(422, f"Unknown {field}: {getattr(payload, field)!r}.")
    user = request.user if isinstance(request.user, User) else None
    key = services.client_key(source="api", user_id=user.pk if user else None, raw=idempotency_key)
    try:
        result = services.case_submit(
            category=category,
            area=area,
            description=payload.description,
            channel=Case.Channel.API,
            details=payload.details,
            place=payload.place,
            latitude=payload.latitude,
            longitude=payload.longitude,
            idempotency_key=key,
            by=user,
            reporter=services.ReporterIn(
                anonymous=payload.reporter.anonymous,
                name=payload.reporter.name,
                phone=payload.reporter.phone,
                email=payload.reporter.email,
            ),
        )
    except services.IdempotencyKeyReusedError as exc:
        raise HttpError(
            409,
            "This Idempotency-Key was already used for a different request body: send a new "
            "key for a new case.",
        ) from exc
    except services.IntakeError as exc:
        raise HttpError(422, str(exc)) from exc
    case = result.case
    key = tracking.reporter_key(result.reporter.pk) if result.reporter else None
    path = reverse("cases:track", args=[case.tracking_code])
    # the case as read (CaseOut) and the two answers only filing gives, already valid
    filed = CaseFiledOut.model_construct(
        **CaseOut.model_validate(case).model_dump(),
        reporter_key=key,
        track_url=f"{settings.SITE_URL.rstrip('/')}{path}" + (f"?k={key}" if key else ""),
    )
    return Status(201 if result.created else 200, filed)


@router.get("", response=CasePageOut, summary="Cases in the caller's areas")
def list_cases(
    request: HttpRequest,
    status: str = Query(
        "open", pattern=r"^(open|baru|diterima|ditangani|selesai|dirujuk|digabung|ditolak|)$"
    ),
    kind: Annotated[Category.Kind | None, choice_query(Category.Kind, "Kind")] = Query(None),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> CasePageOut:
    qs = selectors.case_inbox(user=request.user, status=status, kind=kind or "")
    return page(CasePageOut, qs, limit, offset)


@router.get("/{case_id}", response={200: CaseOut, 404: ErrorOut}, summary="One case")
def get_case(request: HttpRequest, case_id: int) -> CaseOut:
    with not_found("No case with this id."):
        return CaseOut.model_validate(access.get_case_for_user(request, case_id))
