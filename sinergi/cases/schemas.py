from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from sinergi.platform.api import Page


class ReporterIn(Schema):
    anonymous: bool = True
    name: str = Field("", max_length=120)
    phone: str = Field("", max_length=32, pattern=r"^(\+?[0-9 \-]{8,20})?$")
    email: str = Field("", max_length=254, pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$")


def _anonymous() -> ReporterIn:
    return ReporterIn.model_validate({})


class CaseIn(Schema):
    category: str = Field(
        ..., max_length=40, description="Category slug, see GET /cases/categories"
    )
    area: str = Field(..., pattern=r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$", description="Village code")
    description: str = Field(..., min_length=1, max_length=5000)
    place: str = Field("", max_length=200)
    details: dict[str, Any] = Field(default_factory=dict)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    reporter: ReporterIn = Field(default_factory=_anonymous)


class CaseOut(Schema):
    id: int
    tracking_code: str
    kind: str
    category: str = Field(validation_alias="category.slug")
    area: str = Field(validation_alias="area_id")
    owner_area: str = Field(validation_alias="owner_area_id")
    status: str
    created_at: datetime
    escalate_at: datetime | None
    support_count: int


class CaseFiledOut(CaseOut):
    """The answer to filing: the case, and the reporter's private key. The tracking code is
    public; only the key answers the feedback question, reopens or adds information (on the
    tracking page, or the private link `track_url`). Give both to the citizen."""

    reporter_key: str | None
    track_url: str


class CasePageOut(Page[CaseOut]):
    pass


class CategoryOut(Schema):
    slug: str
    kind: str
    name: str
    privacy: str
    sla_hours: list[int]


class FiguresOut(Schema):
    area: str
    since: datetime
    until: datetime
    received: int
    taken: int
    taken_within_sla: int
    share_taken_within_sla: float | None
    resolved: int
    resolved_at_village: int
    share_resolved_at_village: float | None
    median_hours_to_resolution: float | None
