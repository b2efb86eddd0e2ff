from __future__ import annotations

from datetime import datetime

from ninja import Schema


class ReleaseOut(Schema):
    slug: str
    headline: str
    dateline: str
    body: str
    unit: str
    activity: int | None
    writer: str
    editor: str
    published_at: datetime | None


class ReleasePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReleaseOut]
