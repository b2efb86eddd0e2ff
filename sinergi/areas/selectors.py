"""Reads of the territory. Areas are public data: no scoping here, only bounded answers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Replace

from sinergi.areas import codes, fuzzy, geo, text
from sinergi.areas.models import Area, AreaWord

# Widening search boxes, in degrees around the point (about 5 km, 20 km, 80 km, 320 km).
_NEAREST_BOXES = (0.05, 0.2, 0.8, 3.0)
# Query words shorter than this only narrow: they would pull a large part of the word index.
DRIVING_WORD_MIN = 3
# Areas a misspelt query looks at, at most (a common word a letter off finds a few hundred).
NEAR_CANDIDATES_MAX = 3000


@dataclass(frozen=True, slots=True)
class Page:
    count: int
    items: list[Area]
    # nothing matched as typed: these are names a letter or two away ("Kompang" → Kumpang)
    fuzzy: bool = False


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
    """Areas by name words or code prefix, best matches first, with the total count.

    By name every query word must start a word of the area's name or of its parents' names, and
    one at least of its own name ("Sukamaju Sekadau"); spaces may come or go ("Suka Maju" finds
    Sukamaju); "Desa", "Kel.", "Kec.", "Kab." are dropped. When nothing matches, names within a
    letter or two of the words typed are offered instead (``Page.fuzzy``)."""
    qs: QuerySet[Area] = Area.objects.current()
    q = q.strip()
    by_code = bool(q) and bool(codes.CODE_PREFIX_PATTERN.match(q))
    # By name, the word index carries the level; filtering the area table too would tempt the
    # planner into scanning every village.
    if level is not None and (by_code or not q):
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    if by_code:
        code = codes.normalize_code(q) if "." not in q else q.rstrip(".")
        return _page(
            qs.filter(codes.within_q("code", code)).order_by("level", "code"), limit, offset
        )
    if not q:
        return _page(qs.order_by("level", "name_key", "code"), limit, offset)
    words = text.query_words(q)
    if not words:
        return Page(count=0, items=[])
    readings = text.readings(words)
    exact = _name_matches(qs, readings, level)
    count = exact.count()
    if count:
        return _page(_ranked(exact, q, words, readings), limit, offset, count=count)
    return _near_matches(qs, readings, level, limit, offset)


def _page(ordered: QuerySet[Area], limit: int, offset: int, count: int | None = None) -> Page:
    if count is None:
        count = ordered.count()
    # Sort narrow rows first, then fetch the page's few whole rows.
    page_codes = list(ordered.values_list("code", flat=True)[offset : offset + limit])
    by_code = Area.objects.select_related("parent").in_bulk(page_codes)
    return Page(count=count, items=[by_code[c] for c in page_codes])


def _starts_a_word(column: str, word: str) -> Q:
    return Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": f" {word}"})


def _name_matches(
    qs: QuerySet[Area], readings: list[tuple[str, ...]], level: int | None
) -> QuerySet[Area]:
    """Areas one of whose name words starts with a query word (the word index finds them), and
    where, in one reading of the query, every word starts a word of the name or the parents'."""
    tokens = list(dict.fromkeys(t for reading in readings for t in reading))
    # very short words ("a", "ds") would pull half the index; longer ones find the area
    driving = [t for t in tokens if len(t) >= DRIVING_WORD_MIN] or tokens
    ranges = Q()
    for token in driving:
        ranges |= Q(word__gte=token, word__lt=text.prefix_upper_bound(token))
    index = AreaWord.objects.filter(ranges)
    if level is not None:
        index = index.filter(level=level)
    every_word = Q()
    for reading in readings:
        one_reading = Q()
        for token in reading:
            one_reading &= _starts_a_word("search_key", token)
        every_word |= one_reading
    return qs.filter(every_word, code__in=index.values("area_id"))


