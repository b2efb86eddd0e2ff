"""GeoJSON map layers of an area's villages: the index, cases and activities (counts only).

Points at village centroids, coordinates rounded to 4 decimals (about 11 m), short property
names: c code, n name, s score, l level (t/s/r), k count. No case text, no personal data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from django.db.models import Count
from django.utils import timezone

from config.dbrouter import reading_from_replica
from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.dashboards.selectors import area_q
from sinergi.early_warning.models import VillageIndex
from sinergi.engagement.models import Activity
from sinergi.engagement.selectors import DONE

LAYERS = ("index", "cases", "activities")
DAYS = 90


def _feature(lng: float, lat: float, props: dict[str, object]) -> dict[str, object]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lng, 4), round(lat, 4)]},
        "properties": props,
    }


def _villages(codes: Iterable[str]) -> dict[str, tuple[str, float, float]]:
    return {
        code: (name, lat or 0.0, lng or 0.0)
        for code, name, lat, lng in Area.objects.current()
        .filter(area_q(codes, "code"), level=Area.Level.VILLAGE, latitude__isnull=False)
        .values_list("code", "name", "latitude", "longitude")
    }


@reading_from_replica()
def layer(name: str, codes: list[str], today: dt.date | None = None) -> str:
    """The layer as GeoJSON text."""
    today = today or timezone.localdate()
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=DAYS), dt.time()))
    villages = _villages(codes)
    features: list[dict[str, object]] = []
    if name == "index":
        for code, score, level in (
            VillageIndex.objects.filter(area_q(codes))
            .values_list("area_id", "score", "level")
            .iterator(chunk_size=5000)
        ):
            if code in villages:
                village, lat, lng = villages[code]
                features.append(
                    _feature(lng, lat, {"c": code, "n": village, "s": score, "l": level[0]})
                )
    else:
        counted = (
            Case.objects.filter(area_q(codes), created_at__gte=since)
            .values("area_id")
            .annotate(k=Count("pk"))
            .values_list("area_id", "k")
            if name == "cases"
            else Activity.objects.filter(area_q(codes), status__in=DONE, held_at__gte=since)
            .values("area_id")
            .annotate(k=Count("pk"))
            .values_list("area_id", "k")
        )
        for code, count in counted:
            if code in villages:
                village, lat, lng = villages[code]
                features.append(_feature(lng, lat, {"c": code, "n": village, "k": count}))
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
