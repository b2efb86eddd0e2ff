"""Reads one Indonesian police press release into the activity record of the labels.

Pure: no database, no network. The rules follow ../shared/examples/LABELLING.md; every word list
lives in sinergi/news/data/. No stemmer: the lists carry the affixed forms they need ("sambang*",
"mensosialisasikan"), and PySastrawi took about 10 ms per article here, twice this whole reader.

extract() returns exactly the labels' schema:

    activity_types, programs, activity_date, police_units, officials [{name, rank, position}],
    partners [{name, kind}], location {province, regency, district, village, venue}, topics,
    aspirations, commitments
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Any, cast

from sinergi.areas.text import fold
from sinergi.news import dates
from sinergi.news.gazetteer import Gazetteer, Place, data

# --------------------------------------------------------------------------------------------
# Word lists, compiled once

# the same words are folded again and again (names, titles, list entries)
_fold = functools.lru_cache(maxsize=65_536)(fold)


def _list(file: str, key: str) -> list[str]:
    return cast(list[str], data(file)[key])


def _dict(file: str, key: str) -> dict[str, Any]:
    return cast(dict[str, Any], data(file)[key])


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One regex over folded text; "word*" matches the word with any ending."""
    return _compiled_phrases(tuple(phrases))


def _free_pattern(key: str) -> re.Pattern[str]:
    """A phrase list of free_text.json that must not be empty."""
    pattern = _phrase_pattern(cast(list[str], data("free_text.json")[key]))
    if pattern is None:
        raise ValueError(f"free_text.json: {key} is empty")
    return pattern


@functools.lru_cache(maxsize=256)
def _compiled_phrases(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase.endswith("*"):
            parts.append(re.escape(phrase[:-1]) + r"\w*")
        else:
            parts.append(re.escape(phrase))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


@functools.cache
def _phrase_starts() -> dict[str, int]:
    """Longest phrase (in words) of every keyword list, by its first word."""
    starts: dict[str, int] = {}
    for family in ("activity_types", "programs", "topics", "partner_kinds"):
        for rule in _dict("keywords.json", family).values():
            for phrase in rule["any"]:
                words = phrase.rstrip("*").split()
                starts[words[0]] = max(starts.get(words[0], 0), len(words))
    return starts


@functools.lru_cache(maxsize=8)
def _ngrams(folded: str) -> frozenset[str]:
    """The runs of words of the folded text that could be a listed phrase."""
    words = folded.split()
    starts = _phrase_starts()
    grams: list[str] = []
    for i, word in enumerate(words):
        longest = starts.get(word)
        if longest:
            grams.extend(" ".join(words[i : i + n]) for n in range(1, longest + 1))
    return frozenset(grams)


@dataclass(frozen=True)
class Classes:
    """A family of classes (activity types, topics, ...): pattern to find, pattern to blank out."""

    rules: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]

    @classmethod
    def load(cls, key: str) -> Classes:
        spec = _dict("keywords.json", key)
        return cls(
            {
                name: (_phrase_pattern(rule["any"]), _phrase_pattern(rule.get("not", [])))
                for name, rule in spec.items()
            },
            {name: list(rule["any"]) for name, rule in spec.items()},
        )

    def match(self, folded: str) -> list[str]:
        out = []
        grams = _ngrams(folded)
        for name, (find, drop) in self.rules.items():
            if name in self.plain and not (self.plain[name] & grams):
                continue  # the fast path: none of its plain phrases is in the text
            text = drop.sub(" ", folded) if drop else folded
            if find and find.search(text):
                out.append(name)
        return out

    @functools.cached_property
    def plain(self) -> dict[str, frozenset[str]]:
        """Classes whose phrases are all plain words (no *): their phrases as a set."""
        out = {}
        for name, (find, _) in self.rules.items():
            phrases = self.phrases.get(name, [])
            if find is not None and phrases and not any(p.endswith("*") for p in phrases):
                out[name] = frozenset(phrases)
        return out

    phrases: dict[str, list[str]] = field(default_factory=dict)


@functools.cache
def _classes(key: str) -> Classes:
    return Classes.load(key)


@functools.cache
def _rank_index() -> dict[str, str]:
    ranks = _dict("ranks.json", "ranks")
    return {variant: canonical for canonical, variants in ranks.items() for variant in variants}


@functools.cache
def _rank_tail() -> re.Pattern[str]:
    corps = _list("ranks.json", "corps") + _list("ranks.json", "police_suffix")
    # after the rank: optional "Pol." or a TNI corps ("Letkol Inf"); the name is read after it
    return re.compile(
        r"\.?(?P<corps>(?:\s+(?:" + "|".join(corps) + r")\b\.?)?)\s+(?=[A-Z])", re.IGNORECASE
    )


