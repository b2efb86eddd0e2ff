"""Police units named in a release: "Polsek A Polres B Polda C", and heads' titles (Kapolres X)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from sinergi.news.extract.lexicon import (
    fold,
    phrase_pattern,
    place_size,
    rank_index,
    shortened,
    title_case,
    unit_words,
    word_list,
    word_table,
)
from sinergi.news.extract.text import capitalised_run
from sinergi.news.gazetteer import Gazetteer


@functools.cache
def _unit_pattern() -> re.Pattern[str]:
    # a unit word, or a head's title built on it (Kapolres, Wakapolres, Mapolres)
    return re.compile(
        rf"\b(?P<head>Ka|Waka|Ma)?(?P<kind>{unit_words()})\b(?:\s*\))?\s+", re.IGNORECASE
    )


def _unit_name_words(raw: str) -> list[str]:
    # "Kota" ends a person's name but belongs to a unit's: Polres Serang Kota
    stops = (set(word_list("names.json", "stop")) | set(rank_index())) - {"kota"}
    drop = set(word_list("units.json", "name_drop"))
    kinds = set(word_table("units.json", "kinds")) | set(word_table("units.json", "heads"))
    words: list[str] = []
    for word in capitalised_run(raw, limit=5)[0]:
        # the name ends inside a word joined to the next unit or to a tag ("Tualang-Polres",
        # "SERKOT_Jajaran")
        part, joint = word, ""
        if "_" in word or "/" in word:
            # "Polda Papua/Polres Jayapura": a slash ends it as well
            joint = "_" if "_" in word else "/"
            part = word.split(joint, 1)[0]
        elif "-" in word and fold(word.split("-", 1)[1]) in kinds | {""}:
            # "Polres Tegal- Polda Jateng": a dash after the name ends it too
            part, joint = word.split("-", 1)[0], "-"
        key = fold(part)
        if key in stops or key in kinds:
            break
        if key in drop and not words:
            continue
        if not key:
            break
        words.append(title_case(part))
        if joint:
            break
    return words


def _plain(core: str) -> str:
    """A unit's place as compared: folded, a province's short form spelled out, no "Metro"."""
    aliases = word_table("places.json", "province_aliases")
    return fold(aliases.get(fold(core), core)).removeprefix("metro ")


def _same_place(a: str, b: str) -> bool:
    a, b = _plain(a), _plain(b)
    return a == b or shortened(a, b) or shortened(b, a)


@dataclass
class Units:
    names: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # "Polres Balangan" -> "Polres"
    cores: dict[str, str] = field(default_factory=dict)  # "Polres Balangan" -> "Balangan"
    aside: set[str] = field(default_factory=set)  # named only in passing so far
    passing: list[str] = field(default_factory=list)  # set aside: places, not participants

    def add(self, kind: str, words: list[str], *, aside: bool = False) -> None:
        """aside: named only in passing here; a unit never named otherwise is no participant."""
        if not words:
            return
        not_names = set(word_list("units.json", "not_a_name"))
        if all(fold(w) in not_names for w in words):
            return
        core = " ".join(words)
        if len(core) < 2:
            return  # "Polsek K", a name cut off by the page
        name = f"{kind} {core}"
        # one unit written two ways ("Polda Sulsel", "Polda Sulawesi Selatan"): the first stays,
        # but a Polres is named in full ("Polres Halteng", "Polres Halmahera Tengah")
        twin = next(
            (n for n in self.names if self.kinds[n] == kind and _same_place(self.cores[n], core)),
            None,
        )
        if twin and kind != "Polda" and shortened(_plain(self.cores[twin]), _plain(core)):
            self._replace(twin, kind, core)
            twin = name  # the twin now goes by the full name
        elif twin is None and name not in self.names:
            self.names.append(name)
            self.kinds[name] = kind
            self.cores[name] = core
            if aside:
                self.aside.add(name)
            return
        if not aside:  # named again, this time taking part
            self.aside.discard(twin or name)

    def spelled_as_in(self, title: str) -> None:
        """A Polda the headline writes another way ("Polda NTT", the body "Polda Nusa Tenggara
        Timur") is written as the headline writes it: the release's first spelling."""
        kinds = word_table("units.json", "kinds")
        written = [
            (kinds[m["kind"].lower()], _unit_name_words(title[m.end() : m.end() + 80]))
            for m in _unit_pattern().finditer(title)
        ]
        for name in list(self.names):
            core = self.cores[name]
            for kind, words in written:
                size = next((n for n in (1, 2, 3) if _same_place(" ".join(words[:n]), core)), 0)
                spelling = " ".join(words[:size])
                if kind == self.kinds[name] == "Polda" and size and spelling != core:
                    self._replace(name, kind, spelling)
                    break

    def _replace(self, old: str, kind: str, core: str) -> None:
        name = f"{kind} {core}"
        self.names[self.names.index(old)] = name
        del self.kinds[old], self.cores[old]
        self.kinds[name], self.cores[name] = kind, core
        if old in self.aside:
            self.aside.discard(old)
            self.aside.add(name)

    def set_aside(self, name: str) -> None:
        """Out of the participants, kept as a place: "meminta agar Polres Mimika ..." is no
        participant, but the release is still in Mimika."""
        self.names.remove(name)
        self.passing.append(name)


def _known_place(words: list[str], gazetteer: Gazetteer) -> bool:
    folded = [fold(w) for w in words if fold(w) not in {"kota", "metro"}]
    return any(
        gazetteer.find(level, " ".join(folded[:size]))
        for size in range(len(folded), 0, -1)
        for level in (1, 2, 3, 4)
    )


def police_units(body: str, gazetteer: Gazetteer) -> Units:
    """Units named in the body (headlines capitalise every word, so they are left out).

    A unit read from a head's title ("Kapolres X") needs X to be a place or a rank after it:
    "Kapolres Martuasah Tobing" names the man, not a Polres."""
    units = Units()
    rank_re = re.compile(r"^[\s,]*(?:" + "|".join(rank_index()) + r")\b", re.IGNORECASE)
    kinds = word_table("units.json", "kinds")
    former = word_list("units.json", "former_markers")
    for match in _unit_pattern().finditer(body):
        before = body[max(0, match.start() - 20) : match.start()].lower()
        if any(m in before for m in former):
            continue
        # "polsek Binong" in passing: the labels keep units written as names (capitalised)
        if not match.group(0)[0].isupper():
            continue
        rest = body[match.end() : match.end() + 80]
        words = _unit_name_words(rest)
        if match["head"] and words and not _known_place(words, gazetteer):
            after = rest[rest.find(words[-1]) + len(words[-1]) :]
            if not rank_re.match(after):
                continue
        if match["head"] and words and _a_ranked_name(words, body):
            continue  # "Kapolsek Kukuh Islami" after "Kompol Muhammad Kukuh Islami": the man
        words = _trim_to_place(words, gazetteer)
        # a head addressed or ordered ("memohon kepada Kapolres X") is there to hear it
        aside = not match["head"] and _aside(body, match.start())
        units.add(kinds[match["kind"].lower()], words, aside=aside)
    for name in units.aside:
        units.set_aside(name)
    _merge_extended(units, gazetteer)
    return units


def _aside(body: str, at: int) -> bool:
    """Whether a unit named at `at` is named in passing: in a jurisdiction ("di wilayah hukum
    Polres X"), or after a word of advice, a wish or a promise in its sentence ("hubungi
    Polsek X", "akan berkoordinasi dengan Polres X")."""
    sentence = re.split(r"[.!?\n]\s", body[max(0, at - 200) : at])[-1]
    folded = fold(sentence)
    if f" {folded}".endswith(tuple(f" {w}" for w in word_list("units.json", "aside_before"))):
        return True
    markers = phrase_pattern(word_list("units.json", "aside_markers"))
    return markers is not None and markers.search(folded) is not None


def _a_ranked_name(words: list[str], body: str) -> bool:
    """Whether the words are (part of) a name the release writes after a rank ("Kompol
    Muhammad Kukuh Islami"): a rank a few capitalised words before them."""
    ranks = rank_index()
    for match in re.finditer(rf"\b{re.escape(' '.join(words))}\b", body):
        for token in reversed(body[max(0, match.start() - 60) : match.start()].split()[-4:]):
            if fold(token.rstrip(".")) in ranks:
                return True
            if not token[0].isupper() or token.endswith((",", ";", ":")):
                break
    return False


def _merge_extended(units: Units, gazetteer: Gazetteer) -> None:
    """One unit read twice, once with words after its name ("Polres Gresik", "Polres Gresik
    Jawa Timur"; "Polres Aceh", "Polres Aceh Barat Daya"): the longer stays when all of it
    names a place, the shorter otherwise."""
    for short in list(units.names):
        for long in list(units.names):
            if short not in units.names or long not in units.names or short == long:
                continue
            if units.kinds[short] != units.kinds[long] or not long.startswith(f"{short} "):
                continue
            words = units.cores[long].split()
            whole_place = place_size(words, gazetteer) == len(words)
            drop = short if whole_place else long
            units.names.remove(drop)
            del units.kinds[drop], units.cores[drop]


def _trim_to_place(words: list[str], gazetteer: Gazetteer) -> list[str]:
    """ "Polda Jatim Menciptakan" -> "Polda Jatim": a name that starts with a place ends there
    (a trailing "Kota" stays: Polres Serang Kota)."""
    aliases = word_table("places.json", "province_aliases")
    lead = 1 if words and fold(words[0]) == "metro" else 0
    rest = words[lead:]
    size = place_size(rest, gazetteer)
    if not size:
        size = next(
            (n for n in (2, 1) if n <= len(rest) and fold(" ".join(rest[:n])) in aliases), 0
        )
    if not size or size == len(rest):
        return words
    # only a verb starting a sentence ends the name early ("Menciptakan ...")
    if not fold(rest[size]).startswith(("me", "ber", "ter")) or fold(rest[size]) == "metro":
        return words
    keep = lead + size
    if fold(words[keep]) == "kota":
        keep += 1
    return words[:keep]


def headline_units(title: str, gazetteer: Gazetteer) -> Units:
    """Units of a headline, for a body that names none ("Polsek Siluq Ngurai menggelar ..."):
    headlines capitalise every word, so a name is kept only as far as it is a place."""
    read = police_units(title, gazetteer)
    units = Units()
    for name in read.names:
        words = read.cores[name].split()
        size = place_size(words, gazetteer)
        if size:
            units.add(read.kinds[name], words[:size])
    return units
