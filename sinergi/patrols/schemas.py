from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema

from sinergi.patrols.models import PatrolPlan
from sinergi.platform.api import Page


class HotspotOut(Schema):
    id: int
    area: str = Field(validation_alias="area_id")
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


class HotspotPageOut(Page[HotspotOut]):
    pass


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
    hotspot: int = Field(validation_alias="hotspot_id")
    name: str = Field(validation_alias="hotspot.name")


class PatrolOut(Schema):
    id: int
    unit: str = Field(validation_alias="unit.name")
    area: str = Field(validation_alias="area_id")
    title: str
    starts_on: date
    ends_on: date
    weekdays: list[int]
    # wall-clock times of the area ("22:00"), not instants: a night window has no date or offset,
    # so not JSON Schema's "time" (which requires one)
    time_start: LocalTime
    time_end: LocalTime
    route: list[StopOut] = Field(validation_alias="stops")
    officers: list[int]

    @staticmethod
    def resolve_time_start(plan: PatrolPlan) -> str:
        return f"{plan.time_start:%H:%M}"

    @staticmethod
    def resolve_time_end(plan: PatrolPlan) -> str:
        return f"{plan.time_end:%H:%M}"

    @staticmethod
    def resolve_officers(plan: PatrolPlan) -> list[int]:
        return [o.pk for o in plan.officers.all()]


class PatrolPageOut(Page[PatrolOut]):
    pass


class EventRequestOut(Schema):
    id: int
    tracking_code: str = Field(validation_alias="case.tracking_code")
    area: str = Field(validation_alias="area_id")
    owner_area: str = Field(validation_alias="case.owner_area_id")
    level: int
    event_name: str
    organiser: str
    event_date: date | None
    crowd_size: int | None
    status: str
    checklist: dict[str, bool]
    conditions: str
    personnel: dict[str, object]


class EventRequestPageOut(Page[EventRequestOut]):
    pass
