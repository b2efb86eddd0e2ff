"""Reads of the territory. Areas are public data: no scoping here, only bounded answers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Replace

from sinergi.areas import codes, fuzzy, geo, text
from sinergi.areas.models import Area, AreaWord

# Widening search boxes, in degrees around the point (about 5 km, 20 km, 80 km, 320 km).
_NEAREST_BOXES = (0.05, 0.2, 0.8, 3.0)


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

    By name, the first query word must start a word of the area's name, every other word a word
    of the name or of its parents' names ("Sukamaju Sekadau"); spaces may come or go ("Suka Maju"
    finds Sukamaju); "Desa", "Kel.", "Kec.", "Kab." are dropped. When nothing matches, names
    within a letter or two of the words typed are offered instead (``Page.fuzzy``)."""
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
    return _name_search(qs, q, level, limit, offset)


def _name_search(qs: QuerySet[Area], q: str, level: int | None, limit: int, offset: int) -> Page:
    words = text.query_words(q)
    if not words:
        return Page(count=0, items=[])
    readings = text.readings(words)
    vocabulary = fuzzy.vocabulary()
    if len(words) == 1 and len(readings) == 1:
        # one word, the common autocomplete: an index range, counted and sorted by the database
        exact = _one_word_matches(qs, words[0], level)
        count = exact.count()
        if count:
            return _page(_ranked(exact, q, words), limit, offset, count=count)
    else:
        # readings with a word that starts no word of the territory cannot match
        possible = [r for r in readings if all(vocabulary.starts_a_word(t) for t in r)]
        if possible:
            found = _matches(qs, possible, {}, level, q, words)
            if found:
                return _page_of(found, limit, offset)
    # a word that starts a word of the territory is taken as typed; the others may have slipped
    near = {
        t: {} if vocabulary.starts_a_word(t) else vocabulary.near(t)
        for t in dict.fromkeys(t for r in readings for t in r)
    }
    if not any(near.values()):
        return Page(count=0, items=[])
    return _page_of(_matches(qs, readings, near, level, q, words), limit, offset, fuzzy=True)


def _page(ordered: QuerySet[Area], limit: int, offset: int, count: int | None = None) -> Page:
    if count is None:
        count = ordered.count()
    # Sort narrow rows first, then fetch the page's few whole rows.
    page_codes = list(ordered.values_list("code", flat=True)[offset : offset + limit])
    by_code = Area.objects.select_related("parent").in_bulk(page_codes)
    return Page(count=count, items=[by_code[c] for c in page_codes])


def _page_of(ranked: list[str], limit: int, offset: int, *, fuzzy: bool = False) -> Page:
    page_codes = ranked[offset : offset + limit]
    by_code = Area.objects.select_related("parent").in_bulk(page_codes)
    return Page(count=len(ranked), items=[by_code[c] for c in page_codes], fuzzy=fuzzy)


def _prefix_range(word: str) -> Q:
    return Q(word__gte=word, word__lt=text.prefix_upper_bound(word))


def _one_word_matches(qs: QuerySet[Area], word: str, level: int | None) -> QuerySet[Area]:
    index = AreaWord.objects.filter(_prefix_range(word))
    if level is not None:
        index = index.filter(level=level)
    return qs.filter(code__in=index.values("area_id"))


def _ranked(matches: QuerySet[Area], q: str, words: list[str]) -> QuerySet[Area]:
    """The name as typed first, then the same with other spaces ("Suka Maju" for "Sukamaju"),
    then names that start so; by level and name within each."""
    joined = "".join(words)
    as_typed = Q(name_key=text.fold(q)) | Q(name_key=" ".join(words))
    return (
        matches.annotate(name_compact=Replace("name_key", Value(" "), Value("")))
        .annotate(
            rank=Case(
                When(as_typed, then=Value(0)),
                When(name_compact=joined, then=Value(1)),
                When(name_compact__startswith=joined, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "level", "name_key", "code")
    )


def _word_pattern(token: str, near: dict[str, int]) -> re.Pattern[str]:
    """A word starting with the token, or one of the near words, in a space-separated key."""
    choices = [re.escape(token) + r"[^ ]*", *(re.escape(w) for w in near)]
    return re.compile(r"(?:^| )(" + "|".join(choices) + r")(?= |$)")


def _slips(pattern: re.Pattern[str], token: str, near: dict[str, int], key: str) -> int | None:
    """The fewest letters the token is off a word of the key, or None if it matches none."""
    best: int | None = None
    for match in pattern.finditer(key):
        word = match.group(1)
        distance = 0 if word.startswith(token) else near[word]
        if best is None or distance < best:
            best = distance
            if best == 0:
                break
    return best


def _matches(
    qs: QuerySet[Area],
    readings: list[tuple[str, ...]],
    near: dict[str, dict[str, int]],
    level: int | None,
    q: str,
    words: list[str],
) -> list[str]:
    """Codes of the areas matching one reading of the query, best first.

    In a reading, the first word must start a word of the area's own name (the index finds
    those), every other word a word of the name or the parents' names ("Sukamaju Sekadau").
    With ``near`` words, a word may also be one of its near words, and fewer slips come first."""
    first_words = Q()
    for token in dict.fromkeys(r[0] for r in readings):
        first_words |= _prefix_range(token)
        if near.get(token):
            first_words |= Q(word__in=list(near[token]))
    index = AreaWord.objects.filter(first_words)
    if level is not None:
        index = index.filter(level=level)
    rows = qs.filter(code__in=index.values("area_id")).values_list(
        "code", "name_key", "search_key", "level"
    )
    patterns = {
        token: _word_pattern(token, near.get(token, {}))
        for token in dict.fromkeys(t for r in readings for t in r)
    }
    typed = {text.fold(q), " ".join(words)}
    joined = "".join(words)
    ranked: list[tuple[tuple[int | str, ...], str]] = []
    for code, name_key, key, area_level in rows:
        compact = name_key.replace(" ", "")
        name = f"{name_key} {compact}"
        best: tuple[int, int] | None = None
        for reading in readings:
            first = reading[0]
            if _slips(patterns[first], first, near.get(first, {}), name) is None:
                continue
            slips = outside = 0
            for token in reading:
                pattern, token_near = patterns[token], near.get(token, {})
                in_name = _slips(pattern, token, token_near, name)
                found = in_name if in_name is not None else _slips(pattern, token, token_near, key)
                if found is None:
                    break
                slips += found
                outside += in_name is None
            else:
                best = min(best or (slips, outside), (slips, outside))
        if best is None:
            continue
        slips, outside = best
        if any(near.values()):  # fewest slips, every word in the name, the shortest name
            order: tuple[int | str, ...] = (slips, outside, area_level, len(name_key), name_key)
        else:  # as typed, other spaces, starting so, every word in the name, through parents
            kind = (
                0 if name_key in typed
                else 1 if compact == joined
                else 2 if compact.startswith(joined)
                else 3 if not outside
                else 4
            )  # fmt: skip
            order = (kind, area_level, name_key)
        ranked.append((order, code))
    ranked.sort()
    return [code for _order, code in ranked]


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
