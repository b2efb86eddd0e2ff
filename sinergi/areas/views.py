from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from sinergi.areas import selectors
from sinergi.areas.basemap import base_layer
from sinergi.areas.models import Area
from sinergi.units.forums import tier_forum
from sinergi.units.selectors import units_serving

SEARCH_LIMIT = 20
MAP_POINTS = 300
PAGES_MAX = 1000


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page of search results sits among all of them ("21–40 of 126")."""

    number: int
    pages: int
    count: int
    first: int
    last: int
    query: str  # the search's own parameters, for links to other pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def next_size(self) -> int:
        return min(SEARCH_LIMIT, self.count - self.last)


def _page_number(raw: str | None) -> int:
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    return min(max(number, 1), PAGES_MAX)


def search_view(request: HttpRequest) -> HttpResponse:
    """Find an area by name or code; the same URL answers the htmx autocomplete, and with
    ``pick`` the forms' village picker (radio buttons; ``hal`` > 1 gives the next ones only)."""
    # the case form's picker sends its own field name (area_q), which its no-script POST reads
    q = (request.GET.get("q") or request.GET.get("area_q", "")).strip()[:100]
    raw_level = request.GET.get("level", "")
    picking = bool(request.htmx and request.GET.get("pick"))  # type: ignore[attr-defined]
    error = ""
    level = None
    if raw_level:
        if raw_level in {"1", "2", "3", "4"}:
            level = int(raw_level)
        else:
            error = _("Tingkat wilayah tidak dikenal.")
    page = pager = None
    if q and not error:
        number = _page_number(request.GET.get("hal"))
        page = selectors.area_search(
            q=q, level=level, limit=SEARCH_LIMIT, offset=(number - 1) * SEARCH_LIMIT
        )
        pages = max(1, math.ceil(page.count / SEARCH_LIMIT))
        if number > pages:  # a link to a page that no longer exists: the last one
            number = pages
            page = selectors.area_search(
                q=q, level=level, limit=SEARCH_LIMIT, offset=(number - 1) * SEARCH_LIMIT
            )
        first = (number - 1) * SEARCH_LIMIT + 1
        params = {"q": q, **({"level": raw_level} if raw_level else {})}
        if picking:
            params["pick"] = "1"
        pager = Pager(
            number=number,
            pages=pages,
            count=page.count,
            first=first,
            last=first + len(page.items) - 1,
            query=urlencode(params),
        )
    context: dict[str, object] = {
        "q": q,
        "level": raw_level,
        "page": page,
        "pager": pager,
        "error": error,
        "levels": Area.Level.choices,
    }
    if picking:
        # the forms' village picker: radio buttons instead of links; more of them on request
        context |= {"items": page.items if page else [], "villages_only": level == 4}
        more = pager is not None and pager.number > 1
        return render(request, "areas/_pick_items.html" if more else "areas/_pick.html", context)
    template = "areas/_results.html" if request.htmx else "areas/search.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=400 if error else 200)


def detail_view(request: HttpRequest, code: str) -> HttpResponse:
    area = selectors.area_get(code)
    if area is None:
        raise Http404
    children = Paginator(selectors.area_children(area), 50).get_page(request.GET.get("hal"))
    points = [
        {
            "lat": c.latitude,
            "lng": c.longitude,
            "name": c.name,
            "url": reverse("areas:detail", args=[c.code]),
        }
        for c in selectors.area_children(area).filter(latitude__isnull=False)[:MAP_POINTS]
    ]
    context = {
        "area": area,
        "map_points": points,
        "map_tiles": settings.MAP_TILE_URL,
        "ancestors": selectors.area_ancestors(area),
        "children": children,
        "forum": tier_forum(area),
        "units": units_serving(area),
    }
    return render(request, "areas/detail.html", context)


@cache_control(max_age=86400, public=True)
def base_map_view(request: HttpRequest, code: str) -> JsonResponse:
    """The map's base layer without a tile server: named centroids around the area (public
    territory data; the service worker keeps it for offline use)."""
    area = selectors.area_get(code)
    if area is None:
        raise Http404
    return JsonResponse(base_layer(area))
