"""Distances on the earth's surface, for nearest-village look-ups."""

import math

EARTH_RADIUS_M = 6_371_000.0


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle (haversine) distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def valid_point(lat: float, lng: float) -> bool:
    return -90.0 <= lat <= 90.0 and -180.0 <= lng <= 180.0


def box_inner_radius_m(lat: float, half_side_deg: float) -> float:
    """Radius of the largest circle inside a box of ±half_side_deg around a point at ``lat``."""
    lat_m = half_side_deg * 111_320.0
    lng_m = lat_m * math.cos(math.radians(lat))
    return min(lat_m, lng_m)