def _ranked(
    matches: QuerySet[Area], q: str, words: list[str], readings: list[tuple[str, ...]]
) -> QuerySet[Area]:
    """The name as typed first, then the same with other spaces ("Suka Maju" for "Sukamaju"),
    names that start so, names holding every word, and last the areas found through their
    parents' names; by level and name within each."""
    joined = "".join(words)
    as_typed = Q(name_key=text.fold(q)) | Q(name_key=" ".join(words))
    in_name = Q()
    for reading in readings:
        one_reading = Q()
        for token in reading:
            one_reading &= _starts_a_word("name_key", token)
        in_name |= one_reading
    return (
        matches.annotate(name_compact=Replace("name_key", Value(" "), Value("")))
        .annotate(
            rank=Case(
                When(as_typed, then=Value(0)),
                When(name_compact=joined, then=Value(1)),
                When(name_compact__startswith=joined, then=Value(2)),
                When(in_name, then=Value(3)),
                default=Value(4),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "level", "name_key", "code")
    )


def _near_matches(
    qs: QuerySet[Area],
    readings: list[tuple[str, ...]],
    level: int | None,
    limit: int,
    offset: int,
) -> Page:
    """Areas whose words are within a letter or two of the query's, fewest slips first."""
    words = fuzzy.vocabulary()
    tokens = list(dict.fromkeys(t for reading in readings for t in reading))
    near = {token: fuzzy.near_words(token, words) for token in tokens}
    slipped = {word for found in near.values() for word in found}
    if not slipped:
        return Page(count=0, items=[], fuzzy=True)
    index = AreaWord.objects.filter(word__in=slipped)
    if level is not None:
        index = index.filter(level=level)
    candidates = qs.filter(code__in=index.values("area_id")[:NEAR_CANDIDATES_MAX]).values_list(
        "code", "name_key", "search_key", "level"
    )
    scored: list[tuple[int, int, int, int, str, str]] = []
    for code, name_key, key, area_level in candidates:
        key_words = key.split()
        best: tuple[int, int] | None = None
        for reading in readings:
            slips = _slips(reading, key_words, near)
            if slips is not None:
                outside = sum(1 for t in reading if _slips((t,), name_key.split(), near) is None)
                best = min(best or (slips, outside), (slips, outside))
        if best is not None:
            # fewest slips, then every word in the name, then the shortest name at each level
            scored.append((best[0], best[1], area_level, len(name_key), name_key, code))
    scored.sort()
    page_codes = [row[-1] for row in scored[offset : offset + limit]]
    by_code = Area.objects.select_related("parent").in_bulk(page_codes)
    return Page(count=len(scored), items=[by_code[c] for c in page_codes], fuzzy=True)


def _slips(
    reading: tuple[str, ...], key_words: list[str], near: dict[str, dict[str, int]]
) -> int | None:
    """How many letters the reading is off the words, or None if one word of it matches none."""
    total = 0
    for token in reading:
        best: int | None = None
        for word in key_words:
            if word.startswith(token):
                best = 0
                break
            distance = near[token].get(word)
            if distance is not None and (best is None or distance < best):
                best = distance
        if best is None:
            return None
        total += best
    return total


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
    """The village whose centroid is nearest to the point."""
    found = area_nearest_villages(latitude=latitude, longitude=longitude, count=1)
    return found[0] if found else None


def area_nearest_villages(*, latitude: float, longitude: float, count: int = 3) -> list[Nearest]:
    """The ``count`` villages whose centroids are nearest to the point, nearest first, searching
    widening boxes. A point on a border is offered the villages on both sides."""
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
        scored = sorted(
            (
                (
                    geo.distance_m(latitude, longitude, a.latitude or 0.0, a.longitude or 0.0),
                    a.code,
                    a,
                )
                for a in candidates
            ),
            key=lambda row: (row[0], row[1]),
        )[:count]
        if not scored:
            continue
        # Only villages inside the circle the box encloses are surely the nearest ones.
        if (
            len(scored) == count and scored[-1][0] <= geo.box_inner_radius_m(latitude, box)
        ) or box == _NEAREST_BOXES[-1]:
            return [Nearest(area=area, distance_m=distance) for distance, _code, area in scored]
    return []
