from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Schema

from sinergi.engagement.models import Activity, Commitment
from sinergi.platform.api import Page


class PartnerOut(Schema):
    id: int
    kind: str
    name: str
    role: str
    area: str = Field(validation_alias="area_id")
    last_engaged_on: date | None
    last_engaged_subject: str


class PartnerDetailOut(PartnerOut):
    """With the contact fields: each read is recorded as a view of personal data."""

    address: str
    phone: str
    email: str


class PartnerPageOut(Page[PartnerOut]):
    pass


class OfficialOut(Schema):
    name: str
    rank: str | None = None
    position: str | None = None


class CommitmentOut(Schema):
    id: int
    activity: int = Field(validation_alias="activity_id")
    area: str = Field(validation_alias="area_id")
    text: str
    owner: str = Field(validation_alias="owner_label")
    due_on: date
    status: str
    overdue: bool
    evidence: str
    done_at: datetime | None

    @staticmethod
    def resolve_overdue(commitment: Commitment) -> bool:
        return (
            commitment.status == Commitment.Status.OPEN and commitment.due_on < timezone.localdate()
        )


class ActivityOut(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    kind: str
    programs: list[str]
    title: str
    area: str = Field(validation_alias="area_id")
    venue: str
    status: str
    planned_at: datetime | None
    held_at: datetime | None
    attendance: int | None
    officials: list[OfficialOut]
    partner_groups: list[str]
    topics: list[str]
    aspiration_cases: list[str]
    commitments: list[CommitmentOut]
    source: str
    source_url: str

    @staticmethod
    def resolve_aspiration_cases(activity: Activity) -> list[str]:
        return [a.case.tracking_code for a in activity.aspirations.all()]


class ActivityPageOut(Page[ActivityOut]):
    pass


class CommitmentPageOut(Page[CommitmentOut]):
    pass
