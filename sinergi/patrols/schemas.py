from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema


class HotspotOut(Schema):
    id: int
    area: str
    name: str
    latitude: float | None
    longitude: float | None
    source: str
    time_windows: list[str]
    request_count: int
    incident_count: int
    last_request_at: datetime | None
    last_patrolled_at: datetime | None
    score: float


class HotspotPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[HotspotOut]


LocalTime = Annotated[
    str,
    Field(
        pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
        description="Local wall-clock time in the area's time zone, HH:MM",
        examples=["22:00"],
    ),
]


class StopOut(Schema):
    order: int
    hotspot: int
    name: str


class PatrolOut(Schema):
    id: int
    unit: str
    area: str
    title: str
    starts_on: date
    ends_on: date
    weekdays: list[int]
    # wall-clock times of the area ("22:00"), not instants: a night window has no date or offset,
    # so not JSON Schema's "time" (which requires one)
    time_start: LocalTime
    time_end: LocalTime
    route: list[StopOut]
    officers: list[int]


class PatrolPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PatrolOut]


class EventRequestOut(Schema):
    id: int
    tracking_code: str
    area: str
    owner_area: str
    level: int
    event_name: str
    organiser: str
    event_date: date | None
    crowd_size: int | None
    status: str
    checklist: dict[str, bool]
    conditions: str
    personnel: dict[str, object]


class EventRequestPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[EventRequestOut]
