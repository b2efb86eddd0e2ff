"""Where: province, regency, district, village and venue."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sinergi.news.extract.lexicon import fold, shortened, title_case, word_list, word_table
from sinergi.news.extract.units import Units
from sinergi.news.gazetteer import Gazetteer, Place


@dataclass
class Location:
    province: str | None = None
    regency: str | None = None
    district: str | None = None
    village: str | None = None
    venue: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "province": self.province,
            "regency": self.regency,
            "district": self.district,
            "village": self.village,
            "venue": self.venue,
        }


def _province_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    pattern = gazetteer.memo.get("provinces")
    if not isinstance(pattern, re.Pattern):
        names = set(gazetteer.by_core.get(1, {})) | set(
            word_table("places.json", "province_aliases")
        )
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"\b(?:{alternatives})\b")
        gazetteer.memo["provinces"] = pattern
    return pattern


def _provinces_named(folded: str, gazetteer: Gazetteer) -> list[str]:
    """Provinces the text names, by full name or short form, in order of appearance."""
    aliases = word_table("places.json", "province_aliases")
    regency_prefix = {"kabupaten", "kab", "kota", "kecamatan", "desa", "kelurahan"}
    regency_prefix |= set(word_table("units.json", "kinds")) | set(
        word_table("units.json", "heads")
    )
    regency_prefix -= {"polda", "kapolda", "wakapolda", "mapolda"}
    not_after = set(word_list("places.json", "province_not_after"))
    found: list[str] = []
    for match in _province_pattern(gazetteer).finditer(folded):
        phrase = match.group(0)
        before = folded[: match.start()].split()[-1:]
        if before and before[0] in regency_prefix:
            continue
        # an outlet's regional edition ("Antaranews Kalbar", "tribratanews.jateng.polri.go.id"),
        # a street, a people
        if before and (before[0].endswith("news") or before[0] in not_after):
            continue
        # "Bandar Lampung" names a city, not the province Lampung; "Desa Buntut Bali" a village
        if before and any(gazetteer.find(level, f"{before[0]} {phrase}") for level in (2, 3, 4)):
            continue
        # "Lampung Selatan" names a regency, not the province Lampung (but Jakarta Utara is
        # Jakarta's own)
        following = folded[match.end() :].split()[:1]
        cities = word_list("places.json", "province_cities")
        if following and phrase not in cities and gazetteer.find(2, f"{phrase} {following[0]}"):
            continue
        provinces = gazetteer.find(1, phrase)
        found.append(provinces[0].name if provinces else aliases[phrase])
    return found


def _explicit_province(folded: str, gazetteer: Gazetteer) -> str | None:
    """The province the text calls one ("Provinsi Papua Pegunungan"): before a Polda that
    kept an older province's name (Polda Papua) and before a shorter name said first."""
    named: list[str] = []
    for match in re.finditer(r"\bprovinsi (?=(\w+(?: \w+){0,3}))", folded):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            provinces = gazetteer.find(1, " ".join(words[:size]))
            if provinces:
                named.append(provinces[0].name)
                break
    # "Provinsi Papua Pengunungan" (a typo, read "Papua") and "Provinsi Papua Pegunungan"
    return max(named, key=len) if named else None


def _polda_provinces(units: Units, gazetteer: Gazetteer) -> list[str]:
    aliases = word_table("places.json", "province_aliases")
    without = set(word_list("places.json", "polda_without_province"))
    out = []
    for name, kind in units.kinds.items():
        if kind != "Polda":
            continue
        core = fold(units.cores[name])
        if core in without:
            continue
        provinces = gazetteer.find(1, core)
        if provinces:
            out.append(provinces[0].name)
        elif core in aliases:
            out.append(aliases[core])
    return out


def _explicit_regency(folded: str, gazetteer: Gazetteer) -> Place | None:
    prefixes = word_table("places.json", "regency_prefixes")
    prefix_re = "|".join(sorted(prefixes, key=len, reverse=True))
    # the name is looked ahead: "kecamatan kota raja kota kupang" still finds "kota kupang"
    for match in re.finditer(rf"\b({prefix_re}) (?=((?:\w+ ?){{1,4}}))", folded):
        kind = prefixes[match.group(1)]
        words = match.group(2).split()
        for size in range(min(len(words), gazetteer.longest), 0, -1):
            place = gazetteer.regency(" ".join(words[:size]), kind)
            if place:
                return place
        # "Kabupaten HSU", "Kabupaten Batola": a regency's usual short form
        if words and (place := _short_form(words[0], gazetteer, kind)):
            return place
    return None


