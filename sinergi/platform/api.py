"""The paging parameters every list endpoint of the API takes (limit/offset, the same bounds
everywhere)."""

from __future__ import annotations

from django.conf import settings
from ninja.params.functions import Query

LIMIT = Query(settings.API_PAGE_SIZE, ge=1, le=settings.API_MAX_PAGE_SIZE)
OFFSET = Query(0, ge=0, le=1_000_000)
