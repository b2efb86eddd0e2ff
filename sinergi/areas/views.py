from __future__ import annotations

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


def search_view(request: HttpRequest) -> HttpResponse:
    """Find an area by name or code; the same URL answers the htmx autocomplete."""
    # the case form's picker sends its own field name (area_q), which its no-script POST reads
    q = (request.GET.get("q") or request.GET.get("area_q", "")).strip()[:100]
    raw_level = request.GET.get("level", "")
    error = ""
    level = None
    if raw_level:
        if raw_level in {"1", "2", "3", "4"}:
            level = int(raw_level)
        else:
            error = _("Tingkat wilayah tidak dikenal.")
    page = None
    if q and not error:
        page = selectors.area_search(q=q, level=level, limit=SEARCH_LIMIT)
    context = {
        "q": q,
        "level": raw_level,
        "page": page,
        "error": error,
        "levels": Area.Level.choices,
    }
    if request.htmx and request.GET.get("pick"):  # type: ignore[attr-defined]
        # the case form's village picker: radio buttons instead of links
        return render(request, "areas/_pick.html", {"items": page.items if page else [], "q": q})
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
