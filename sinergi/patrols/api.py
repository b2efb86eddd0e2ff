"""Hotspots, patrol plans and event-security requests of the caller's areas (read-only)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Query

from sinergi.areas.schemas import ErrorOut
from sinergi.patrols import access, selectors
from sinergi.patrols.schemas import (
    EventRequestOut,
    EventRequestPageOut,
    HotspotOut,
    HotspotPageOut,
    PatrolOut,
    PatrolPageOut,
)
from sinergi.platform.api import LIMIT, OFFSET, not_found, page

hotspots_router = Router(tags=["patrols"])
patrols_router = Router(tags=["patrols"])
event_requests_router = Router(tags=["patrols"])


@hotspots_router.get("", response=HotspotPageOut, summary="Hotspots in the caller's areas")
def list_hotspots(
    request: HttpRequest,
    area: str = Query("", pattern=r"^(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)?$"),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> HotspotPageOut:
    qs = selectors.hotspot_list(user=request.user, area=area)
    return page(HotspotPageOut, qs, limit, offset)


@hotspots_router.get("/{hotspot_id}", response={200: HotspotOut, 404: ErrorOut})
def get_hotspot(request: HttpRequest, hotspot_id: int) -> HotspotOut:
    with not_found("No hotspot with this id."):
        return HotspotOut.model_validate(access.get_hotspot_for_user(request, hotspot_id))


@patrols_router.get("", response=PatrolPageOut, summary="Patrol plans of the caller's areas")
def list_patrols(request: HttpRequest, limit: int = LIMIT, offset: int = OFFSET) -> PatrolPageOut:
    qs = selectors.plan_list(user=request.user).prefetch_related("officers", "stops__hotspot")
    return page(PatrolPageOut, qs, limit, offset)


@patrols_router.get("/{plan_id}", response={200: PatrolOut, 404: ErrorOut})
def get_patrol(request: HttpRequest, plan_id: int) -> PatrolOut:
    with not_found("No patrol plan with this id."):
        return PatrolOut.model_validate(access.get_plan_for_user(request, plan_id))


@event_requests_router.get(
    "", response=EventRequestPageOut, summary="Event-security requests of the caller's areas"
)
def list_event_requests(
    request: HttpRequest,
    status: str = Query("", pattern=r"^(review|approved|declined|reported|)$"),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> EventRequestPageOut:
    qs = access.event_requests_visible_to(request.user).select_related("case")
    if status:
        qs = qs.filter(status=status)
    return page(EventRequestPageOut, qs.order_by("event_date", "pk"), limit, offset)


@event_requests_router.get("/{request_id}", response={200: EventRequestOut, 404: ErrorOut})
def get_event_request(request: HttpRequest, request_id: int) -> EventRequestOut:
    with not_found("No event request with this id."):
        return EventRequestOut.model_validate(
            access.get_event_request_for_user(request, request_id)
        )
