from __future__ import annotations

from ninja import Field, Schema

from sinergi.platform.api import Page
from sinergi.units.models import Post, Unit


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    institution: str
    tier: int
    parent: int | None = Field(validation_alias="parent_id")
    areas: list[str]

    @staticmethod
    def resolve_areas(unit: Unit) -> list[str]:
        return [a.code for a in unit.areas.all()]


class UnitPageOut(Page[UnitOut]):
    pass


class PostOut(Schema):
    id: int
    person: int = Field(validation_alias="user_id")
    person_name: str = Field(validation_alias="user.display_name")
    title: str
    role: str
    areas: list[str]

    @staticmethod
    def resolve_areas(post: Post) -> list[str]:
        return [a.code for a in post.areas.all()]


class UnitDetailOut(UnitOut):
    posts: list[PostOut]

    @staticmethod
    def resolve_posts(unit: Unit) -> list[Post]:
        # the active posts unit_get prefetched; unit.posts would be every post ever held
        return getattr(unit, "active_posts", [])
