"""The tier forum of an area: who is responsible for it, seat by seat."""

from __future__ import annotations

from dataclasses import dataclass, field

from sinergi.areas.models import Area
from sinergi.units import roles
from sinergi.units.models import Post


@dataclass(frozen=True, slots=True)
class Seat:
    title: str
    label: str
    posts: list[Post] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Forum:
    area: Area
    name: str
    seats: list[Seat]

    @property
    def posts(self) -> list[Post]:
        return [p for s in self.seats for p in s.posts]


def tier_forum(area: Area) -> Forum:
    titles = roles.FORUM_SEATS[area.level]
    posts = list(
        Post.objects.active()
        .responsible_for(area)
        .filter(title__in=titles)
        .select_related("user", "unit")
        .order_by("title", "user__name")
    )
    seats = [
        Seat(
            title=title,
            label=str(Post.Title(title).label),
            posts=[p for p in posts if p.title == title],
        )
        for title in titles
    ]
    return Forum(area=area, name=roles.FORUM_NAME[area.level], seats=seats)
