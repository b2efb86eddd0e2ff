from __future__ import annotations

from django.db.models import QuerySet
from ninja import Schema

from sinergi.accounts.models import User
from sinergi.units.models import Post
from sinergi.units.schemas import PostOut


class PersonOut(Schema):
    id: int
    name: str
    rank: str
    phone: str
    email: str
    posts: list[PostOut]

    @staticmethod
    def resolve_name(person: User) -> str:
        return person.name or person.username

    @staticmethod
    def resolve_posts(person: User) -> QuerySet[Post]:
        # the posts held now (person.posts would be every post ever held)
        return person.posts.active().select_related("user").prefetch_related("areas")
