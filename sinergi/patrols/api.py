"""Hotspots, patrol plans and event-security requests of the caller's areas (read-only)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas.schemas import ErrorOut
from sinergi.patrols import access, selectors
from sinergi.patrols.models import EventRequest, Hotspot, PatrolPlan
from sinergi.patrols.schemas import (
    EventRequestOut,
    EventRequestPageOut,
    HotspotOut,
    HotspotPageOut,
    PatrolOut,
    PatrolPageOut,
    StopOut,
)
from sinergi.platform.api import LIMIT, OFFSET

hotspots_router = Router(tags=["patrols"])
patrols_router = Router(tags=["patrols"])
event_requests_router = Router(tags=["patrols"])


def hotspot_out(h: Hotspot) -> HotspotOut:
    return HotspotOut(
        id=h.pk,
        area=h.area_id,
        name=h.name,
        latitude=h.latitude,
        longitude=h.longitude,
        source=h.source,
        time_windows=list(h.time_windows),
        request_count=h.request_count,
        incident_count=h.incident_count,
        last_request_at=h.last_request_at,
        last_patrolled_at=h.last_patrolled_at,
        score=h.score,
    )


def patrol_out(p: PatrolPlan) -> PatrolOut:
    return PatrolOut(
        id=p.pk,
        unit=p.unit.name,
        area=p.area_id,
        title=p.title,
        starts_on=p.starts_on,
        ends_on=p.ends_on,
        weekdays=list(p.weekdays),
        time_start=f"{p.time_start:%H:%M}",
        time_end=f"{p.time_end:%H:%M}",
        officers=[o.pk for o in p.officers.all()],
        route=[
            StopOut(order=s.order, hotspot=s.hotspot_id, name=s.hotspot.name) for s in p.stops.all()
        ],
    )


def event_out(e: EventRequest) -> EventRequestOut:
    return EventRequestOut(
        id=e.pk,
        tracking_code=e.case.tracking_code,
        area=e.area_id,
        owner_area=e.case.owner_area_id,
        level=e.level,
        event_name=e.event_name,
        organiser=e.organiser,
        event_date=e.event_date,
        crowd_size=e.crowd_size,
        status=e.status,
        checklist=dict(e.checklist),
        conditions=e.conditions,
        personnel=dict(e.personnel),
    )


@hotspots_router.get("", response=HotspotPageOut, summary="Hotspots in the caller's areas")
def list_hotspots(
    request: HttpRequest,
    area: str = Query("", pattern=r"^(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)?$"),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> HotspotPageOut:
    qs = selectors.hotspot_list(user=request.user, area=area)
    items = [hotspot_out(h) for h in qs[offset : offset + limit]]
    return HotspotPageOut(count=qs.count(), limit=limit, offset=offset, items=items)


@hotspots_router.get("/{hotspot_id}", response={200: HotspotOut, 404: ErrorOut})
def get_hotspot(request: HttpRequest, hotspot_id: int) -> HotspotOut:
    try:
        return hotspot_out(access.get_hotspot_for_user(request, hotspot_id))
    except Http404 as exc:
        raise HttpError(404, "No hotspot with this id.") from exc


@patrols_router.get("", response=PatrolPageOut, summary="Patrol plans of the caller's areas")
def list_patrols(request: HttpRequest, limit: int = LIMIT, offset: int = OFFSET) -> PatrolPageOut:
    qs = selectors.plan_list(user=request.user).prefetch_related("officers", "stops__hotspot")
    items = [patrol_out(p) for p in qs[offset : offset + limit]]
    return PatrolPageOut(count=qs.count(), limit=limit, offset=offset, items=items)


@patrols_router.get("/{plan_id}", response={200: PatrolOut, 404: ErrorOut})
def get_patrol(request: HttpRequest, plan_id: int) -> PatrolOut:
    try:
        return patrol_out(access.get_plan_for_user(request, plan_id))
    except Http404 as exc:
        raise HttpError(404, "No patrol plan with this id.") from exc


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
    qs = qs.order_by("event_date", "pk")
    items = [event_out(e) for e in qs[offset : offset + limit]]
    return EventRequestPageOut(count=qs.count(), limit=limit, offset=offset, items=items)


@event_requests_router.get("/{request_id}", response={200: EventRequestOut, 404: ErrorOut})
def get_event_request(request: HttpRequest, request_id: int) -> EventRequestOut:
    try:
        return event_out(access.get_event_request_for_user(request, request_id))
    except Http404 as exc:
        raise HttpError(404, "No event request with this id.") from exc
