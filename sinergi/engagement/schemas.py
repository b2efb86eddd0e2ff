from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class PartnerOut(Schema):
    id: int
    kind: str
    name: str
    role: str
    area: str
    last_engaged_on: date | None
    last_engaged_subject: str


class PartnerDetailOut(PartnerOut):
    """With the contact fields: each read is recorded as a view of personal data."""

    address: str
    phone: str
    email: str


class PartnerPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PartnerOut]


class OfficialOut(Schema):
    name: str
    rank: str | None = None
    position: str | None = None


class CommitmentOut(Schema):
    id: int
    activity: int
    area: str
    text: str
    owner: str
    due_on: date
    status: str
    overdue: bool
    evidence: str
    done_at: datetime | None


class ActivityOut(Schema):
    id: int
    unit: int
    kind: str
    programs: list[str]
    title: str
    area: str
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


class ActivityPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ActivityOut]


class CommitmentPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CommitmentOut]
