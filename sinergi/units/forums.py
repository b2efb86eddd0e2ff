"""The tier forum of an area: who is responsible for it, seat by seat."""

from __future__ import annotations

from collections.abc import Iterable
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


@dataclass(frozen=True, slots=True)
class Member:
    user_id: int
    email: str
    title: str


def forum_members(codes: Iterable[str]) -> dict[str, list[Member]]:
    """The forum members of many areas at once (two queries), for notifying in bulk."""
    wanted = set(codes)
    if not wanted:
        return {}
    titles = {t for seats in roles.FORUM_SEATS.values() for t in seats}
    active = Post.objects.active().filter(title__in=titles)
    own = active.filter(areas__code__in=wanted).values_list(
        "areas__code", "user_id", "user__email", "title"
    )
    unit_wide = active.filter(areas__isnull=True, unit__areas__code__in=wanted).values_list(
        "unit__areas__code", "user_id", "user__email", "title"
    )
    members: dict[str, list[Member]] = {}
    seen: set[tuple[str, int]] = set()
    for code, user_id, email, title in [*own, *unit_wide]:
        level = code.count(".") + 1
        if title not in roles.FORUM_SEATS[level] or (code, user_id) in seen:
            continue
        seen.add((code, user_id))
        members.setdefault(code, []).append(Member(user_id=user_id, email=email, title=title))
    return members


def seats_of(user_id: int) -> set[str]:
    """The areas whose tier forum this user sits in (a Bhabinkamtibmas: their villages; a
    Kapolsek: the districts of the Polsek): what waits for them in "perlu tindakan saya".
    Two queries, as `forum_members`."""
    titles = {t for seats in roles.FORUM_SEATS.values() for t in seats}
    mine = Post.objects.active().filter(user_id=user_id, title__in=titles)
    own = mine.filter(areas__isnull=False).values_list("areas__code", "title")
    unit_wide = mine.filter(areas__isnull=True, unit__areas__isnull=False).values_list(
        "unit__areas__code", "title"
    )
    return {
        code
        for code, title in [*own, *unit_wide]
        if title in roles.FORUM_SEATS[code.count(".") + 1]
    }
