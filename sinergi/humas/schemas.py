from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from sinergi.humas.models import Release
from sinergi.platform.api import Page


class ReleaseOut(Schema):
    slug: str
    headline: str
    dateline: str
    body: str
    unit: str = Field(validation_alias="unit.name")
    activity: int | None = Field(validation_alias="activity_id")
    writer: str = Field(validation_alias="writer.display_name")
    editor: str
    published_at: datetime | None

    @staticmethod
    def resolve_editor(release: Release) -> str:
        return release.editor.display_name if release.editor else ""


class ReleasePageOut(Page[ReleaseOut]):
    pass
