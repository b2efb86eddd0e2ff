"""Areas are public: the citizens' forms use this to pick a village."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas import selectors
from sinergi.areas.models import Area
from sinergi.areas.schemas import AreaOut, AreaPageOut, ErrorOut, NearbyOut, NearestOut

router = Router(tags=["areas"])

MAX_OFFSET = 1_000_000
NEARBY_DEFAULT = 3
NEARBY_MAX = 10


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
    q: str = Query(
        "",
        max_length=100,
        description=(
            "Name words or a code prefix. Words may also match the parents' names "
            '("Sukamaju Sekadau"); "Desa", "Kel.", "Kec.", "Kab." are ignored; spaces may come '
            'or go ("Suka Maju"). When nothing matches, names a letter or two away are listed '
            "and `fuzzy` is true."
        ),
    ),
    level: int | None = Query(None, ge=1, le=4, description="1 province … 4 village"),
    parent: str | None = Query(None, max_length=13, pattern=r"^\d{2}(\.\d{2}){0,2}$"),
    limit: int = Query(settings.API_PAGE_SIZE, ge=1, le=settings.API_MAX_PAGE_SIZE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> AreaPageOut:
    page = selectors.area_search(q=q, level=level, parent=parent, limit=limit, offset=offset)
    return AreaPageOut(
        count=page.count,
        limit=limit,
        offset=offset,
        items=[area_out(a) for a in page.items],
        fuzzy=page.fuzzy,
    )


@router.get(
    "/nearest",
    response={200: NearestOut, 404: ErrorOut},
    summary="The villages nearest to a GPS point",
)
def nearest_village(
    request: HttpRequest,
    lat: float = Query(..., ge=-90, le=90),
    lng: float = Query(..., ge=-180, le=180),
    count: int = Query(
        NEARBY_DEFAULT, ge=1, le=NEARBY_MAX, description="How many villages `nearby` lists"
    ),
) -> NearestOut:
    found = selectors.area_nearest_villages(latitude=lat, longitude=lng, count=count)
    if not found:
        raise HttpError(404, "No village near this point.")
    nearby = [NearbyOut(area=area_out(n.area), distance_m=round(n.distance_m, 1)) for n in found]
    return NearestOut(area=nearby[0].area, distance_m=nearby[0].distance_m, nearby=nearby)


@router.get("/{code}", response={200: AreaOut, 404: ErrorOut}, summary="One area by code")
def get_area(request: HttpRequest, code: str) -> AreaOut:
    area = selectors.area_get(code)
    if area is None:
        raise HttpError(404, "No area with this code.")
    return area_out(area)
