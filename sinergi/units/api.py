"""Units are public (who serves which place); a person's contact details are not exposed here."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas.schemas import ErrorOut, choice_query
from sinergi.platform.api import LIMIT, OFFSET
from sinergi.units import selectors
from sinergi.units.models import Post, Unit
from sinergi.units.schemas import PostOut, UnitDetailOut, UnitOut, UnitPageOut

router = Router(tags=["units"])


def unit_out(unit: Unit) -> UnitOut:
    return UnitOut(
        id=unit.pk,
        name=unit.name,
        kind=unit.kind,
        institution=unit.institution,
        tier=unit.tier,
        parent=unit.parent_id,
        areas=[a.code for a in unit.areas.all()],
    )


def post_out(post: Post) -> PostOut:
    return PostOut(
        id=post.pk,
        person=post.user_id,
        person_name=post.user.display_name,
        title=post.title,
        role=post.role,
        areas=[a.code for a in post.areas.all()],
    )


@router.get("", response=UnitPageOut, summary="List units")
def list_units(
    request: HttpRequest,
    q: str = Query("", max_length=100),
    institution: Annotated[
        Unit.Institution | None, choice_query(Unit.Institution, "Institution")
    ] = Query(None),
    kind: Annotated[Unit.Kind | None, choice_query(Unit.Kind, "Kind")] = Query(None),
    area: str | None = Query(None, pattern=r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> UnitPageOut:
    qs = selectors.unit_list(q=q, institution=institution, kind=kind, area=area)
    items = list(qs.prefetch_related("areas")[offset : offset + limit])
    return UnitPageOut(
        count=qs.count(), limit=limit, offset=offset, items=[unit_out(u) for u in items]
    )


@router.get("/{unit_id}", response={200: UnitDetailOut, 404: ErrorOut}, summary="One unit")
def get_unit(request: HttpRequest, unit_id: int) -> UnitDetailOut:
    unit = selectors.unit_get(unit_id)
    if unit is None:
        raise HttpError(404, "No unit with this id.")
    return UnitDetailOut(
        **unit_out(unit).model_dump(),
        posts=[post_out(p) for p in getattr(unit, "active_posts", [])],
    )
