"""What the API's endpoints share: the paging parameters of every list (limit/offset, the same
bounds everywhere) and the page it answers (the total count, the bounds and the items); and how
a read of one record answers the door's 404."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from ninja import Schema
from ninja.errors import HttpError
from ninja.params.functions import Query

LIMIT = Query(settings.API_PAGE_SIZE, ge=1, le=settings.API_MAX_PAGE_SIZE)
OFFSET = Query(0, ge=0, le=1_000_000)


class Page[T](Schema):
    """A page of a list: subclassed per item (`class HotspotPageOut(Page[HotspotOut])`), so each
    list keeps its own name in the OpenAPI document."""

    count: int
    limit: int
    offset: int
    items: list[T]


def page[P: Schema](
    out: type[P], rows: QuerySet[Any] | Sequence[Any], limit: int, offset: int, **extra: object
) -> P:
    """The page of `rows` from `offset` as `out`, its items read from the rows by `out`'s item
    schema; `extra` fills the fields `out` adds to the page."""
    items = list(rows[offset : offset + limit])
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    return out.model_validate(
        {"count": count, "limit": limit, "offset": offset, "items": items, **extra}
    )


@contextmanager
def not_found(message: str) -> Iterator[None]:
    """A door's 404 ("not yours" and "missing" alike) answered as the API's 404 with `message`,
    the body each endpoint declares (`ErrorOut`)."""
    try:
        yield
    except Http404 as exc:
        raise HttpError(404, message) from exc
