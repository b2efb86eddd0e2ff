"""Areas are public: the citizens' forms use this to pick a village."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas import selectors
from sinergi.areas.schemas import AreaOut, AreaPageOut, ErrorOut, NearestOut
from sinergi.platform.api import LIMIT, OFFSET

router = Router(tags=["areas"])

NEARBY_DEFAULT = 3
NEARBY_MAX = 10


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
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> AreaPageOut:
    found = selectors.area_search(q=q, level=level, parent=parent, limit=limit, offset=offset)
    return AreaPageOut.model_validate(
        {
            "count": found.count,
            "limit": limit,
            "offset": offset,
            "items": found.items,
            "fuzzy": found.fuzzy,
        }
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
    nearby = selectors.area_nearest_villages(latitude=lat, longitude=lng, count=count)
    if not nearby:
        raise HttpError(404, "No village near this point.")
    nearest = {"area": nearby[0].area, "distance_m": nearby[0].distance_m}
    return NearestOut.model_validate({**nearest, "nearby": nearby})


@router.get("/{code}", response={200: AreaOut, 404: ErrorOut}, summary="One area by code")
def get_area(request: HttpRequest, code: str) -> AreaOut:
    area = selectors.area_get(code)
    if area is None:
        raise HttpError(404, "No area with this code.")
    return AreaOut.model_validate(area)
