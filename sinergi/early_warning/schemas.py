from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from sinergi.early_warning.models import Election, Issue
from sinergi.platform.api import Page


class IssueOut(Schema):
    id: int
    title: str
    description: str
    category: str
    tags: list[str]
    severity: int
    grade: str  # source reliability letter + credibility digit, e.g. "B2"
    area: str = Field(validation_alias="area_id")
    areas: list[str]
    status: str
    localised_level: int | None
    cases: list[str]  # tracking codes
    activities: list[int]
    clarification: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_grade(issue: Issue) -> str:
        return f"{issue.source_reliability}{issue.credibility}"

    @staticmethod
    def resolve_areas(issue: Issue) -> list[str]:
        return sorted(a.code for a in issue.areas.all())

    @staticmethod
    def resolve_cases(issue: Issue) -> list[str]:
        return sorted(c.tracking_code for c in issue.cases.all())

    @staticmethod
    def resolve_activities(issue: Issue) -> list[int]:
        return sorted(a.pk for a in issue.activities.all())


class IssuePageOut(Page[IssueOut]):
    pass


class IssueIn(Schema):
    title: str = Field(min_length=3, max_length=200)
    category: str
    severity: int = Field(ge=1, le=5)
    area: str
    areas: list[str] = Field(default_factory=list, max_length=50)
    description: str = Field("", max_length=5000)
    source: str = Field("", max_length=200)
    source_reliability: str = Field("F", pattern=r"^[A-F]$")
    credibility: str = Field("6", pattern=r"^[1-6]$")
    tags: list[str] = Field(default_factory=list, max_length=10)


class IndicatorOut(Schema):
    code: str
    label: str
    explanation: str
    points: float
    data: dict[str, Any]


class HistoryOut(Schema):
    on: dt.date
    score: float
    level: str


class VillageScoreOut(Schema):
    area: str
    name: str
    score: float
    level: str
    version: str
    computed_at: dt.datetime
    indicators: list[IndicatorOut]
    history: list[HistoryOut]


class VillageRowOut(Schema):
    area: str = Field(validation_alias="area_id")
    name: str = Field(validation_alias="area.name")
    score: float
    level: str


class AreaSummaryOut(Schema):
    area: str
    name: str
    villages: int
    mean: float | None
    max: float | None
    levels: dict[str, int]
    count: int
    limit: int
    offset: int
    items: list[VillageRowOut]


class StageOut(Schema):
    name: str
    starts_on: dt.date
    ends_on: dt.date
    intensity: float


class ElectionOut(Schema):
    id: int
    name: str
    kind: str
    area: str | None = Field(validation_alias="area_id")
    vote_on: dt.date
    current_stage: str | None
    stages: list[StageOut]

    @staticmethod
    def resolve_current_stage(election: Election) -> str | None:
        """The most intense of the stages running today."""
        today = timezone.localdate()
        running = [s for s in election.stages.all() if s.starts_on <= today <= s.ends_on]
        return max(running, key=lambda s: s.intensity).name if running else None
