"""Units are public (who serves which place); a person's contact details are not exposed here."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas.codes import CODE_REGEX
from sinergi.areas.schemas import ErrorOut, choice_query
from sinergi.platform.api import LIMIT, OFFSET, page
from sinergi.units import selectors
from sinergi.units.models import Unit
from sinergi.units.schemas import UnitDetailOut, UnitPageOut

router = Router(tags=["units"])


@router.get("", response=UnitPageOut, summary="List units")
def list_units(
    request: HttpRequest,
    q: str = Query("", max_length=100),
    institution: Annotated[
        Unit.Institution | None, choice_query(Unit.Institution, "Institution")
    ] = Query(None),
    kind: Annotated[Unit.Kind | None, choice_query(Unit.Kind, "Kind")] = Query(None),
    area: str | None = Query(None, pattern=CODE_REGEX),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> UnitPageOut:
    qs = selectors.unit_list(q=q, institution=institution, kind=kind, area=area)
    return page(UnitPageOut, qs.prefetch_related("areas"), limit, offset)


@router.get("/{unit_id}", response={200: UnitDetailOut, 404: ErrorOut}, summary="One unit")
def get_unit(request: HttpRequest, unit_id: int) -> UnitDetailOut:
    unit = selectors.unit_get(unit_id)
    if unit is None:
        raise HttpError(404, "No unit with this id.")
    return UnitDetailOut.model_validate(unit)
