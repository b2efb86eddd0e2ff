"""Reads of the territory. Areas are public data: no scoping here, only bounded answers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from sinergi.areas import codes, geo, text
from sinergi.areas.models import Area, AreaWord

# Widening search boxes, in degrees around the point (about 5 km, 20 km, 80 km, 320 km).
_NEAREST_BOXES = (0.05, 0.2, 0.8, 3.0)


@dataclass(frozen=True, slots=True)
class Page:
    count: int
    items: list[Area]


def area_get(code: str) -> Area | None:
    return Area.objects.select_related("parent").filter(code=code).first()


def area_search(
    *,
    q: str = "",
    level: int | None = None,
    parent: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page:
    """Areas by name words or code prefix, best matches first, with the total count."""
    qs: QuerySet[Area] = Area.objects.current()
    # By name, the word index carries the level; filtering the area table too would tempt the
    # planner into scanning every village.
    if level is not None and not (q.strip() and not codes.CODE_PREFIX_PATTERN.match(q.strip())):
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    q = q.strip()
    if q and codes.CODE_PREFIX_PATTERN.match(q):
        code = codes.normalize_code(q) if "." not in q else q.rstrip(".")
        ordered = qs.filter(codes.within_q("code", code)).order_by("level", "code")
    elif q:
        folded = text.fold(q)
        if not folded:
            return Page(count=0, items=[])
        qs = _name_matches(qs, folded, level)
        ordered = qs.annotate(
            rank=Case(
                When(name_key=folded, then=Value(0)),
                When(name_key__startswith=folded, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("rank", "level", "name_key", "code")
    else:
        ordered = qs.order_by("level", "name_key", "code")
    count = ordered.count()
    # Sort narrow rows first, then fetch the page's few whole rows.
    page_codes = list(ordered.values_list("code", flat=True)[offset : offset + limit])
    by_code = Area.objects.select_related("parent").in_bulk(page_codes)
    return Page(count=count, items=[by_code[c] for c in page_codes])


def _name_matches(qs: QuerySet[Area], folded: str, level: int | None) -> QuerySet[Area]:
    """Every query word must start a word of the name; the longest one uses the word index."""
    query_words = folded.split()
    anchor = max(query_words, key=len)[: text.WORD_MAX]
    words = AreaWord.objects.filter(word__gte=anchor, word__lt=text.prefix_upper_bound(anchor))
    if level is not None:
        words = words.filter(level=level)
    qs = qs.filter(code__in=words.values("area_id"))
    for word in query_words:
        if word != anchor:
            qs = qs.filter(Q(name_key__startswith=word) | Q(name_key__contains=f" {word}"))
    return qs


def area_children(area: Area) -> QuerySet[Area]:
    return Area.objects.current().filter(parent=area).order_by("name_key")


def area_ancestors(area: Area) -> list[Area]:
    """From the province down to the area's parent."""
    by_code = Area.objects.in_bulk(area.ancestor_codes())
    return [by_code[c] for c in area.ancestor_codes() if c in by_code]


@dataclass(frozen=True, slots=True)
class Nearest:
    area: Area
    distance_m: float


def area_nearest_village(*, latitude: float, longitude: float) -> Nearest | None:
    """The village whose centroid is nearest to the point, searching widening boxes."""
    for box in _NEAREST_BOXES:
        candidates = list(
            Area.objects.current()
            .filter(
                level=Area.Level.VILLAGE,
                latitude__range=(latitude - box, latitude + box),
                longitude__range=(longitude - box, longitude + box),
            )
            .select_related("parent")
        )
        if not candidates:
            continue
        scored = [
            (geo.distance_m(latitude, longitude, a.latitude or 0.0, a.longitude or 0.0), a)
            for a in candidates
        ]
        distance, best = min(scored, key=lambda pair: pair[0])
        # Only a match inside the circle the box encloses is surely the nearest one.
        if distance <= geo.box_inner_radius_m(latitude, box) or box == _NEAREST_BOXES[-1]:
            return Nearest(area=best, distance_m=distance)
    return None
