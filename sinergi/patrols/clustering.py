"""How patrol requests become hotspots (pure: no database).

A request joins the first hotspot whose anchor lies within the radius (haversine), or one with
the same folded place name in the same village; otherwise it anchors a new hotspot. Anchors sit
in a grid of cells one radius wide, so each request is compared only with the anchors of its own
and the eight neighbouring cells: linear in the number of requests, never O(n²).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from sinergi.areas.geo import distance_m
from sinergi.areas.text import fold

METRES_PER_DEGREE = 111_320.0


@dataclass(slots=True)
class Point:
    case_id: int
    area_id: str
    place: str
    latitude: float | None
    longitude: float | None
    created_at: datetime
    time_window: str = ""


@dataclass(slots=True)
class Cluster:
    area_id: str
    name: str
    name_key: str
    latitude: float | None
    longitude: float | None
    hotspot_id: int | None = None  # set when the cluster is an existing hotspot
    points: list[Point] = field(default_factory=list)


def place_key(place: str) -> str:
    return fold(place)[:200]


class Grid:
    """Anchors bucketed by cell; a cell is ``radius_m`` tall and (at the equator) wide."""

    def __init__(self, radius_m: float) -> None:
        self.radius_m = radius_m
        self.step = radius_m / METRES_PER_DEGREE
        # each cell keeps (latitude, longitude, cluster) so the hot loop reads plain floats
        self.cells: dict[tuple[int, int], list[tuple[float, float, Cluster]]] = {}
        self.names: dict[tuple[str, str], Cluster] = {}
        self.limit = (radius_m / METRES_PER_DEGREE) ** 2 * 1.0001

    def _cell(self, lat: float, lng: float) -> tuple[int, int]:
        return (math.floor(lat / self.step), math.floor(lng / self.step))

    def add(self, cluster: Cluster) -> None:
        lat, lng = cluster.latitude, cluster.longitude
        if lat is not None and lng is not None:
            self.cells.setdefault(self._cell(lat, lng), []).append((lat, lng, cluster))
        if cluster.name_key:
            self.names.setdefault((cluster.area_id, cluster.name_key), cluster)

    def near(self, lat: float, lng: float) -> Cluster | None:
        """The nearest anchor within the radius. Longitude degrees shrink away from the equator
        (cos(lat) ≥ 0.99 across Indonesia), so the 3×3 cells still cover the whole radius.
        Candidates are compared on a flat approximation (cheap; exact to centimetres at this
        scale); the winner is confirmed with the haversine distance."""
        step = self.step
        row, col = math.floor(lat / step), math.floor(lng / step)
        scale = math.cos(math.radians(lat))
        best: tuple[float, float, Cluster] | None = None
        best_d2 = self.limit
        get = self.cells.get
        for key in (
            (row, col),
            (row - 1, col - 1),
            (row - 1, col),
            (row - 1, col + 1),
            (row, col - 1),
            (row, col + 1),
            (row + 1, col - 1),
            (row + 1, col),
            (row + 1, col + 1),
        ):
            for entry in get(key, ()):
                dy = entry[0] - lat
                dx = (entry[1] - lng) * scale
                d2 = dy * dy + dx * dx
                if d2 <= best_d2:
                    best, best_d2 = entry, d2
        if best is None:
            return None
        return best[2] if distance_m(lat, lng, best[0], best[1]) <= self.radius_m else None

    def named(self, area_id: str, key: str) -> Cluster | None:
        return self.names.get((area_id, key)) if key else None


def assign(points: list[Point], existing: list[Cluster], radius_m: float) -> list[Cluster]:
    """Puts every point into a cluster; returns the clusters that received points (existing ones
    included), in the order they were first touched."""
    grid = Grid(radius_m)
    for anchor in existing:
        grid.add(anchor)
    touched: dict[int, Cluster] = {}
    # oldest first, so the first request at a spot anchors it (the caller reads them in order)
    for point in points:
        key = place_key(point.place) if point.place else ""
        cluster: Cluster | None = None
        if point.latitude is not None and point.longitude is not None:
            cluster = grid.near(point.latitude, point.longitude)
        if cluster is None:
            cluster = grid.named(point.area_id, key)
        if cluster is None:
            cluster = Cluster(
                area_id=point.area_id,
                name=point.place.strip()[:200],
                name_key=key,
                latitude=point.latitude,
                longitude=point.longitude,
            )
            grid.add(cluster)
        elif cluster.latitude is None and point.latitude is not None:
            # a named spot learns where it is from the first request that brings a position
            cluster.latitude, cluster.longitude = point.latitude, point.longitude
            grid.add(cluster)
        cluster.points.append(point)
        touched.setdefault(id(cluster), cluster)
    return list(touched.values())


def merge_windows(current: list[str], more: list[str], limit: int = 6) -> list[str]:
    """The distinct time windows (compared folded), first seen first, at most ``limit``."""
    seen = {fold(w) for w in current}
    merged = list(current)
    for raw in dict.fromkeys(more):  # the same text many times is folded once
        window = raw.strip()[:60]
        if window and fold(window) not in seen and len(merged) < limit:
            seen.add(fold(window))
            merged.append(window)
    return merged


def score(
    *, requests: int, incidents: int, last_request_at: datetime | None, now: datetime
) -> float:
    """Ranking: requests and related incidents count, halved for every 30 days since the last
    request (a spot asked about last week outranks one asked about last year)."""
    if last_request_at is None:
        recency = 0.5
    else:
        days = max((now - last_request_at).total_seconds() / 86_400, 0.0)
        recency = 0.5 ** (days / 30)
    return round((requests + 2 * incidents) * (0.5 + recency), 4)
