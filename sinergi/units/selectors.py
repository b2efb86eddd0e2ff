"""Reads of units and posts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.units import roles
from sinergi.units.forums import forum_members
from sinergi.units.models import Post, Unit


def unit_list(
    *,
    q: str = "",
    institution: str | None = None,
    kind: str | None = None,
    area: str | None = None,
) -> QuerySet[Unit]:
    """Units, optionally those serving an area or any area above it (who answers for this place)."""
    qs = Unit.objects.filter(active=True)
    if institution:
        qs = qs.filter(institution=institution)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(name__icontains=q.strip())
    if area:
        parts = area.split(".")
        codes = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
        qs = qs.filter(unitarea__area_id__in=codes).distinct()
    return qs.order_by("tier", "name", "pk")


def unit_get(pk: int) -> Unit | None:
    posts = Post.objects.active().select_related("user").prefetch_related("areas")
    return (
        Unit.objects.select_related("parent")
        .prefetch_related(Prefetch("posts", queryset=posts, to_attr="active_posts"), "areas")
        .filter(pk=pk)
        .first()
    )


def units_serving(area: Area) -> QuerySet[Unit]:
    """Units serving the area or any area above it, nearest tier first."""
    return unit_list(area=area.code).order_by("institution", "-tier", "name")


# -- the staffing gap list -------------------------------------------------------------------------

GAPS_MAX_VILLAGES = 3000  # above this (a province), the page asks for a regency first


@dataclass(frozen=True, slots=True)
class Gap:
    village: Area
    missing: list[str]  # the labels of the empty seats
    open_cases: int  # cases of the village that are still open (routed up meanwhile)


@dataclass(frozen=True, slots=True)
class Gaps:
    area: Area
    villages: int  # villages under the area
    rows: list[Gap]  # those with an empty seat, most open cases first
    too_many: bool  # the area holds more villages than one page of work: pick a part


def forum_gaps(area: Area) -> Gaps:
    """The villages under an area whose Tiga Pilar has an empty seat: a new case from there is
    routed up at once (cases/routing.lowest_seated), so the operators fill these seats. Three
    queries, whatever the number of villages."""
    villages = list(
        Area.objects.current()
        .filter(level=Area.Level.VILLAGE)
        .filter(within_q("code", area.code))
        .order_by("name_key", "code")[: GAPS_MAX_VILLAGES + 1]
    )
    if len(villages) > GAPS_MAX_VILLAGES:
        return Gaps(area=area, villages=len(villages), rows=[], too_many=True)
    seated = forum_members([v.code for v in villages])
    seats = roles.FORUM_SEATS[Area.Level.VILLAGE]
    open_cases = dict(
        Case.objects.filter(
            area_id__in=[v.code for v in villages],
            status__in=[Case.Status.BARU, Case.Status.DITERIMA, Case.Status.DITANGANI],
        )
        .values("area_id")
        .annotate(n=Count("pk"))
        .values_list("area_id", "n")
    )
    rows = []
    for village in villages:
        filled = {m.title for m in seated.get(village.code, [])}
        missing = [str(Post.Title(t).label) for t in seats if t not in filled]
        if missing:
            rows.append(
                Gap(village=village, missing=missing, open_cases=open_cases.get(village.code, 0))
            )
    rows.sort(key=lambda g: (-g.open_cases, -len(g.missing), g.village.name_key))
    return Gaps(area=area, villages=len(villages), rows=rows, too_many=False)


def titles_of(user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's title as their posts say it ("Bhabinkamtibmas", "Babinsa · Kepala Desa"), in
    one query: a list of people to hand a case to says who is who."""
    found: dict[int, list[str]] = {}
    for post in Post.objects.active().filter(user_id__in=list(user_ids)).order_by("unit__tier"):
        titles = found.setdefault(post.user_id, [])
        if post.get_title_display() not in titles:
            titles.append(str(post.get_title_display()))
    return {user_id: " · ".join(titles) for user_id, titles in found.items()}