def _short_form(word: str, gazetteer: Gazetteer, kind: str | None) -> Place | None:
    """The regency a usual short form names ("hsu", "tangsel", "sidrap") when it fits exactly
    one regency's name."""
    fits = [core for core in gazetteer.by_core.get(2, {}) if shortened(word, core)]
    return gazetteer.regency(fits[0], kind) if len(fits) == 1 else None


def _dateline_segments(body: str, title: str) -> list[str]:
    """Short pieces of the dateline: "Perwirasatu.co.id- Bandar Lampung- Menjelang ..." gives
    "Bandar Lampung" (outlet names, with their dots, are left out)."""
    folded_title = fold(title)
    for line in body.splitlines()[:8]:
        if not line.strip() or fold(line) == folded_title:
            continue
        head = line[:70]
        if not re.search(r"[-–—|:■]", head):
            continue
        segments = re.split(r"\s*[-–—|:■!,()]+\s*|\.\s+", head)
        if len(line) > len(head):
            segments = segments[:-1]  # "Kapolres Metro Jakart": cut off, no place
        out = [s.strip(" .") for s in segments if s.strip(" .")]
        return [s for s in out if len(s.split()) <= 4 and not re.search(r"\.\w", s)]
    return []


def _heads() -> dict[str, str]:
    return word_table("units.json", "heads")


def _place_from_segment(segment: str, gazetteer: Gazetteer) -> Place | None:
    folded = fold(segment)
    words = folded.split()
    prefixes = word_table("places.json", "regency_prefixes")
    kind = None
    if words and words[0] in prefixes:
        kind, words = prefixes[words[0]], words[1:]
    if words and (words[0] in word_table("units.json", "kinds") or words[0] in _heads()):
        return None  # "Polsek Kuala Kampar", "Kapolres Metro ...": units, placed by their rule
    for start in range(len(words)):
        for size in range(len(words) - start, 0, -1):
            place = gazetteer.regency(" ".join(words[start : start + size]), kind)
            if place:
                return place
    aliases = word_table("places.json", "province_aliases")
    known = words and (
        words[0] in aliases or any(gazetteer.find(n, words[0]) for n in (1, 2, 3, 4))
    )
    written = segment.strip()
    if len(words) == 1 and not known and written[:1].isupper() and len(words[0]) >= 5:
        # "Tangsel", "Sidrap": a regency's usual short form, written as a name, when it fits
        # exactly one (a name of its own, "Papua", "Jayapura", is none; nor is "desa")
        return _short_form(words[0], gazetteer, kind)
    return None


def _regency_of_unit(name: str, units: Units, gazetteer: Gazetteer) -> Place | None:
    kind = units.kinds[name]
    words = fold(units.cores[name]).split()
    if words and words[0] == "metro":
        words = words[1:]
    core = " ".join(words[:-1] if words and words[-1] == "kota" else words)
    if words and words[-1] == "kota":
        return gazetteer.regency(core, "Kota")
    found = gazetteer.regency(core)
    if found is None and gazetteer.find(2, core):
        # the core is both a Kabupaten and a Kota: the unit's own kind decides
        wanted = word_table("places.json", "unit_regency_kind").get(kind)
        found = gazetteer.regency(core, wanted) if wanted else None
    return found


def _as_written(place: Place, body: str) -> str:
    """The regency's name as the release writes it where it joins or splits the words of the
    Kemendagri name ("Kota Pangkal Pinang" written "Pangkalpinang", "Kota Tanjungbalai" written
    "Tanjung Balai"), as labels name places; the gazetteer reads either. The spelling after
    "Kota"/"Kabupaten" decides, else the one written most often, else Kemendagri's."""
    letters = place.core.replace(" ", "")
    if not letters.isalpha():
        return place.name
    kind = place.name[: len(place.name) - len(place.core)].strip()  # "Kota", "Kabupaten"
    spelling = " ?".join(letters)  # the letters, a space allowed between any two
    seen = Counter(m.group(0).lower() for m in re.finditer(rf"\b{spelling}\b", body, re.I))
    after_kind = re.search(rf"\b{kind} ({spelling})\b", body, re.IGNORECASE)
    if after_kind:
        written = after_kind.group(1).lower()
    elif seen:
        written = max(seen, key=lambda form: (seen[form], form == place.core))
    else:
        return place.name
    if written == place.core:
        return place.name
    return f"{kind} {' '.join(w[0].upper() + w[1:] for w in written.split())}"


