from __future__ import annotations

from ninja import Schema


class AreaOut(Schema):
    code: str
    name: str
    level: int
    kind: str
    label: str
    parent: str | None
    postal_code: str | None
    latitude: float | None
    longitude: float | None
    edition: str
    retired: bool


class AreaPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[AreaOut]


class NearestOut(Schema):
    area: AreaOut
    distance_m: float


class ErrorOut(Schema):
    error: str
    message: str
