"""Word lists of sinergi/news/data/, compiled once, and the look-ups every part of the reader
shares: phrase patterns, phrase sets found by dictionary look-up, ranks, unit words."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Any, cast

from sinergi.areas.text import fold as _plain_fold
from sinergi.news.gazetteer import Gazetteer, data

# the same words are folded again and again (names, titles, list entries)
fold = functools.lru_cache(maxsize=65_536)(_plain_fold)


def word_list(file: str, key: str) -> list[str]:
    return cast(list[str], data(file)[key])


def word_table(file: str, key: str) -> dict[str, Any]:
    return cast(dict[str, Any], data(file)[key])


def phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One regex over folded text; "word*" matches the word with any ending."""
    return _compiled_phrases(tuple(phrases))


def free_pattern(key: str) -> re.Pattern[str]:
    """A phrase list of free_text.json that must not be empty."""
    pattern = phrase_pattern(cast(list[str], data("free_text.json")[key]))
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
        for rule in word_table("keywords.json", family).values():
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
        spec = word_table("keywords.json", key)
        return cls(
            {
                name: (phrase_pattern(rule["any"]), phrase_pattern(rule.get("not", [])))
                for name, rule in spec.items()
            },
            {name: list(rule["any"]) for name, rule in spec.items()},
        )

    def match(self, folded: str, only: list[str] | None = None) -> list[str]:
        """The classes the folded text names (only: just these classes are looked for)."""
        out = []
        grams = _ngrams(folded)
        for name, (find, drop) in self.rules.items():
            if only is not None and name not in only:
                continue
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
def classes(key: str) -> Classes:
    return Classes.load(key)


def cut_at(sentences: list[str], key: str) -> list[str]:
    """Each sentence folded and cut at its first word of the keywords.json list key: what
    follows is asked, advised or promised ("berharap ada sosialisasi"). After "yang" such a
    word describes a thing ("Pilkades yang akan digelar") and cuts nothing."""
    markers = phrase_pattern(word_list("keywords.json", key))
    kept = []
    for sentence in sentences:
        folded = fold(sentence)
        found = next(
            (m for m in markers.finditer(folded) if not folded[: m.start()].endswith("yang "))
            if markers
            else iter(()),
            None,
        )
        if found and found.group(0) == "akan" and _object_first(folded[found.end() :]):
            kept.append("")  # "patroli dialogis akan kami tingkatkan": planned, all of it
        else:
            kept.append(folded[: found.start()] if found else folded)
    return kept


def _object_first(after: str) -> bool:
    """After "akan": "kami tingkatkan", "ditingkatkan": the thing planned came before."""
    following = after.split()[:1]
    return bool(following) and (
        following[0] in {"kami", "kita"}
        or re.fullmatch(r"di\w+(?:kan|i)", following[0]) is not None
    )


@functools.cache
def rank_index() -> dict[str, str]:
    ranks = word_table("ranks.json", "ranks")
    return {variant: canonical for canonical, variants in ranks.items() for variant in variants}


@functools.cache
def rank_tail() -> re.Pattern[str]:
    corps = word_list("ranks.json", "corps") + word_list("ranks.json", "police_suffix")
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


@functools.cache
def unit_words() -> str:
    """ "Polrestabes|Polresta|Polres|...": the unit kinds of units.json, longest first."""
    kinds = sorted(word_table("units.json", "kinds").values(), key=len, reverse=True)
    return "|".join(kinds)


def title_case(word: str) -> str:
    """ "RIANTO" -> "Rianto"; short forms and initials ("TNI", "W.A.") stay."""
    return word.capitalize() if word.isupper() and len(word) > 3 and "." not in word else word


def place_size(words: list[str], gazetteer: Gazetteer) -> int:
    """How many leading words name a place (0 when none)."""
    for size in range(min(len(words), 4), 0, -1):
        key = fold(" ".join(words[:size]))
        if any(gazetteer.find(level, key) for level in (1, 2, 3, 4)):
            return size
    return 0


def shortened(short: str, full: str) -> bool:
    """ "humbahas" is "humbang hasundutan" shortened, as regencies are ("halteng", "gorut",
    "batola", "abdya"): one word of 4+ letters, read in order from the letters of the full name,
    some from each of its words, starting with its first; or the initials of three or more
    words ("mbd")."""
    words = full.split()
    if " " not in short and len(short) == len(words) > 2:
        return short == "".join(w[0] for w in words)  # "mbd": Maluku Barat Daya's initials
    if " " in short or len(short) < 4 or len(words) < 2 or short[0] != words[0][0]:
        return False
    at = 0
    for word in words:
        start = at
        for letter in word:
            if at < len(short) and letter == short[at]:
                at += 1
        if at == start:
            return False
    return at == len(short)
