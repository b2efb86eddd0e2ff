"""Areas are public: the citizens' forms use this to pick a village."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas import selectors
from sinergi.areas.models import Area
from sinergi.areas.schemas import AreaOut, AreaPageOut, ErrorOut, NearestOut

router = Router(tags=["areas"])

MAX_OFFSET = 1_000_000


def area_out(area: Area) -> AreaOut:
    return AreaOut(
        code=area.code,
        name=area.name,
        level=area.level,
        kind=area.kind,
        label=area.label,
        parent=area.parent_id,
        postal_code=area.postal_code or None,
        latitude=area.latitude,
        longitude=area.longitude,
        edition=area.edition,
        retired=area.retired_at is not None,
    )


@router.get("", response=AreaPageOut, summary="Search and list areas")
def list_areas(
    request: HttpRequest,
    q: str = Query("", max_length=100, description="Name words or a code prefix"),
    level: int | None = Query(None, ge=1, le=4, description="1 province … 4 village"),
    parent: str | None = Query(None, max_length=13, pattern=r"^\d{2}(\.\d{2}){0,2}$"),
    limit: int = Query(settings.API_PAGE_SIZE, ge=1, le=settings.API_MAX_PAGE_SIZE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> AreaPageOut:
    page = selectors.area_search(q=q, level=level, parent=parent, limit=limit, offset=offset)
    return AreaPageOut(
        count=page.count, limit=limit, offset=offset, items=[area_out(a) for a in page.items]
    )


@router.get(
    "/nearest",
    response={200: NearestOut, 404: ErrorOut},
    summary="The village nearest to a GPS point",
)
def nearest_village(
    request: HttpRequest,
    lat: float = Query(..., ge=-90, le=90),
    lng: float = Query(..., ge=-180, le=180),
) -> NearestOut:
    found = selectors.area_nearest_village(latitude=lat, longitude=lng)
    if found is None:
        raise HttpError(404, "No village near this point.")
    return NearestOut(area=area_out(found.area), distance_m=round(found.distance_m, 1))


@router.get("/{code}", response={200: AreaOut, 404: ErrorOut}, summary="One area by code")
def get_area(request: HttpRequest, code: str) -> AreaOut:
    area = selectors.area_get(code)
    if area is None:
        raise HttpError(404, "No area with this code.")
    return area_out(area)