def _plain_regency(folded: str, gazetteer: Gazetteer) -> Place | None:
    """Last resort: a regency name of two or more words, unique in the country ("Jakarta Utara")."""
    words = folded.split()
    for i in range(len(words)):
        for size in (4, 3, 2):
            place = gazetteer.regency(" ".join(words[i : i + size]))
            if place and len(words[i : i + size]) == size:
                return place
    return None


def _first_area(
    body: str, prefixes: str, level: int, gazetteer: Gazetteer, within: str
) -> tuple[str | None, Place | None]:
    """The first "<prefix> <Name>" whose name is an area of the level; one inside ``within``
    (a code prefix: the regency found) wins over the first one anywhere ("Kampung Tangguh" is a
    programme in Jakarta, "Kel. Penggilingan" the place)."""
    anywhere: tuple[str | None, Place | None] = (None, None)
    for match in re.finditer(rf"\b(?i:{prefixes})\.?\s+((?:[A-Z][\w'-]*\s?){{1,3}})", body):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            found = gazetteer.find(level, fold(" ".join(words[:size])))
            if not found:
                continue
            name = " ".join(title_case(w) for w in words[:size])
            inside = [p for p in found if within and p.code.startswith(within)]
            if inside:
                return name, inside[0]
            if anywhere[0] is None:
                anywhere = (name, found[0])
            break
    return anywhere


def _district_and_village(
    body: str, gazetteer: Gazetteer, regency: Place | None
) -> tuple[str | None, str | None]:
    within = f"{regency.code}." if regency else ""
    district, place = _first_area(
        body, "|".join(word_list("places.json", "district_prefixes")), 3, gazetteer, within
    )
    if place is not None and within and place.code.startswith(within):
        within = f"{place.code}."
    village, _ = _first_area(
        body, "|".join(word_list("places.json", "village_prefixes")), 4, gazetteer, within
    )
    return district, village


def _venue(body: str) -> str | None:
    """The first "di/ke <venue head> <Name>" of the text, ending where the name ends: a venue
    is its head, up to two lower-case words ("warung kopi"), then capitalised words only, on
    the same line ("Mako Polres Bontang ini merupakan ..." gives "Mako Polres Bontang")."""
    listed = sorted(word_list("places.json", "venue_heads"), key=len, reverse=True)
    heads = "|".join(h.replace(" ", r"\s+") for h in listed)
    alone = set(word_list("places.json", "venue_second_words"))
    for match in re.finditer(rf"\b(?:di|ke|bertempat di)\s+(?P<head>{heads})\b", body, re.I):
        line = body[match.end() :].split("\n", 1)[0]
        lower: list[str] = []
        names: list[str] = []
        stops = set(word_list("places.json", "venue_stop_words"))
        for token in line.split()[:8]:
            bare = token.strip("\"'()")
            bare = bare.rstrip(",.;:!?")
            if not bare or (names and fold(bare) in stops):
                break
            if bare[0].isupper() or bare[0].isdigit():
                names.append(bare)
            elif names or len(lower) == 2:
                break
            else:
                lower.append(bare)
            if len(names) == 5 or bare != token.strip("\"'()"):
                break  # punctuation ends the name
        if names:
            return " ".join([match["head"], *lower, *names])
        if lower and fold(lower[0]) in alone:
            return f"{match['head']} {lower[0]}"
    return None


def location(body: str, title: str, folded: str, units: Units, gazetteer: Gazetteer) -> Location:
    loc = Location()
    provinces = _polda_provinces(units, gazetteer) + _provinces_named(folded, gazetteer)
    loc.province = _explicit_province(folded, gazetteer) or (provinces[0] if provinces else None)
    regency = _explicit_regency(folded, gazetteer)
    if regency is None:
        for segment in _dateline_segments(body, title):
            regency = _place_from_segment(segment, gazetteer)
            if regency:
                break
    if regency is None:
        for name in [*units.names, *units.passing]:
            if units.kinds[name] != "Polsek" and (
                regency := _regency_of_unit(name, units, gazetteer)
            ):
                break
    if regency is None:
        regency = _plain_regency(folded, gazetteer)
    loc.regency = _as_written(regency, body) if regency else None
    loc.district, loc.village = _district_and_village(body, gazetteer, regency)
    loc.venue = _venue(body)
    return loc
