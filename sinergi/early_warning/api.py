"""Issues (analysts and leaders, through the issue door), the vulnerability index (officials of the
area) and the election calendar (public)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.accounts import access as account_access
from sinergi.accounts.models import User
from sinergi.areas.codes import CODE_REGEX, within_q
from sinergi.areas.models import Area
from sinergi.areas.schemas import ErrorOut
from sinergi.early_warning import access, index, index_selectors, services
from sinergi.early_warning.models import Election, Issue
from sinergi.early_warning.schemas import (
    AreaSummaryOut,
    ElectionOut,
    HistoryOut,
    IndicatorOut,
    IssueIn,
    IssueOut,
    IssuePageOut,
    VillageScoreOut,
)
from sinergi.platform.api import LIMIT, OFFSET, not_found, page

issues_router = Router(tags=["early warning"])
vulnerability_router = Router(tags=["early warning"])
elections_router = Router(tags=["early warning"])


@issues_router.get("", response=IssuePageOut, summary="Issues of the caller's areas")
def list_issues(
    request: HttpRequest,
    status: str = Query("", pattern=r"^(dipantau|ditangani|terlokalisir|meluas|selesai|)$"),
    category: str = Query("", max_length=20),
    area: str = Query("", pattern=rf"({CODE_REGEX})|^$"),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> IssuePageOut:
    qs = access.issues_visible_to(request.user).prefetch_related("areas", "cases", "activities")
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if area:
        qs = qs.filter(within_q("area_id", area))
    return page(IssuePageOut, qs, limit, offset)


@issues_router.get("/{issue_id}", response={200: IssueOut, 404: ErrorOut})
def get_issue(request: HttpRequest, issue_id: int) -> IssueOut:
    with not_found("No issue with this id."):
        return IssueOut.model_validate(access.get_issue_for_user(request, issue_id))


@issues_router.post("", response={201: IssueOut, 403: ErrorOut, 422: ErrorOut})
def create_issue(request: HttpRequest, payload: IssueIn) -> Status[IssueOut]:
    user = request.user
    if not isinstance(user, User) or not access.can_follow_issues(user):
        raise HttpError(403, "Only analysts and leaders open issues.")
    codes = {payload.area, *payload.areas}
    found = {a.code: a for a in Area.objects.filter(code__in=codes)}
    if codes - set(found):
        raise HttpError(422, f"Unknown area: {', '.join(sorted(codes - set(found)))}")
    try:
        issue = services.issue_open(
            by=user,
            title=payload.title,
            category=payload.category,
            severity=payload.severity,
            area=found[payload.area],
            areas=[found[c] for c in payload.areas],
            description=payload.description,
            source=payload.source,
            source_reliability=payload.source_reliability,
            credibility=payload.credibility,
            tags=payload.tags,
        )
    except services.IssueError as exc:
        raise HttpError(422, str(exc)) from exc
    issue = Issue.objects.prefetch_related("areas").get(pk=issue.pk)
    return Status(201, IssueOut.model_validate(issue))


def _in_scope(request: HttpRequest, code: str) -> Area:
    area = Area.objects.filter(code=code).first()
    if area is None or not account_access.scope_of(request.user).covers(code):
        raise HttpError(404, "No area with this code in your areas.")
    return area


@vulnerability_router.get(
    "",
    response={200: AreaSummaryOut, 404: ErrorOut},
    summary="Vulnerability index of an area: summary and its villages, highest first",
)
def area_vulnerability(
    request: HttpRequest,
    area: str = Query(..., pattern=CODE_REGEX),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> AreaSummaryOut:
    place = _in_scope(request, area)
    totals = index_selectors.summary(area)
    mean = totals["mean"]
    return AreaSummaryOut.model_validate(
        {
            "area": area,
            "name": place.name,
            "villages": int(str(totals["villages"])),
            "mean": round(float(str(mean)), 2) if mean is not None else None,
            "max": float(str(totals["max"])) if totals["max"] is not None else None,
            "levels": {k: int(str(totals[k])) for k in ("tinggi", "sedang", "rendah")},
            "count": int(str(totals["villages"])),
            "limit": limit,
            "offset": offset,
            "items": index_selectors.villages_under(area, offset=offset, limit=limit),
        }
    )


@vulnerability_router.get(
    "/{code}",
    response={200: VillageScoreOut, 404: ErrorOut},
    summary="One village's score with its explanation and history",
)
def village_vulnerability(request: HttpRequest, code: str) -> VillageScoreOut:
    place = _in_scope(request, code)
    current = getattr(place, "vulnerability", None) if place.level == Area.Level.VILLAGE else None
    if current is None:
        raise HttpError(404, "No score for this village yet.")
    lines = index.explain(current.parts)
    indicators = [
        IndicatorOut(
            code=item["code"],
            label=label,
            explanation=text,
            points=points,
            data={k: v for k, v in item.items() if k not in {"code", "points"}},
        )
        for item, (label, text, points) in zip(current.parts["indicators"], lines, strict=True)
    ]
    return VillageScoreOut(
        area=code,
        name=place.name,
        score=current.score,
        level=current.level,
        version=current.version,
        computed_at=current.computed_at,
        indicators=indicators,
        history=[HistoryOut.model_validate(h) for h in index_selectors.history(code)],
    )


@elections_router.get("", response=list[ElectionOut], auth=None, summary="Election calendar")
def list_elections(
    request: HttpRequest, area: str = Query("", pattern=rf"({CODE_REGEX})|^$")
) -> QuerySet[Election]:
    elections = Election.objects.select_related("area").prefetch_related("stages")
    if area:
        parts = area.split(".")
        codes = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
        elections = elections.filter(area__isnull=True) | elections.filter(area_id__in=codes)
    return elections.order_by("vote_on", "pk")[:100]
