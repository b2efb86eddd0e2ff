"""Published releases, for anyone (the same as the public news pages and the feed)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.areas.codes import within_q
from sinergi.areas.schemas import ErrorOut
from sinergi.humas.models import Release
from sinergi.humas.schemas import ReleaseOut, ReleasePageOut
from sinergi.humas.selectors import published

router = Router(tags=["releases"])


def release_out(release: Release) -> ReleaseOut:
    return ReleaseOut(
        slug=release.slug,
        headline=release.headline,
        dateline=release.dateline,
        body=release.body,
        unit=release.unit.name,
        activity=release.activity_id,
        writer=release.writer.display_name,
        editor=release.editor.display_name if release.editor else "",
        published_at=release.published_at,
    )


@router.get("", response=ReleasePageOut, auth=None, summary="Published releases, newest first")
def list_releases(
    request: HttpRequest,
    area: str | None = Query(None, pattern=r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"),
    limit: int = Query(settings.API_PAGE_SIZE, ge=1, le=settings.API_MAX_PAGE_SIZE),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> ReleasePageOut:
    qs = published().order_by("-published_at", "-pk")
    if area:
        qs = qs.filter(within_q("area_id", area))
    items = [release_out(r) for r in qs[offset : offset + limit]]
    return ReleasePageOut(count=qs.count(), limit=limit, offset=offset, items=items)


@router.get("/{slug}", response={200: ReleaseOut, 404: ErrorOut}, auth=None, summary="One release")
def get_release(request: HttpRequest, slug: str) -> ReleaseOut:
    release = published().filter(slug=slug).first()
    if release is None:
        raise HttpError(404, "No published release with this address.")
    return release_out(release)
