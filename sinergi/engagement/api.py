"""Partners and activities of the caller's areas; the public commitment board of any area."""

from __future__ import annotations

from typing import Annotated

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas.codes import CODE_REGEX, within_q
from sinergi.areas.models import Area
from sinergi.areas.schemas import ErrorOut, choice_query
from sinergi.engagement import access, selectors
from sinergi.engagement.catalogue import ActivityType, PartnerKind
from sinergi.engagement.models import Activity, Commitment
from sinergi.engagement.schemas import (
    ActivityOut,
    ActivityPageOut,
    CommitmentPageOut,
    PartnerDetailOut,
    PartnerPageOut,
)
from sinergi.platform.api import LIMIT, OFFSET, not_found, page

partners_router = Router(tags=["partners"])
activities_router = Router(tags=["activities"])
commitments_router = Router(tags=["commitments"])


@partners_router.get("", response=PartnerPageOut, summary="Partners in the caller's areas")
def list_partners(
    request: HttpRequest,
    area: str | None = Query(None, pattern=CODE_REGEX),
    kind: Annotated[PartnerKind | None, choice_query(PartnerKind, "Kind")] = Query(None),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> PartnerPageOut:
    qs = access.partners_visible_to(request.user).filter(active=True).order_by("name", "pk")
    if area:
        qs = qs.filter(within_q("area_id", area))
    if kind:
        qs = qs.filter(kind=kind)
    return page(PartnerPageOut, qs, limit, offset)


@partners_router.get(
    "/{partner_id}", response={200: PartnerDetailOut, 404: ErrorOut}, summary="One partner"
)
def get_partner(request: HttpRequest, partner_id: int) -> PartnerDetailOut:
    """With contact details (the read is recorded); 404 outside the caller's areas."""
    with not_found("No partner with this id in your areas."):
        partner = access.get_partner_for_user(request, partner_id)
    access.record_contact_view(request, partner)
    return PartnerDetailOut.model_validate(partner)


@activities_router.get("", response=ActivityPageOut, summary="Activities in the caller's areas")
def list_activities(
    request: HttpRequest,
    area: str | None = Query(None, pattern=CODE_REGEX),
    kind: Annotated[ActivityType | None, choice_query(ActivityType, "Kind")] = Query(None),
    status: Annotated[Activity.Status | None, choice_query(Activity.Status, "Status")] = Query(
        None
    ),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> ActivityPageOut:
    qs = access.activities_visible_to(request.user).order_by("-planned_at", "-pk")
    if area:
        qs = qs.filter(within_q("area_id", area))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    qs = qs.prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.order_by("due_on", "pk")),
        "aspirations__case",
    )
    return page(ActivityPageOut, qs, limit, offset)


@activities_router.get(
    "/{activity_id}", response={200: ActivityOut, 404: ErrorOut}, summary="One activity"
)
def get_activity(request: HttpRequest, activity_id: int) -> ActivityOut:
    with not_found("No activity with this id in your areas."):
        return ActivityOut.model_validate(access.get_activity_for_user(request, activity_id))


@commitments_router.get(
    "",
    response={200: CommitmentPageOut, 404: ErrorOut},
    auth=None,
    summary="The public commitment board of an area",
)
def list_commitments(
    request: HttpRequest,
    area: str = Query(..., pattern=CODE_REGEX),
    status: Annotated[Commitment.Status | None, choice_query(Commitment.Status, "Status")] = Query(
        None
    ),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> CommitmentPageOut:
    if not Area.objects.filter(code=area).exists():
        raise HttpError(404, "No area with this code.")
    qs = selectors.commitment_board(area_code=area)
    if status:
        qs = qs.filter(status=status)
    return page(CommitmentPageOut, qs, limit, offset)
