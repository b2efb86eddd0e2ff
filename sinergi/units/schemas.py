from __future__ import annotations

from ninja import Schema


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    institution: str
    tier: int
    parent: int | None
    areas: list[str]


class UnitPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[UnitOut]


class PostOut(Schema):
    id: int
    person: int
    person_name: str
    title: str
    role: str
    areas: list[str]


class UnitDetailOut(UnitOut):
    posts: list[PostOut]
