from __future__ import annotations

from ninja import Schema

from sinergi.units.schemas import PostOut


class PersonOut(Schema):
    id: int
    name: str
    rank: str
    phone: str
    email: str
    posts: list[PostOut]