_LETTERS = re.compile(r"[A-Za-z]+")


@functools.lru_cache(maxsize=4)
def _word_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in _LETTERS.finditer(text)]


@functools.lru_cache(maxsize=64)
def _by_first_word(phrases: frozenset[str]) -> dict[str, list[int]]:
    """Phrase lengths (in words, longest first) by their first word."""
    index: dict[str, set[int]] = {}
    for phrase in phrases:
        words = phrase.split()
        index.setdefault(words[0], set()).add(len(words))
    return {word: sorted(sizes, reverse=True) for word, sizes in index.items()}


def find_phrases(text: str, phrases: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each listed phrase in text, longest first, words apart by spaces.

    A dictionary look-up per word: much faster than one regex alternation tried everywhere."""
    words = _word_spans(text)
    index = _by_first_word(phrases)
    found: list[tuple[int, int, str]] = []
    taken = -1  # the last word index a found phrase covers
    for i in [i for i, w in enumerate(words) if w[2] in index]:
        if i <= taken:
            continue
        for n in index[words[i][2]]:
            chunk = words[i : i + n]
            if len(chunk) < n:
                continue
            key = " ".join(w[2] for w in chunk)
            if key in phrases and all(
                text[a[1] : b[0]].isspace() for a, b in itertools.pairwise(chunk)
            ):
                found.append((chunk[0][0], chunk[-1][1], key))
                taken = i + n - 1
                break
    return found


# --------------------------------------------------------------------------------------------
# Text preparation

_QUOTES = {"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


@functools.cache
def _unit_words() -> str:
    """ "Polrestabes|Polresta|Polres|...": the unit kinds of units.json, longest first."""
    kinds = sorted(_dict("units.json", "kinds").values(), key=len, reverse=True)
    return "|".join(kinds)


@functools.cache
def _glue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # "PolresTubanPoldaJatim" as some sites print a tag line
    return (
        re.compile(rf"(?<=[a-z])(?=(?:{_unit_words()})[A-Z])"),
        re.compile(rf"\b({_unit_words()})(?=[A-Z][a-z])"),
    )


def clean(text: str) -> str:
    """Normalised quotes and dashes, "Jum'at" as "Jumat", no "Baca juga" or byline lines."""
    for fancy, plain in _QUOTES.items():
        text = text.replace(fancy, plain)  # str.replace is far faster than translate() here
    if "'" in text:
        text = re.sub(r"\b([Jj])um'at\b", r"\1umat", text)
        text = re.sub(r"\bJUM'AT\b", "JUMAT", text)
        text = re.sub(r"\b([Dd])o'a\b", r"\1oa", text)
    glued_unit, unit_glued_name = _glue_patterns()
    text = glued_unit.sub(" ", text)
    text = unit_glued_name.sub(r"\1 ", text)
    kept = [line for line in text.splitlines() if not _is_noise(line)]
    return "\n".join(kept)


def _is_byline(line: str) -> bool:
    words = _fold(line).split()
    return bool(words) and words[0] in _list("units.json", "byline_starts") and len(words) <= 8


def _is_noise(line: str) -> bool:
    words = _fold(line[:40]).split()[:3]
    noise = _noise_starts()
    starts = (" ".join(words[:n]) for n in range(1, len(words) + 1))
    return any(start in noise for start in starts) or _is_byline(line)


@functools.cache
def _noise_starts() -> frozenset[str]:
    return frozenset(_list("page.json", "noise_line_starts"))


def sentences(text: str) -> list[str]:
    """Sentences and lines; a full stop after an abbreviation ("H. Suta") ends nothing."""
    abbreviations = set(_list("free_text.json", "abbreviations"))
    out: list[str] = []
    for line in text.splitlines():
        for raw in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", line):
            part = raw.strip()
            if not part:
                continue
            last = out[-1].split()[-1:] if out else []
            if last and last[0].endswith(".") and _fold(last[0]) in abbreviations:
                out[-1] = f"{out[-1]} {part}"
            else:
                out.append(part)
        out.append("")  # a line break always ends a sentence
    return [s for s in out if s]


# --------------------------------------------------------------------------------------------
# Names: capitalised words read one by one, so punctuation ends a name where it should

_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{0,2}|[A-Z])\.$")  # "Moh.", "M.", "H."


def capitalised_run(text: str, *, limit: int = 6, digits: bool = False) -> tuple[list[str], str]:
    """The capitalised words at the start of text, and what ended the run.

    Returns (words, end) where end is "," for a comma, "." for a sentence end, " " otherwise."""
    words: list[str] = []
    for token in text.split()[: limit + 1]:
        first = token[0]
        if not (first.isupper() or (digits and first.isdigit())):
            return words, " "
        bare = token.rstrip(",;:.)(\"'!?")
        if not bare or len(words) == limit:
            return words, " "
        if token.endswith(".") and _ABBREVIATION.match(token):
            words.append(token)
            continue
        words.append(bare)
        tail = token[len(bare) :]
        if tail:
            return words, "," if "," in tail else "." if "." in tail else " "
    return words, " "


# --------------------------------------------------------------------------------------------
# Police units


@functools.cache
def _unit_pattern() -> re.Pattern[str]:
    # a unit word, or a head's title built on it (Kapolres, Wakapolres, Mapolres)
    return re.compile(
        rf"\b(?P<head>Ka|Waka|Ma)?(?P<kind>{_unit_words()})\b(?:\s*\))?\s+", re.IGNORECASE
    )


def _title_case(word: str) -> str:
    return word.capitalize() if word.isupper() and len(word) > 3 else word


def _unit_name_words(raw: str) -> list[str]:
    # "Kota" ends a person's name but belongs to a unit's: Polres Serang Kota
    stops = (set(_list("names.json", "stop")) | set(_rank_index())) - {"kota"}
    drop = set(_list("units.json", "name_drop"))
    kinds = set(_dict("units.json", "kinds")) | set(_dict("units.json", "heads"))
    words: list[str] = []
    for word in capitalised_run(raw, limit=5)[0]:
        key = _fold(word)
        if key in stops or key in kinds:
            break
        if key in drop and not words:
            continue
        words.append(_title_case(word))
    return words


@dataclass
class Units:
    names: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # "Polres Balangan" -> "Polres"
    cores: dict[str, str] = field(default_factory=dict)  # "Polres Balangan" -> "Balangan"

    def add(self, kind: str, words: list[str]) -> None:
        if not words:
            return
        not_names = set(_list("units.json", "not_a_name"))
        if all(_fold(w) in not_names for w in words):
            return
        name = f"{kind} {' '.join(words)}"
        if name not in self.names:
            self.names.append(name)
            self.kinds[name] = kind
            self.cores[name] = " ".join(words)


def _known_place(words: list[str], gazetteer: Gazetteer) -> bool:
    folded = [_fold(w) for w in words if _fold(w) not in {"kota", "metro"}]
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
    rank_re = re.compile(r"^[\s,]*(?:" + "|".join(_rank_index()) + r")\b", re.IGNORECASE)
    kinds = _dict("units.json", "kinds")
    former = _list("units.json", "former_markers")
    for match in _unit_pattern().finditer(body):
        before = body[max(0, match.start() - 12) : match.start()].lower()
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
        units.add(kinds[match["kind"].lower()], _trim_to_place(words, gazetteer))
    return units


def _trim_to_place(words: list[str], gazetteer: Gazetteer) -> list[str]:
    """ "Polda Jatim Menciptakan" -> "Polda Jatim": a name that starts with a place ends there
    (a trailing "Kota" stays: Polres Serang Kota)."""
    aliases = _dict("places.json", "province_aliases")
    lead = 1 if words and _fold(words[0]) == "metro" else 0
    rest = words[lead:]
    size = _split_place(rest, gazetteer)
    if not size:
        size = next(
            (n for n in (2, 1) if n <= len(rest) and _fold(" ".join(rest[:n])) in aliases), 0
        )
    if not size or size == len(rest):
        return words
    # only a verb starting a sentence ends the name early ("Menciptakan ...")
    if not _fold(rest[size]).startswith(("me", "ber", "ter")) or _fold(rest[size]) == "metro":
        return words
    keep = lead + size
    if _fold(words[keep]) == "kota":
        keep += 1
    return words[:keep]


# --------------------------------------------------------------------------------------------
# Officials


@dataclass
class Official:
    name: str
    rank: str | None
    position: str | None
    kind: str | None = None  # partner kind for government and TNI officials

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "rank": self.rank, "position": self.position}


def _clean_name(tokens: list[str]) -> str | None:
    honorifics = set(_list("names.json", "honorifics"))
    degrees = set(_list("names.json", "degrees"))
    stops = set(_list("names.json", "stop")) | set(_rank_index())
    kept: list[str] = []
    for token in tokens:
        key = _fold(token)
        if key in stops or key in degrees or (key.replace(" ", "") in degrees and "." in token):
            break
        if not kept and key in honorifics:
            continue
        kept.append(_title_case(token.rstrip(",")))
    while kept and _fold(kept[-1]) in honorifics:
        kept.pop()
    if not kept or (len(kept) == 1 and len(kept[0].rstrip(".")) <= 2):
        return None
    return " ".join(kept)


def _position_before(text: str, start: int) -> str | None:
    """The police or government position written just before a rank: "Kapolres Balangan"."""
    window = text[max(0, start - 70) : start].rstrip(" ,")
    # only the current sentence: "... Bupati Gowa X. Kapolres Gowa AKBP Y" ends at the full stop
    window = re.split(r"[.!?;]\s|\n", window)[-1]
    positions = _list("officials.json", "police_positions") + list(
        _dict("officials.json", "titles")
    )
    best: str | None = None
    for match in re.finditer(r"\b[A-Z][\w/-]*(?:\s+[A-Z0-9][\w/.-]*){0,10}$", window):
        phrase = match.group(0)
        words = phrase.split()
        for i, word in enumerate(words):
            key = _fold(word)
            if key in positions or any(_fold(" ".join(words[i : i + 2])) == p for p in positions):
                best = " ".join(words[i:])
                break
    # "Kapolsek Polsek Belitang Hilir" says the unit twice
    return re.sub(r"\b(Ka(?:pol\w+))\s+Pol\w+\s", r"\1 ", best) if best else None


def officials(body: str, gazetteer: Gazetteer) -> list[Official]:
    ranks = _rank_index()
    tni = set(_list("ranks.json", "tni"))
    found: list[Official] = []
    street = set(_list("ranks.json", "not_after"))
    for start, end, _key in find_phrases(body, frozenset(ranks)):
        match = _rank_tail().match(body, end)
        if not match:
            continue
        rank_word = body[start:end]
        before = _fold(body[max(0, start - 15) : start]).split()[-2:]
        if before and (before[-1] in street or " ".join(before) in street):
            continue  # "Jl. Jenderal Sudirman" is a street
        # "mayor"/"kapten" in running lower-case text are not ranks
        if rank_word.islower() and _fold(rank_word) not in _list("ranks.json", "lowercase_ok"):
            continue
        words, _ = capitalised_run(body[match.end() : match.end() + 80])
        name = _clean_name(words)
        if not name:
            continue
        rank = ranks[_fold(rank_word)]
        corps = _fold(match["corps"])
        if corps and corps not in _list("ranks.json", "police_suffix"):
            rank = f"{rank} {corps.capitalize()}"
        position = _position_before(body, start)
        kind = "tni" if ranks[_fold(rank_word)] in tni else None
        found.append(Official(name, rank, position, kind))
    found += _government_officials(body, gazetteer)
    return _dedupe(found)


def _split_place(words: list[str], gazetteer: Gazetteer) -> int:
    """How many leading words name a place (0 when none)."""
    for size in range(min(len(words), 4), 0, -1):
        key = _fold(" ".join(words[:size]))
        if any(gazetteer.find(level, key) for level in (1, 2, 3, 4)):
            return size
    return 0


def _government_officials(body: str, gazetteer: Gazetteer) -> list[Official]:
    titles = _dict("officials.json", "titles")
    stops = set(_list("names.json", "stop"))
    out: list[Official] = []
    for start, end, key in find_phrases(body, frozenset(titles)):
        title = body[start:end]
        # titles are capitalised where they introduce a person ("Sekretaris Desa Kumpang Bis, ...")
        if not title[0].isupper():
            continue
        rest = body[end : end + 90]
        if not rest.startswith((" ", ", ")):
            continue
        words, stop = capitalised_run(rest.lstrip(" ,"))
        cut = next((i for i, w in enumerate(words) if _fold(w) in stops), len(words))
        words = words[:cut]
        place_size = _split_place(words, gazetteer)
        place, name_words = words[:place_size], words[place_size:]
        if not name_words and stop == "," and cut == len(words):
            # "Sekretaris Desa Kumpang Bis, Suwandi": the name follows the comma
            after = rest.lstrip(" ,")
            after = after[after.find(",") + 1 :]
            name_words, _ = capitalised_run(after.lstrip())
        elif name_words and place_size == 0 and stop != ",":
            continue  # "Kepala Badan Kesatuan Bangsa ...": a title's own words, no person
        name = _clean_name(name_words)
        if not name or _split_place(name.split(), gazetteer) == len(name.split()):
            continue
        position = " ".join([title, *place])
        out.append(Official(name, None, position, titles[key]))
    out += _officials_before_title(body)
    return out


def _officials_before_title(body: str) -> list[Official]:
    """ "Drs. Bambang Triono, M.M Selaku Kepala Badan ...": the name comes first."""
    gov_words = _list("officials.json", "government_words")
    degrees = set(_list("names.json", "degrees"))
    honorifics = set(_list("names.json", "honorifics"))
    after_words = "|".join(_list("officials.json", "after_name"))
    out: list[Official] = []
    for match in re.finditer(rf"\b(?:{after_words})\s+", body, re.IGNORECASE):
        position = re.split(
            r"[,.;]|\s(?:tidak|menyampaikan|mengatakan|yang)\s", body[match.end() :]
        )[0]
        position = " ".join(position.split()[:10])
        if not any(re.search(rf"\b{w}\b", _fold(position)) for w in gov_words):
            continue
        before = body[max(0, match.start() - 60) : match.start()].split()
        name: list[str] = []
        for token in reversed(before):
            bare = token.strip(",")
            key = _fold(bare)
            if key in degrees or key.replace(" ", "") in degrees:
                if name:
                    break
                continue
            if not bare[:1].isupper() or key in honorifics:
                break
            name.insert(0, bare)
        cleaned = _clean_name(name)
        if cleaned:
            out.append(Official(cleaned, None, position, "pemerintah_daerah"))
    return out


def _dedupe(found: list[Official]) -> list[Official]:
    """One entry per person: "Kompol Agung" is dropped beside "Kompol Agung Raharjo"."""
    out: list[Official] = []
    for official in sorted(found, key=lambda o: -len(o.name.split())):
        words = set(_fold(official.name).split())
        twin = next((o for o in out if words <= set(_fold(o.name).split())), None)
        if twin is None:
            out.append(official)
        elif twin.position is None and official.position:
            twin.position = official.position
    order = {id(o): i for i, o in enumerate(found)}
    return sorted(out, key=lambda o: order[id(o)])


# --------------------------------------------------------------------------------------------
# Partners


def _attendance(sents: list[str]) -> str:
    """The folded body without advice: each sentence cut at its first advice word."""
    markers = _phrase_pattern(_list("keywords.json", "advice_markers"))
    kept = []
    for sentence in sents:
        folded = _fold(sentence)
        found = markers.search(folded) if markers else None
        kept.append(folded[: found.start()] if found else folded)
    return " . ".join(kept)


def partners(sents: list[str], body: str, people: list[Official]) -> list[dict[str, str | None]]:
    folded = _attendance(sents)
    kinds = _classes("partner_kinds").match(folded)
    listing = _dict("keywords.json", "tokoh_listing")
    for match in re.finditer(r"\btokoh\s+((?:\w+\s*(?:dan|serta|atau)?\s*){1,6})", folded):
        for word in match.group(1).split():
            if word in listing:
                kinds.append(listing[word])
            elif word not in {"dan", "serta", "atau", "para", "tokoh"}:
                break
    out: list[dict[str, str | None]] = []
    named_kinds: set[str] = set()
    for person in people:
        if person.kind:
            out.append({"name": person.name, "kind": person.kind})
            named_kinds.add(person.kind)
    religious = frozenset(_list("officials.json", "religious_prefixes"))
    for start, end, _key in find_phrases(body, religious):
        if not body[start].isupper() or not re.match(r"\.?\s+[A-Z]", body[end : end + 3]):
            continue
        words, _ = capitalised_run(body[end:].lstrip(". "), limit=4)
        name = _clean_name(words)
        if name:
            out.append({"name": name, "kind": "tokoh_agama"})
            named_kinds.add("tokoh_agama")
    for kind in dict.fromkeys(kinds):
        if kind not in named_kinds:
            out.append({"name": None, "kind": kind})
    return out


# --------------------------------------------------------------------------------------------
# Location


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
        names = set(gazetteer.by_core.get(1, {})) | set(_dict("places.json", "province_aliases"))
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"\b(?:{alternatives})\b")
        gazetteer.memo["provinces"] = pattern
    return pattern


def _provinces_named(folded: str, gazetteer: Gazetteer) -> list[str]:
    """Provinces the text names, by full name or short form, in order of appearance."""
    aliases = _dict("places.json", "province_aliases")
    regency_prefix = {"kabupaten", "kab", "kota", "polres", "polresta", "polrestabes", "kapolres"}
    regency_prefix |= {"polsek", "kapolsek", "kecamatan", "desa", "kelurahan"}
    found: list[str] = []
    for match in _province_pattern(gazetteer).finditer(folded):
        phrase = match.group(0)
        before = folded[: match.start()].split()[-1:]
        if before and before[0] in regency_prefix:
            continue
        # "Bandar Lampung" names a city, not the province Lampung
        if before and gazetteer.find(2, f"{before[0]} {phrase}"):
            continue
        # "Lampung Selatan" names a regency, not the province Lampung
        following = folded[match.end() :].split()[:1]
        if following and gazetteer.find(2, f"{phrase} {following[0]}"):
            continue
        provinces = gazetteer.find(1, phrase)
        found.append(provinces[0].name if provinces else aliases[phrase])
    return found


def _polda_provinces(units: Units, gazetteer: Gazetteer) -> list[str]:
    aliases = _dict("places.json", "province_aliases")
    without = set(_list("places.json", "polda_without_province"))
    out = []
    for name, kind in units.kinds.items():
        if kind != "Polda":
            continue
        core = _fold(units.cores[name])
        if core in without:
            continue
        provinces = gazetteer.find(1, core)
        if provinces:
            out.append(provinces[0].name)
        elif core in aliases:
            out.append(aliases[core])
    return out


def _explicit_regency(folded: str, gazetteer: Gazetteer) -> Place | None:
    prefixes = _dict("places.json", "regency_prefixes")
    prefix_re = "|".join(sorted(prefixes, key=len, reverse=True))
    for match in re.finditer(rf"\b({prefix_re}) ((?:\w+ ?){{1,4}})", folded):
        kind = prefixes[match.group(1)]
        words = match.group(2).split()
        for size in range(min(len(words), gazetteer.longest), 0, -1):
            place = gazetteer.regency(" ".join(words[:size]), kind)
            if place:
                return place
    return None


def _dateline_segments(body: str, title: str) -> list[str]:
    """Short pieces of the dateline: "Perwirasatu.co.id- Bandar Lampung- Menjelang ..." gives
    "Bandar Lampung" (outlet names, with their dots, are left out)."""
    folded_title = _fold(title)
    for line in body.splitlines()[:8]:
        if not line.strip() or _fold(line) == folded_title:
            continue
        head = line[:70]
        if not re.search(r"[-|:■]", head):
            continue
        segments = re.split(r"\s*[-|:■!,()]+\s*|\.\s+", head)
        out = [s.strip(" .") for s in segments if s.strip(" .")]
        return [s for s in out if len(s.split()) <= 4 and not re.search(r"\.\w", s)]
    return []


def _place_from_segment(segment: str, gazetteer: Gazetteer) -> Place | None:
    folded = _fold(segment)
    words = folded.split()
    prefixes = _dict("places.json", "regency_prefixes")
    kind = None
    if words and words[0] in prefixes:
        kind, words = prefixes[words[0]], words[1:]
    for start in range(len(words)):
        for size in range(len(words) - start, 0, -1):
            place = gazetteer.regency(" ".join(words[start : start + size]), kind)
            if place:
                return place
    return None


def _regency_of_unit(name: str, units: Units, gazetteer: Gazetteer) -> Place | None:
    kind = units.kinds[name]
    words = _fold(units.cores[name]).split()
    if words and words[0] == "metro":
        words = words[1:]
    core = " ".join(words[:-1] if words and words[-1] == "kota" else words)
    if words and words[-1] == "kota":
        return gazetteer.regency(core, "Kota")
    found = gazetteer.regency(core)
    if found is None and gazetteer.find(2, core):
        # the core is both a Kabupaten and a Kota: the unit's own kind decides
        wanted = _dict("places.json", "unit_regency_kind").get(kind)
        found = gazetteer.regency(core, wanted) if wanted else None
    return found


def _plain_regency(folded: str, gazetteer: Gazetteer) -> Place | None:
    """Last resort: a regency name of two or more words, unique in the country ("Jakarta Utara")."""
    words = folded.split()
    for i in range(len(words)):
        for size in (4, 3, 2):
            place = gazetteer.regency(" ".join(words[i : i + size]))
            if place and len(words[i : i + size]) == size:
                return place
    return None


def _district_and_village(body: str, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    district = village = None
    district_re = "|".join(_list("places.json", "district_prefixes"))
    village_re = "|".join(_list("places.json", "village_prefixes"))
    for match in re.finditer(
        rf"\b(?:{district_re})\.?\s+((?:[A-Z][\w'-]*\s?){{1,3}})", body, re.IGNORECASE
    ):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            if gazetteer.find(3, _fold(" ".join(words[:size]))):
                district = " ".join(_title_case(w) for w in words[:size])
                break
        if district:
            break
    for match in re.finditer(
        rf"\b(?:{village_re})\.?\s+((?:[A-Z][\w'-]*\s?){{1,3}})", body, re.IGNORECASE
    ):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            if gazetteer.find(4, _fold(" ".join(words[:size]))):
                village = " ".join(_title_case(w) for w in words[:size])
                break
        if village:
            break
    return district, village


def _venue(body: str) -> str | None:
    heads = "|".join(
        h.replace(" ", r"\s+") for h in sorted(_list("places.json", "venue_heads"), key=len)[::-1]
    )
    match = re.search(
        rf"\b(?:di|ke|bertempat di)\s+(?P<venue>(?:{heads})\b(?:\s+[A-Z0-9][\w'-]*){{0,5}})",
        body,
        re.IGNORECASE,
    )
    return match["venue"].strip() if match else None


def location(body: str, title: str, folded: str, units: Units, gazetteer: Gazetteer) -> Location:
    loc = Location()
    provinces = _polda_provinces(units, gazetteer) + _provinces_named(folded, gazetteer)
    loc.province = provinces[0] if provinces else None
    regency = _explicit_regency(folded, gazetteer)
    if regency is None:
        for segment in _dateline_segments(body, title):
            regency = _place_from_segment(segment, gazetteer)
            if regency:
                break
    if regency is None:
        for name in units.names:
            if units.kinds[name] != "Polsek" and (
                regency := _regency_of_unit(name, units, gazetteer)
            ):
                break
    if regency is None:
        regency = _plain_regency(folded, gazetteer)
    loc.regency = regency.name if regency else None
    loc.district, loc.village = _district_and_village(body, gazetteer)
    loc.venue = _venue(body)
    return loc


# --------------------------------------------------------------------------------------------
# Activity types, programmes, topics


def programs(folded: str) -> list[str]:
    markers = _list("keywords.json", "comparison_markers")
    # a programme named only to compare with is not this activity's frame
    for marker in markers:
        if marker not in folded:
            continue
        folded = re.sub(rf"\b{re.escape(marker)}(?: \w+){{1,3}}", " ", folded)
    return _classes("programs").match(folded)


def activity_types(folded: str, found_programs: list[str]) -> list[str]:
    types = _classes("activity_types").match(folded)
    # LABELLING.md: a Jumat Curhat is a dialog only when the text says "dialog kamtibmas"
    if (
        "jumat_curhat" in types
        and "dialog_kamtibmas" in types
        and not re.search(r"\bdialog (?:kamtibmas|keamanan)\b", folded)
    ):
        types.remove("dialog_kamtibmas")
    for program in ("jumat_curhat", "jumat_keliling", "minggu_kasih"):
        if program not in found_programs and program in types:
            types.remove(program)
    return types


def topics(folded: str) -> list[str]:
    found = _classes("topics").match(folded)
    spec = _dict("keywords.json", "kamtibmas_umum")
    pattern = _phrase_pattern(spec["any"])
    if pattern and len(pattern.findall(folded)) >= int(spec["min_count"]):
        found.append("kamtibmas_umum")
    return found


# --------------------------------------------------------------------------------------------
# Aspirations and commitments


def _clause(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    """The clause after a trigger, up to its end or the first purpose/speech word.

    keep: end words that do not end this clause (a promise keeps its purpose)."""
    free = data("free_text.json")
    words: list[str] = []
    ends = set(cast(list[str], free["clause_end"])) - keep
    tokens = re.split(r"\s+", text.strip())
    for i, word in enumerate(tokens):
        if re.match(r"^[\"'“”]", word) and words:
            break
        bare = word.strip("\"'“”(),.;:!?")
        if not bare:
            break
        pair = _fold(" ".join(tokens[i : i + 2]))
        if words and (_fold(bare) in ends or pair in ends):
            break
        words.append(bare)
        if re.search(r"[,.;:!?\"”)]$", word):
            break
        if len(words) >= cast(int, free["max_words"]):
            break
    lead = set(cast(list[str], free["clause_lead_drop"]))
    while len(words) > 2 and _fold(words[0]) in lead:
        words = words[1:]
    return " ".join(words)


def aspirations(sents: list[str]) -> list[str]:
    triggers = _free_pattern("aspiration_triggers")
    topics = _free_pattern("aspiration_topics")
    speakers = _free_pattern("aspiration_speakers")
    police = _free_pattern("police_speakers")
    advice = _free_pattern("aspiration_not_after")
    out: list[str] = []
    for sentence in sents:
        folded = _fold(sentence)
        for match in triggers.finditer(folded):
            before = folded[: match.start()]
            # "Kapolres meminta warga ...": the police asking is not an aspiration
            if police.search(before) or not speakers.search(before):
                continue
            if advice.match(folded[match.end() :].lstrip()):
                continue
            clause = _clause(_after_folded_match(sentence, match.end()))
            if len(clause.split()) >= 2:
                out.append(clause)
        first = topics.search(folded)
        if first:
            out += _listed(_after_folded_match(sentence, first.end()))
    return list(dict.fromkeys(out))


def _listed(text: str) -> list[str]:
    """ "balap liar, usulan silaturahmi antar perguruan, menghidupkan pos kamling, hingga ...":
    one item per comma, without the joining words and the list's own trigger nouns."""
    joiners = _list("free_text.json", "list_joiners")
    topics = _free_pattern("aspiration_topics")
    items: list[str] = []
    for piece in re.split(r",\s*|;\s*", text.rstrip(".")):
        words = piece.split()
        while words and (_fold(words[0]) in joiners or topics.fullmatch(_fold(words[0]))):
            words = words[1:]
        clause = _clause(" ".join(words))
        if len(clause.split()) >= 2:
            items.append(clause)
    return items


def _after_folded_match(sentence: str, folded_end: int) -> str:
    """The original sentence after the n-th folded word (fold keeps word order and count)."""
    count = len(_fold(sentence)[:folded_end].split())
    tokens = sentence.split()
    # fold can split one token in two ("ke-12"): walk the tokens until the fold count is reached
    seen = 0
    for i, token in enumerate(tokens):
        seen += len(_fold(token).split())
        if seen >= count:
            return " ".join(tokens[i + 1 :])
    return ""


def commitments(sents: list[str]) -> list[str]:
    free = data("free_text.json")
    triggers = _free_pattern("commitment_triggers")
    speakers = _free_pattern("commitment_speakers")
    not_before = set(cast(list[str], free["commitment_not_before"]))
    not_after = _free_pattern("commitment_not_after")
    lead = set(cast(list[str], free["clause_lead_drop"]))
    purpose = frozenset(cast(list[str], free["commitment_keeps"]))
    out: list[str] = []
    for sentence in sents:
        folded = _fold(sentence)
        for match in triggers.finditer(folded):
            before = folded[: match.start()].split()
            if before and before[-1] in not_before:
                continue
            after = folded[match.end() :].lstrip()
            verb = " ".join(itertools.dropwhile(lead.__contains__, after.split()[:8]))
            if not_after.match(after) or not_after.match(verb):
                continue
            # the promiser is named before the trigger, or right after it ("akan kita tindak")
            if not speakers.search(folded[: match.start()]) and not speakers.match(after):
                continue
            clause = _clause(_after_folded_match(sentence, match.end()), keep=purpose)
            first = _fold(clause).split()[:1]
            # a promised action starts with a verb (me-/ber-/di-/ter- or a bare verb phrase)
            if len(clause.split()) >= 2 and first and not first[0].startswith(("yang", "ini")):
                out.append(clause)
    return out


# --------------------------------------------------------------------------------------------
# The entry point


def extract(text: str, title: str = "", gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """The labels' record for one release. gazetteer defaults to Gazetteer.from_db()."""
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_db()
    title = clean(title).strip()
    body = clean(text)
    if title and title not in body:
        body = f"{title}\n{body}"
    folded = _fold(body)
    # headline words are all capitalised: names are read from the body lines only
    content = "\n".join(line for line in body.splitlines() if line.strip() != title)
    units = police_units(content, gazetteer)
    people = officials(content, gazetteer)
    found_programs = programs(folded)
    program_days = _dict("dates.json", "program_days")
    days = {program_days[p] for p in found_programs if p in program_days}
    sents = sentences(body)
    return {
        "activity_types": activity_types(folded, found_programs),
        "programs": found_programs,
        "activity_date": dates.activity_date(body, program_days=days),
        "police_units": units.names,
        "officials": [p.as_dict() for p in people],
        "partners": partners(sents, content, people),
        "location": location(body, title, folded, units, gazetteer).as_dict(),
        "topics": topics(folded),
        "aspirations": aspirations(sents),
        "commitments": commitments(sents),
    }
