"""Published releases, for anyone (the same as the public news pages and the feed)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas.codes import CODE_REGEX, within_q
from sinergi.areas.schemas import ErrorOut
from sinergi.humas.schemas import ReleaseOut, ReleasePageOut
from sinergi.humas.selectors import published
from sinergi.platform.api import LIMIT, OFFSET, page

router = Router(tags=["releases"])


@router.get("", response=ReleasePageOut, auth=None, summary="Published releases, newest first")
def list_releases(
    request: HttpRequest,
    area: str | None = Query(None, pattern=CODE_REGEX),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> ReleasePageOut:
    qs = published().order_by("-published_at", "-pk")
    if area:
        qs = qs.filter(within_q("area_id", area))
    return page(ReleasePageOut, qs, limit, offset)


@router.get("/{slug}", response={200: ReleaseOut, 404: ErrorOut}, auth=None, summary="One release")
def get_release(request: HttpRequest, slug: str) -> ReleaseOut:
    release = published().filter(slug=slug).first()
    if release is None:
        raise HttpError(404, "No published release with this address.")
    return ReleaseOut.model_validate(release)
