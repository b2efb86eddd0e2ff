"""Reads of units and posts."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from sinergi.areas.models import Area
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
