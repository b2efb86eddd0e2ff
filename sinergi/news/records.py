"""From the reader's labels to an activity of ours: names resolved to our areas and units.

extract() speaks the labels' language (names as written); a saved activity needs an Area, a Unit,
a time. This module finds them, and says what it could not find so the person reviewing can.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from sinergi.areas.models import Area
from sinergi.areas.text import fold
from sinergi.engagement.catalogue import ActivityType, PartnerKind, Program, Topic
from sinergi.news.extract import Reading
from sinergi.news.gazetteer import Gazetteer
from sinergi.units.models import Unit

# A release rarely writes the time of day and the reader never guesses one: the reviewer fills it
# in; a file import (no reviewer yet) records the day's start until its verifier corrects it.
DAY_START = time(0, 0)
UNIT_ORDER = ("polsek", "polres", "polresta", "polrestabes", "polres_metro", "polda")


@dataclass
class Draft:
    """What the form is pre-filled with; ``missing`` lists what the person must still choose."""

    kind: str
    extra_kinds: list[str]
    programs: list[str]
    title: str
    area: Area | None
    unit: Unit | None
    held_on: date | None
    held_time: time | None  # only when the release writes it
    venue: str
    officials: list[dict[str, str | None]]
    partner_groups: list[str]
    topics: list[str]
    aspirations: list[str]
    commitments: list[str]
    # who asked and who promised, item by item ("" where the release does not say)
    aspiration_askers: list[str] = field(default_factory=list)
    commitment_owners: list[str] = field(default_factory=list)
    # named community leaders with their role ("Gus Choirul Amin, Ketua MSB"), for the reviewer
    named_partners: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # the promises' term as the release gives it ("dalam waktu satu minggu"), from the date
    commitments_due: date | None = None

    @property
    def held_at(self) -> datetime | None:
        """The date with the written time, else the day's start (file imports only)."""
        if self.held_on is None:
            return None
        return timezone.make_aware(datetime.combine(self.held_on, self.held_time or DAY_START))


def release_key(*, url: str, title: str, text: str) -> str:
    """The same release is recorded once: by its address, else by a digest of its words."""
    if url.strip():
        return url.strip()
    return "sha256:" + hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def _regency(name: str, gazetteer: Gazetteer) -> Area | None:
    folded = fold(name)
    for prefix, kind in (("kabupaten ", "Kabupaten"), ("kota ", "Kota")):
        if folded.startswith(prefix):
            place = gazetteer.regency(folded[len(prefix) :], kind)
            return Area.objects.filter(code=place.code).first() if place else None
    place = gazetteer.regency(folded)
    return Area.objects.filter(code=place.code).first() if place else None


def _province(name: str) -> Area | None:
    folded = fold(name)
    for area in Area.objects.current().filter(level=Area.Level.PROVINCE):
        if fold(area.name) == folded:
            return area
    return None


def _below(parent: Area | None, level: int, name: str | None) -> Area | None:
    if parent is None or not name:
        return None
    found = list(
        Area.objects.current().filter(
            code__startswith=f"{parent.code}.", level=level, name__iexact=name.strip()
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def resolve_area(location: dict[str, Any], gazetteer: Gazetteer) -> Area | None:
    """The most specific place the release names that we can tell apart: village, district,
    regency, province."""
    regency = _regency(location["regency"], gazetteer) if location.get("regency") else None
    if regency is None and location.get("province"):
        return _province(location["province"])
    if regency is None:
        return None
    district = _below(regency, Area.Level.DISTRICT, location.get("district"))
    village = _below(district or regency, Area.Level.VILLAGE, location.get("village"))
    return village or district or regency


def resolve_unit(names: list[str], area: Area | None) -> Unit | None:
    """The most local police unit the release names, else the one serving the place."""
    wanted = {fold(n) for n in names}
    candidates = [
        u
        for u in Unit.objects.filter(institution=Unit.Institution.POLRI, active=True).filter(
            name__in=names
        )
        if fold(u.name) in wanted
    ]
    if area is not None:
        near = [u for u in candidates if u.key and u.key.split(":", 1)[1][:5] == area.code[:5]]
        candidates = near or candidates
    for kind in UNIT_ORDER:
        of_kind = [u for u in candidates if u.kind == kind]
        if len(of_kind) == 1:
            return of_kind[0]
    if area is None:
        return None
    # the place is known but its unit not: the Polsek of the district, else the Polres
    for code in (area.code[:8], area.code[:5], area.code[:2]):
        unit = (
            Unit.objects.filter(institution=Unit.Institution.POLRI, unitarea__area_id=code)
            .order_by("-tier")
            .first()
        )
        if unit is not None:
            return unit
    return None


def named_in_full(who: str, officials: list[dict[str, Any]]) -> str:
    """A promiser named by title alone ("Kapolsek") as the release first named them in full
    ("Kapolsek Bontang Utara AKP Budi Santoso"), when exactly one official's position starts
    with that title; otherwise as written. The public board says who promised."""
    title = fold(who)
    if len(title.split()) != 1:
        return who
    holders = [o for o in officials if fold(str(o.get("position") or "")).split()[:1] == [title]]
    if len(holders) != 1:
        return who
    held = holders[0]
    return " ".join(str(x) for x in (held["position"], held.get("rank"), held["name"]) if x)


def to_draft(reading: Reading, *, title: str, gazetteer: Gazetteer) -> Draft:
    labels = reading.labels
    types = [t for t in labels.get("activity_types", []) if t in ActivityType.values]
    area = resolve_area(labels.get("location") or {}, gazetteer)
    unit = resolve_unit(list(labels.get("police_units") or []), area)
    held_on = date.fromisoformat(labels["activity_date"]) if labels.get("activity_date") else None
    held_time = time.fromisoformat(reading.time) if reading.time else None
    spans: dict[str, dict[str, str]] = {"aspiration": {}, "commitment": {}}
    for span in reading.spans:
        spans[span.kind].setdefault(span.label, span.who)
    draft = Draft(
        kind=types[0] if types else ActivityType.OTHER,
        extra_kinds=types[1:],
        programs=[p for p in labels.get("programs", []) if p in Program.values],
        title=title.strip()[:200],
        area=area,
        unit=unit,
        held_on=held_on,
        held_time=held_time,
        venue=str((labels.get("location") or {}).get("venue") or "")[:200],
        officials=list(labels.get("officials") or []),
        partner_groups=list(
            dict.fromkeys(
                p["kind"] for p in labels.get("partners", []) if p.get("kind") in PartnerKind.values
            )
        ),
        topics=[t for t in labels.get("topics", []) if t in Topic.values],
        aspirations=list(labels.get("aspirations") or []),
        commitments=list(labels.get("commitments") or []),
        named_partners=[
            ", ".join(str(x) for x in (p["name"], p.get("role")) if x)
            for p in reading.partners
            if p.get("name")
        ],
    )
    if held_on is not None and reading.term_days is not None and draft.commitments:
        draft.commitments_due = held_on + timedelta(days=reading.term_days)
    draft.aspiration_askers = [spans["aspiration"].get(a, "") for a in draft.aspirations]
    draft.commitment_owners = [
        named_in_full(spans["commitment"].get(c, ""), draft.officials) for c in draft.commitments
    ]
    draft.missing = [
        name
        for name, value in (("area", area), ("unit", unit), ("held_at", held_on))
        if value is None
    ]
    return draft
