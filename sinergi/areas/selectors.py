"""Reads of the territory. Areas are public data: no scoping here, only bounded answers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Collate

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
    q = q.strip()
    if q and not codes.CODE_PREFIX_PATTERN.match(q):
        return _name_search(q, level, parent, limit, offset)
    qs: QuerySet[Area] = Area.objects.current()
    if level is not None:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    if q:
        code = codes.normalize_code(q) if "." not in q else q.rstrip(".")
        return _page(
            qs.filter(codes.within_q("code", code)).order_by("level", "code"), limit, offset
        )
    return _page(qs.order_by("level", _by_name(), "code"), limit, offset)


def _name_search(q: str, level: int | None, parent: str | None, limit: int, offset: int) -> Page:
    words = text.query_words(q)
    if not words:
        return Page(count=0, items=[])
    readings = text.readings(words)
    vocabulary = fuzzy.vocabulary()
    # readings with a word that starts no word of the territory cannot match as typed
    possible = [r for r in readings if all(vocabulary.starts_a_word(t) for t in r)]
    if possible:
        found = _matches(possible, {}, level, parent, q, words)
        if found:
            return _page_of(found, limit, offset)
    # a word that starts a word of the territory is taken as typed; the others may have slipped
    near = {
        t: {} if vocabulary.starts_a_word(t) else vocabulary.near(t)
        for t in dict.fromkeys(t for r in readings for t in r)
    }
    if not any(near.values()):
        return Page(count=0, items=[])
    found = _matches(readings, near, level, parent, q, words)
    return _page_of(found, limit, offset, fuzzy=True)


def _page(ordered: QuerySet[Area], limit: int, offset: int) -> Page:
    count = ordered.count()
    # Sort narrow rows first, then fetch the page's few whole rows.
    page_codes = list(ordered.values_list("code", flat=True)[offset : offset + limit])
    by_code = Area.objects.select_related("parent").in_bulk(page_codes)
    return Page(count=count, items=[by_code[c] for c in page_codes])


def _page_of(ranked: list[str], limit: int, offset: int, *, fuzzy: bool = False) -> Page:
    page_codes = ranked[offset : offset + limit]
    by_code = Area.objects.select_related("parent").in_bulk(page_codes)
    return Page(count=len(ranked), items=[by_code[c] for c in page_codes], fuzzy=fuzzy)


def _by_name() -> F | Collate:
    """Names in byte order, as Python sorts them: PostgreSQL's language collations would put
    "sukamaju" before "suka maju" (they skip spaces), so SQLite and PostgreSQL would differ."""
    return Collate("name_key", "C") if connection.vendor == "postgresql" else F("name_key")


def _prefix_range(word: str) -> Q:
    return Q(word__gte=word, word__lt=text.prefix_upper_bound(word))


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


def _candidates(
    readings: list[tuple[str, ...]],
    near: dict[str, dict[str, int]],
    level: int | None,
    parent: str | None,
) -> list[tuple[str, str, str, int]]:
    """The current areas one of whose name words starts with (or is near) the first word of a
    reading: code, name key, search key, level. From the word index to the areas: an index
    range, then each area by its code."""
    first_words = Q()
    for token in dict.fromkeys(r[0] for r in readings):
        first_words |= _prefix_range(token)
        if near.get(token):
            first_words |= Q(word__in=list(near[token]))
    index = AreaWord.objects.filter(first_words, area__retired_at__isnull=True)
    if level is not None:
        index = index.filter(level=level)
    if parent:
        index = index.filter(area__parent_id=parent)
    rows = index.values_list("area_id", "area__name_key", "area__search_key", "area__level")
    return list({row[0]: row for row in rows}.values())  # a name may hold the word twice


def _matches(
    readings: list[tuple[str, ...]],
    near: dict[str, dict[str, int]],
    level: int | None,
    parent: str | None,
    q: str,
    words: list[str],
) -> list[str]:
    """Codes of the areas matching one reading of the query, best first.

    In a reading, the first word must start a word of the area's own name, every other word a
    word of the name or of the parents' names ("Sukamaju Sekadau"). With ``near`` words, a word
    may also be one of its near words, and fewer slips come first."""
    patterns = {
        token: _word_pattern(token, near.get(token, {}))
        for token in dict.fromkeys(t for r in readings for t in r)
    }
    slipping = any(near.values())
    typed = {text.fold(q), " ".join(words)}
    joined = "".join(words)
    ranked: list[tuple[tuple[int | str, ...], str]] = []
    # one word as typed: the index found it in each name, nothing is left to check
    checked = slipping or len(readings) > 1 or len(readings[0]) > 1
    for code, name_key, key, area_level in _candidates(readings, near, level, parent):
        best: tuple[int, int] | None = (0, 0)
        if checked:
            best = None
            own = key.partition(" | ")[0]
            for reading in readings:
                found = _reading_slips(reading, patterns, near, own, key)
                if found is not None and (best is None or found < best):
                    best = found
        if best is None:
            continue
        slips, outside = best
        compact = name_key.replace(" ", "")
        if slipping:  # fewest slips, every word in the name, the shortest name
            order: tuple[int | str, ...] = (slips, outside, area_level, len(name_key), name_key)
        else:  # as typed, other spaces, starting so, every word in the name, through parents
            kind = (
                0
                if name_key in typed
                else 1
                if compact == joined
                else 2
                if compact.startswith(joined)
                else 3
                if not outside
                else 4
            )
            order = (kind, area_level, name_key)
        ranked.append((order, code))
    ranked.sort()
    return [code for _order, code in ranked]


def _reading_slips(
    reading: tuple[str, ...],
    patterns: dict[str, re.Pattern[str]],
    near: dict[str, dict[str, int]],
    own: str,
    key: str,
) -> tuple[int, int] | None:
    """(letters off, words found only in the parents' names) for one reading of the query, or
    None when the first word is not in the area's own name or another word is nowhere."""
    # a word taken as typed is somewhere in the key: a quick test before the patterns
    if any(token not in key for token in reading if not near.get(token)):
        return None
    slips = outside = 0
    for i, token in enumerate(reading):
        pattern, token_near = patterns[token], near.get(token, {})
        in_name = _slips(pattern, token, token_near, own)
        if in_name is None and i == 0:
            return None
        found = in_name if in_name is not None else _slips(pattern, token, token_near, key)
        if found is None:
            return None
        slips += found
        outside += in_name is None
    return slips, outside


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
