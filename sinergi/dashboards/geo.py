"""GeoJSON map layers of an area's villages: the index, cases and activities (counts only), and
"desa": every village named, with what the leader's map shows at once.

Points at village centroids, coordinates rounded to 4 decimals (about 11 m), short property
names: c code, n name, s score, l level (t/s/r), k count; in "desa" also i open issues, o open
cases past the village tier's deadline, d days since the last engagement (-1: none in 180 days),
and the districts as named label points (t "d"). No case text, no personal data.
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
from sinergi.dashboards.selectors import area_q, last_engaged
from sinergi.early_warning.catalogue import IssueStatus
from sinergi.early_warning.models import Issue, VillageIndex
from sinergi.engagement.models import Activity
from sinergi.engagement.selectors import DONE

LAYERS = ("index", "cases", "activities", "desa")
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
    if name == "desa":
        features = _named(codes, villages, today)
    elif name == "index":
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


def _named(
    codes: list[str], villages: dict[str, tuple[str, float, float]], today: dt.date
) -> list[dict[str, object]]:
    from sinergi.dashboards.attention import overdue_q  # noqa: PLC0415 -- attention imports geo's siblings

    where = area_q(codes)
    scores = {
        code: (score, level)
        for code, score, level in VillageIndex.objects.filter(where).values_list(
            "area_id", "score", "level"
        )
    }
    issues: dict[str, int] = dict(
        Issue.objects.filter(area_q(codes, "areas__code"))
        .exclude(status=IssueStatus.SELESAI)
        .values("areas__code")
        .annotate(k=Count("pk", distinct=True))
        .values_list("areas__code", "k")
    )
    overdue = dict(
        Case.objects.filter(where, overdue_q(timezone.now()))
        .values("area_id")
        .annotate(k=Count("pk"))
        .values_list("area_id", "k")
    )
    last = last_engaged(where, today)
    features = []
    for code, (village, lat, lng) in villages.items():
        score, level = scores.get(code, (0.0, "rendah"))
        held = last.get(code)
        days = (today - held).days if held else -1
        features.append(
            _feature(
                lng,
                lat,
                {
                    "c": code,
                    "n": village,
                    "s": score,
                    "l": level[0],
                    "i": issues.get(code, 0),
                    "o": overdue.get(code, 0),
                    "d": days,
                },
            )
        )
    for code, district, d_lat, d_lng in (
        Area.objects.current()
        .filter(area_q(codes, "code"), level=Area.Level.DISTRICT, latitude__isnull=False)
        .values_list("code", "name", "latitude", "longitude")
    ):
        props = {"c": code, "n": district, "t": "d", "i": issues.get(code, 0)}
        features.append(_feature(d_lng or 0.0, d_lat or 0.0, props))
    return features
