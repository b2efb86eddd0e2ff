"""Aspirations and commitments: clauses of the text, chosen by a trained scorer.

1. Candidates: every trigger word of free_text.json ("akan", "berjanji", "meminta", "keluhan
   atas", ...) opens a candidate clause, the words after it up to the clause's end (trimmed by
   the rules of _clause: a purpose or speech word, a quote, punctuation, 16 words at most). A
   promise said object first or in the passive ("Motor tanpa pelat akan kami tertibkan",
   "Setiap masukan akan ditindaklanjuti") is the action on that thing, worded actively as the
   labels word promises (_object_first, _active: "menertibkan motor tanpa pelat"). A request
   is worded as the thing to be done, without whom it asks (_as_asked: "pihak kepolisian untuk
   meningkatkan patroli" -> "peningkatan patroli"). A promise
   of security in general (generic_head), a request naming only the talk or who spoke
   (talk_only) and the headline's line are no candidates.
2. Features: word classes around the trigger, never an article's own phrases: the trigger's
   group, who speaks (the nearest speaker word, a pronoun resolved to the speaker before it, the
   person a quote is attributed to), the shape and class of the next word, advice, negation and
   future words in the sentence, the clause's length and how generic it is.
3. Scores: a logistic regression trained on the labelled examples by
   sinergi/news/training.py (``manage.py train_news_reader``) and shipped as plain weights in
   data/free_text_model.json, so reading needs neither scikit-learn nor the examples.

Each kept clause is a Span with the requester or promiser attached (``who``).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from sinergi.news.extract.lexicon import fold, rank_index
from sinergi.news.extract.text import capitalised_run
from sinergi.news.gazetteer import data

ASPIRATION = "aspiration"
COMMITMENT = "commitment"
KINDS = (ASPIRATION, COMMITMENT)
MODEL_FILE = "free_text_model.json"


@dataclass
class Span:
    """One candidate clause; ``score`` is the trained model's probability that it is a kind's."""

    kind: str
    text: str
    sentence: int  # index in the article's sentences
    start: int  # token index of the clause's first word in that sentence
    who: str  # the requester or promiser as written ("Kapolsek Tanara AKP Nur Rochman"), or ""
    who_class: str  # police / official / citizen / unknown
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    order: int = 0  # reading order among the article's candidates (items of a list apart)

    @property
    def label(self) -> str:
        """As the labels word it: a complaint's problem ("maraknya judi online") as the
        handling asked for ("penanganan maraknya judi online"), unless it names an action."""
        complaint = cast(dict[str, object], _free()["complaint"])
        groups = cast(list[str], complaint["groups"])
        if self.kind != ASPIRATION or not self.text:
            return self.text
        words = _as_asked(self.text.split())
        text, first = " ".join(words), fold(words[0])
        problem = first in cast(list[str], complaint["problems"])  # "peredaran", "pencurian"
        wanted = first in cast(list[str], complaint["wanted"])  # "solusi", "bantuan"
        if (_ACTION.match(first) and not problem) or wanted:
            return text
        if not any(self.features.get(f"trig={group}") for group in groups):
            return text
        return f"{complaint['head']} {text}"


_ACTION = re.compile(r"^(?:pe\w+an|per\w+an|me\w+|di\w+(?:kan|i)|ber\w+)$")


@functools.cache
def _asked() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in cast(dict[str, list[str]], _free()["asked"]).items()}


def _as_asked(words: list[str]) -> list[str]:
    """A request as the thing to be done: "pihak kepolisian untuk meningkatkan patroli" ->
    "peningkatan patroli"; "patroli rutin ditingkatkan di titik rawan" -> "peningkatan patroli
    rutin di titik rawan"; "melakukan razia" -> "razia". Other requests stay as they are."""
    asked = _asked()
    folded = [fold(w) for w in words]
    at = _addressed_run(folded, words)
    if at:
        words, folded = words[at:], folded[at:]
    if len(words) > 2 and folded[0] in asked["doing_drop"]:
        return words[1:]
    noun = _noun(folded[0])
    if noun:
        return [noun, *words[1:]]
    for k in range(1, min(len(words) - 1, 4)):
        if folded[k] == "yang" or _shape(folded[k - 1]) in {"me", "ber", "di"}:
            break
        # "pos kamling di aktifkan kembali": the prefix written apart
        apart = folded[k] == "di" and _SUFFIXED.fullmatch(folded[k + 1]) is not None
        passive = _PASSIVE.fullmatch(folded[k]) and _SUFFIXED.fullmatch(folded[k]) is not None
        if apart or passive:
            verb = f"di{folded[k + 1]}" if apart else folded[k]
            noun = _noun(_active(verb, passive=True))
            if noun:  # "masalah warga dapat diselesaikan": the thing, without "dapat"
                thing = words[: k - 1] if folded[k - 1] in asked["addressed_then"] else words[:k]
                return [noun, *thing, *words[k + (2 if apart else 1) :]]
            break
    return words


def _addressed_run(folded: list[str], words: list[str]) -> int:
    """How many words name who is asked before what to do ("pihak kepolisian untuk",
    "Camat Medan Sunggal", "di Polri khususnya Polsek Koba dapat"), when a doing verb
    follows; 0 otherwise."""
    asked = _asked()
    at = 1 if folded[:1] and folded[0] in asked["addressed_before"] else 0
    first = at
    while at < min(len(words), first + 6) and (
        folded[at] in asked["addressed"]
        or (at > first and words[at][:1].isupper())
        or (at > first and folded[at] in asked["addressed_before"])
    ):
        at += 1
    if at == first:
        return 0
    while at < len(words) and folded[at] in asked["addressed_then"]:
        at += 1
    return at if at < len(words) - 1 and _doing(folded[at]) else 0


_SUFFIXED = re.compile(r"[a-z]{3,}(?:kan|i)")


def _doing(word: str) -> bool:
    """A meN- verb ("memasang", "memperbanyak"), not a word that only starts like one."""
    return len(word) >= 6 and word.startswith("me") and word not in _asked()["not_verbs"]


def _noun(verb: str) -> str | None:
    """The pe-an noun of a meN- verb: "meningkatkan" -> "peningkatan", "menangani" ->
    "penanganan", "memperbaiki" -> "perbaikan", "menindak" -> "penindakan"; None for a word
    that is no such verb or a verb that stays one ("menghidupkan")."""
    if not _doing(verb) or verb in _asked()["no_noun"]:
        return None
    stem = f"per{verb[6:]}" if verb.startswith("memper") else f"pe{verb[2:]}"
    if stem.endswith("kan"):
        stem = stem[:-3]
    elif stem.endswith("i") and len(stem) >= 8 and stem[-2] not in "aiueo":
        stem = stem[:-1]  # "penangani": -i; "pemberi" (memberi) is its own root
    return f"{stem}an"


# --------------------------------------------------------------------------------------------
# Word classes


def _free() -> dict[str, object]:
    return data("free_text.json")


def _strings(key: str) -> list[str]:
    return cast(list[str], _free()[key])


@functools.cache
def _triggers(kind: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Trigger phrases of a kind by first word (a "word*" first word is indexed by "*"):
    (words, group), longest first."""
    groups = cast(dict[str, list[str]], cast(dict[str, object], _free()["triggers"])[kind])
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for group, phrases in groups.items():
        for phrase in phrases:
            words = tuple(phrase.split())
            key = "*" if words[0].endswith("*") else words[0]
            index.setdefault(key, []).append((words, group))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@functools.cache
def _speaker_words() -> dict[str, str]:
    """Folded word (or two words) -> speaker class."""
    classes = cast(dict[str, list[str]], _free()["speakers"])
    out: dict[str, str] = {}
    for name, words in classes.items():
        if name.startswith("_"):
            continue
        for word in words:
            out[word] = name
    return out


@functools.cache
def _class_sets(key: str) -> dict[str, frozenset[str]]:
    classes = cast(dict[str, list[str]], _free()[key])
    return {name: frozenset(words) for name, words in classes.items() if not name.startswith("_")}


@functools.cache
def _set(key: str) -> frozenset[str]:
    return frozenset(_strings(key))


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


# --------------------------------------------------------------------------------------------
# Tokens: original tokens of a sentence and their folded words, kept aligned


@dataclass
class _Sentence:
    text: str
    tokens: list[str]
    words: list[str]  # folded words
    token_of: list[int]  # token index of each folded word

    @classmethod
    def read(cls, text: str) -> _Sentence:
        tokens = text.split()
        words: list[str] = []
        token_of: list[int] = []
        for t, token in enumerate(tokens):
            for word in fold(token).split():
                words.append(word)
                token_of.append(t)
        return cls(text, tokens, words, token_of)


def _speakers_in(words: list[str]) -> list[tuple[int, str]]:
    """(word index, class) of every speaker word, two-word names first."""
    known = _speaker_words()
    found: list[tuple[int, str]] = []
    skip = -1
    for i, word in enumerate(words):
        if i <= skip:
            continue
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair in known:
            found.append((i, known[pair]))
            skip = i + 1
        elif word in known:
            found.append((i, known[word]))
        elif word.startswith(("kasat", "kanit", "kasi", "kabag", "kabid")):
            found.append((i, "police"))
    return found


NAMED = ("police", "official", "citizen")


def _who_phrase(sentence: _Sentence, word_index: int) -> str:
    """The speaker as the text writes them: "Kapolsek Tanara, AKP Nur Rochman" or "warga"."""
    t = sentence.token_of[word_index]
    # "Ketua RT 05": the post's title before the speaker word belongs to it
    if (
        t
        and sentence.tokens[t - 1][:1].isupper()
        and fold(sentence.tokens[t - 1]) in _set("speaker_titles")
    ):
        t -= 1
    rest = " ".join(sentence.tokens[t:])
    if rest[:1].isupper():
        words, end = capitalised_run(rest, limit=6, digits=True)
        phrase = " ".join(words)
        if end == ",":
            # "Kapolsek Tanara, AKP Nur Rochman": the rank and name after the comma belong to
            # it; so does a name set off by commas ("Ketua RT 05, Darto, mengeluhkan ...")
            more, more_end = capitalised_run(rest.split(",", 1)[1].strip(), limit=5)
            if more and fold(more[0]) in _speaker_words():
                phrase = f"{phrase} {' '.join(more)}"
            elif more and more_end == "," and len(more) <= 3:
                phrase = f"{phrase}, {' '.join(more)}"
        return phrase.strip(",.;:\"'")
    token = sentence.tokens[t].strip(",.;:\"'()")
    following, _ = capitalised_run(" ".join(sentence.tokens[t + 1 :]), limit=4)
    return " ".join([token, *following]).strip(",.;:\"'")


# --------------------------------------------------------------------------------------------
# Quotes: who said the sentences between quote marks


def _quote_speakers(sents: list[_Sentence]) -> list[tuple[bool, str, str]]:
    """Per sentence: (inside a quote, speaker class, speaker phrase) of the quote's attribution:
    after the closing mark ('," ujar Kapolres'), else before the opening one."""
    out: list[tuple[bool, str, str]] = [(False, "", "")] * len(sents)
    open_at: int | None = None
    for i, sentence in enumerate(sents):
        marks = sentence.text.count('"')
        if open_at is None and marks == 0:
            continue
        start = i if open_at is None else open_at
        inside = (marks % 2 == 1) != (open_at is not None)  # still open after this sentence
        if inside:
            open_at = start
            continue
        open_at = None
        cls, phrase = _attribution(sents, start, i)
        for j in range(start, i + 1):
            out[j] = (True, cls, phrase)
    if open_at is not None:  # never closed: the rest of the article is the quote
        cls, phrase = _attribution(sents, open_at, len(sents) - 1)
        for j in range(open_at, len(sents)):
            out[j] = (True, cls, phrase)
    return out


def _attribution(sents: list[_Sentence], first: int, last: int) -> tuple[str, str]:
    closing = sents[last]
    tail = closing.text.rsplit('"', 1)[-1] if '"' in closing.text else ""
    for text in (tail, sents[first].text.split('"', 1)[0]):
        if not text.strip():
            continue
        part = _Sentence.read(text)
        for index, cls in _speakers_in(part.words):
            if cls in NAMED:
                return cls, _who_phrase(part, index)
    return "unknown", ""


# --------------------------------------------------------------------------------------------
# Clauses


def _clause(
    tokens: list[str],
    *,
    keep: frozenset[str] = frozenset(),
    through: bool = False,
    enumerations: bool = False,
) -> list[str]:
    """The clause at the start of tokens, up to its end or the first purpose/speech word.

    keep: end words that do not end this clause (a promise keeps its purpose); through: a
    request of one or two words goes on past "agar" ("pos kamling agar diaktifkan kembali");
    enumerations: a comma opening a short list ("A, B, dan C") does not end it."""
    words: list[str] = []
    depth = 0  # brackets opened in the clause and not yet closed
    ends = _set("clause_end") - keep
    limit = cast(int, _free()["max_words"])
    for i, token in enumerate(tokens):
        if token[:1] in "\"'" and words:
            break
        if not words and token.startswith("(") and token.rstrip(",.;:").endswith(")"):
            continue  # "mencurahkan isi hatinya (curhat) tentang ...": the trigger's gloss
        bare = token.strip("\"'(),.;:!?")
        if not bare:
            break
        pair = fold(" ".join(tokens[i : i + 2]))
        if through and len(words) <= 2 and fold(bare) in keep | {"agar", "supaya"}:
            continue
        if words and (fold(bare) in ends or pair in ends):
            break
        words.append(bare)
        depth += token.count("(") - token.count(")")
        if enumerations and token.endswith(",") and _enumerates(tokens[i + 1 :]):
            continue  # "merangkul forkopimdes, pihak polsek, dan babinsa": one list of whom
        if re.search(r"[,.;:!?\"]$", token) or len(words) >= limit:
            break
        if token.endswith(")") and depth < 0:
            break  # a bracket opened before the clause closes; "(TPPO) yang ..." goes on
    return _without_lead(words)


_ENUMERATION_ITEM_MOST = 3  # words of one item in "A, B, dan C"


def _enumerates(after: list[str]) -> bool:
    """After a comma, the rest of a short list closed by "dan"/"serta" ("pihak polsek, dan
    babinsa"): items of at most three words, none a verb, the last after the joining word."""
    size = 0
    for token in after[: 4 * _ENUMERATION_ITEM_MOST]:
        if fold(token) in {"dan", "serta"}:
            return size <= _ENUMERATION_ITEM_MOST
        if size == 0 and _shape(fold(token)) in {"me", "ber", "di"}:
            return False  # "mematuhi ..., mematuhi dan ...": clauses, not a list of whom
        size += 1
        if size > _ENUMERATION_ITEM_MOST or re.search(r"[.;:!?\"]$", token):
            return False
        if token.endswith(","):
            size = 0
    return False


def _without_lead(words: list[str]) -> list[str]:
    """The clause from its first word of substance: "juga segera X" -> "X"."""
    lead = _set("clause_lead_drop")
    while len(words) > 2:
        if fold(words[0]) in lead:
            words = words[1:]
        elif fold(" ".join(words[:2])) in lead:
            words = words[2:]  # "antara lain", "di antaranya"
        elif fold(words[0]) in _talk_words() and fold(words[1]) in _ABOUT:
            words = words[2:]  # "mengutarakan keluhannya terkait ...": what it is about
        else:
            break
    return words


_ABOUT = frozenset(
    {"terkait", "soal", "tentang", "mengenai", "atas", "terhadap", "perihal", "berkaitan"}
)


def _listed(tokens: list[str]) -> list[list[str]]:
    """ "balap liar, usulan silaturahmi antar perguruan, menghidupkan pos kamling, hingga ...":
    one clause per comma, without the joining words and the list's own trigger nouns."""
    joiners = _set("list_joiners")
    topics = _set("aspiration_topics")
    items: list[list[str]] = []
    for piece in re.split(r",\s*|;\s*", " ".join(tokens).rstrip(".")):
        words = piece.split()
        while words and (fold(words[0]) in joiners or fold(words[0]) in topics):
            words = words[1:]
        clause = _clause(words)
        if len(clause) >= 2:
            items.append(clause)
    return items


# --------------------------------------------------------------------------------------------
# Candidates and their features


@functools.cache
def _star_prefixes(kind: str) -> tuple[str, ...]:
    return tuple(e[0][0][:-1] for e in _triggers(kind).get("*", []))


def _hits(words: list[str], kind: str) -> Iterator[tuple[int, int, str]]:
    """(first word, word after the trigger, group) of each trigger phrase, left to right."""
    index = _triggers(kind)
    starred = index.get("*", [])
    prefixes = _star_prefixes(kind)
    i = 0
    while i < len(words):
        word = words[i]
        entries = index.get(word)
        if prefixes and word.startswith(prefixes):
            entries = (entries or []) + [e for e in starred if word.startswith(e[0][0][:-1])]
        if entries:
            for phrase, group in entries:
                chunk = words[i : i + len(phrase)]
                if len(chunk) == len(phrase) and all(
                    _word_matches(p, w) for p, w in zip(phrase, chunk, strict=True)
                ):
                    yield i, i + len(phrase), group
                    i += len(phrase) - 1
                    break
        i += 1


def _shape(word: str) -> str:
    for prefix, name in (
        ("meng", "me"),
        ("meny", "me"),
        ("mem", "me"),
        ("men", "me"),
        ("me", "me"),
        ("di", "di"),
        ("ber", "ber"),
        ("ter", "ter"),
        ("pe", "pe"),
    ):
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            return name
    return "bare"


def _resolve(
    sentence: _Sentence,
    before: list[tuple[int, str]],
    quote: tuple[bool, str, str],
    last: tuple[str, str],
) -> tuple[str, str, str]:
    """(nearest class, resolved class, who) for a trigger with speaker words ``before`` it:
    the nearest named speaker; for a pronoun or no speaker word, a named one earlier in the
    sentence, else the quote's, else the last one named before."""
    in_quote, quote_cls, quote_who = quote
    near = before[-1][1] if before else "none"
    named = [(i, c) for i, c in before if c in NAMED]
    if named:
        return near, named[-1][1], _named_who(sentence, named, quote, last)
    if in_quote and near == "they":
        # "Mereka curhat agar ...", in whoever's quote: they are not the speaker, but whom
        # the speaker heard
        return near, "citizen", ""
    if in_quote and quote_cls in NAMED:
        return near, quote_cls, quote_who
    # "..., ujarnya": said by whoever was speaking
    speech = _class_sets("sentence_words")["speech"]
    attributed = any(w.endswith("nya") and w in speech for w in sentence.words)
    if before or in_quote or attributed:
        return near, last[0] or "unknown", last[1]
    return near, "unknown", ""


def _named_who(
    sentence: _Sentence,
    named: list[tuple[int, str]],
    quote: tuple[bool, str, str],
    last: tuple[str, str],
) -> str:
    """The nearest named speaker as written. "Kapolsek Budi mengatakan personel akan
    berpatroli": the ranks act, and the one of their class who speaks for them (named before
    in the sentence, quoting, or last named) promised."""
    cls = named[-1][1]
    members = _member_words()
    persons = [i for i, c in named if c == cls and sentence.words[i] not in members]
    if persons:
        return _who_phrase(sentence, persons[-1])
    in_quote, quote_cls, quote_who = quote
    if in_quote and quote_cls == cls and quote_who:
        return quote_who
    if last[0] == cls and last[1]:
        return last[1]
    return _who_phrase(sentence, named[-1][0])


def _next_class(words: list[str], end: int) -> str:
    # "mohon kepada pihak kepolisian": the class of whom it is addressed to
    if end + 1 < len(words) and words[end] in _addressee()[0]:
        end += 1
    following = words[end] if end < len(words) else ""
    nexts = _class_sets("next_words")
    return next((n for n, ws in nexts.items() if following in ws), _shape(following))


def _in_frame(kind: str, group: str, who: str, next_cls: str) -> bool:
    frame = cast(dict[str, list[str]], cast(dict[str, object], _free()["frames"])[kind])
    return group in frame["groups"] and who in frame["who"] and next_cls in frame["next"]


def _features(
    kind: str,
    group: str,
    sentence: _Sentence,
    index: int,
    hit: tuple[int, int],
    near: str,
    who: str,
    quote: tuple[bool, str, str],
    clause: list[str],
) -> dict[str, float]:
    """Word classes only: what kind of word triggers, who speaks, what follows, the sentence's
    advice / future / response words, how long and how generic the clause is."""
    words = sentence.words
    start, end = hit
    sent_words = _class_sets("sentence_words")
    next_cls = _next_class(words, end)
    before = words[max(0, start - 3) : start]
    window = set(words)
    folded_clause = [fold(w) for w in clause]
    generic = sum(1 for w in folded_clause if w in sent_words["generic"])
    size = len(clause)
    f = {
        f"trig={group}": 1.0,
        f"who={who}": 1.0,
        f"near={near}": 1.0,
        f"next={next_cls}": 1.0,
        "len<3" if size < 3 else "len<9" if size < 9 else "len>8": 1.0,
    }
    if _in_frame(kind, group, who, next_cls):
        f["frame"] = 1.0
    if quote[0]:
        f["quote"] = 1.0
    if set(before) & sent_words["past"]:
        f["prev=past"] = 1.0
    for name in ("advice", "response"):
        if window & sent_words[name]:
            f[f"sent_{name}"] = 1.0
    text = " ".join(words)
    if any(phrase in text for phrase in sent_words["future"]):
        f["sent_future"] = 1.0
    if folded_clause and generic / len(folded_clause) >= 0.25:
        f["clause_generic"] = 1.0
    if index == 0:
        f["first_sentence"] = 1.0
    return f


def _generic(clause: list[str]) -> bool:
    spec = cast(dict[str, list[str]], _free()["generic_head"])
    head, qualified = spec["words"], spec["qualified"]
    words = [fold(w) for w in clause]
    lead = _set("clause_lead_drop")
    first = next((w for w in words if w not in lead), "")
    if first in spec["being"]:
        return True  # "dekat dengan warga dan terbuka terhadap aspirasi": what to be, not do
    if first in spec["hearing"] and any(w in spec["heard"] for w in words[1:3]):
        return True  # "menerima masukan dan kritikan": being open to input, no action
    return any(
        w in head or (w in qualified and any(q in head for q in words[i + 1 : i + 3]))
        for i, w in enumerate(words[:3])
    )


@functools.cache
def _member_words() -> frozenset[str]:
    return frozenset(cast(dict[str, list[str]], _free()["member_words"])["words"])


@functools.cache
def _talk_words() -> frozenset[str]:
    return frozenset(cast(dict[str, list[str]], _free()["talk_only"])["words"])


@functools.cache
def _situation_words() -> frozenset[str]:
    return _talk_words() | frozenset(cast(dict[str, list[str]], _free()["talk_only"])["situation"])


def _talk_only(clause: list[str]) -> bool:
    """A request naming only the talk or who spoke ("curhatan atau saran masukan kepolisian"),
    or only names and dates: nothing asked for."""
    words = [fold(w) for w in clause if fold(w).isalpha()]
    if all(
        w[:1].isupper() or any(c.isdigit() for c in w) or fold(w) in _set("times_of_day")
        for w in clause
        if w.strip("(),.")
    ):
        return True  # "Kota Padang", "Jumat 28/6/2024 pagi": a list's names and dates
    if bool(words) and all(w in _talk_words() for w in words):
        return True
    # "situasi kamtibmas di wilayah hukum Polsek Terbanggi Besar": the place's names may stand
    vague = _situation_words()
    named = [fold(w) for w in clause if w[:1].isupper()]
    situation = [w for w in words if w in vague]
    return bool(situation) and all(w in vague or w in named for w in words)


def _lists(trigger: str, group: str, rest: list[str], topics: frozenset[str]) -> bool:
    """A complaint noun followed by a list: "keluhan atas X, Y", "keluhan dan saran, mulai dari
    X, Y, hingga Z"."""
    head = " ".join(rest[:25])
    if trigger in topics and "," in " ".join(rest[:20]):
        return True
    if group not in {"keluh", "usul"}:
        return False
    after_comma = fold(head.split(",", 1)[1]) if "," in head else ""
    starts = _strings("list_starts")
    if any(after_comma.startswith(s) for s in starts) and head.count(",") >= 2:
        return True
    # "persoalan X, Y, Z, hingga W": two commas or more, the last item after a joining word
    pieces = " ".join(rest).split(",")
    last = fold(pieces[-1]).split()
    return len(pieces) >= 3 and bool(last) and last[0] in _set("list_joiners")


def _companions(sentence: _Sentence, before: list[tuple[int, str]], start: int) -> list[str]:
    """ "pihaknya bersama TNI siap mengawal ...": who promises together, "bersama TNI", kept at
    the promise's start (the words from "bersama" up to the trigger, four at most)."""
    words = sentence.words
    first = before[-1][0] + 1 if before else 0
    for i in range(max(first, start - 5), start):
        if words[i] == "bersama" and 1 < start - i <= 4:
            tokens = sentence.tokens[sentence.token_of[i] : sentence.token_of[start - 1] + 1]
            return [t.strip(",") for t in tokens]
    return []


def _skipped(kind: str, sentence: _Sentence, start: int, end: int) -> bool:
    """No candidate: 'yang akan', 'tidak akan', 'akan berlangsung', 'siap menang'."""
    words = sentence.words
    before = words[start - 1] if start else ""
    sent_words = _class_sets("sentence_words")
    # "warga yang mengeluhkan X", "ada yang meminta X", "Ibu Desi yang menyampaikan
    # keresahannya tentang X": who asked, then what
    asker = kind == ASPIRATION and (
        words[start].startswith(("me", "ber"))
        or words[start] in _set("feelings")
        or before in sent_words["speech"]
    )
    # "tidak akan segan memproses": will not hesitate to, a promise
    unafraid = words[start] == "akan" and end < len(words) and words[end] in _set("hesitation")
    if (before in sent_words["negation"] and not unafraid) or (
        before in _set("not_before") and not asker
    ):
        return True
    # "yang nantinya akan dicarikan": a relative (but not across a comma: "truk yang
    # ngebut, akan dilakukan patroli")
    clause_start = start > 0 and sentence.tokens[sentence.token_of[start - 1]].endswith(",")
    if "yang" in words[max(0, start - 2) : start] and not asker and not clause_start:
        return True
    # "mensosialisasikan akan bahaya": after a verb that is not a saying, "akan" means "about"
    # (a name is no verb: "Polsek Teluk Meranti akan segera menindaklanjuti")
    named = start > 0 and sentence.tokens[sentence.token_of[start - 1]][:1].isupper()
    saying = before in sent_words["speech"] or before in _set("will_after")
    verb = _shape(before) == "me" and not named and not saying
    if words[start] == "akan" and verb:
        return True
    # "Menindaklanjuti aspirasi warga tersebut, Kapolsek langsung ...": how the sentence's
    # subject went on to act, an adverbial phrase before the comma, no promise
    opening = kind == COMMITMENT and start == 0 and _shape(words[0]) == "me"
    if opening and any(t.endswith(",") for t in sentence.tokens[1:_OPENING_REACH]):
        return True
    skip = cast(dict[str, list[str]], _free()["skip_next"])[kind]
    return _next_class(words, end) in skip and not _still_an_action(words[end : end + 3])


_OPENING_REACH = 15  # words of a sentence-opening phrase before its comma


def _still_an_action(after: list[str]) -> bool:
    """A status verb after the trigger that still names an action: how it will be done
    ("akan dilakukan dengan melibatkan warga"), the action after it ("akan dilakukan patroli
    monitoring"), or what residents bring, taken in ("akan menerima setiap laporan")."""
    return (
        (len(after) > 1 and after[1] in _set("status_manner"))
        or _action_named(after[:2])
        or bool(set(after[1:]) & _set("taken_in"))
    )


def _action_named(words: list[str]) -> bool:
    """ "dilakukan patroli", "diadakan kembali sosialisasi": a doing verb and the action's
    noun after it (not "dilaksanakan secara rutin", "digelar di balai desa")."""
    if len(words) < 2 or words[0] not in _set("status_actions"):
        return False
    return words[1] not in _set("not_action") and _shape(words[1]) not in {"me", "ber", "di"}


def _clauses(
    kind: str, group: str, sentence: _Sentence, hit: tuple[int, int], before: list[tuple[int, str]]
) -> tuple[int, list[list[str]], bool]:
    """(first token, clauses, listed) of one trigger: the clause after it, the items of a list
    after a complaint noun, or the request after "mohon kepada X untuk"."""
    start, end = hit
    # a trigger that is the promised action itself keeps its verb ("menindaklanjuti aduan")
    verb = group in _strings("verb_groups")
    token = sentence.token_of[end - 1] + (0 if verb else 1)
    rest = sentence.tokens[token:]
    trigger = " ".join(sentence.words[start:end])
    if kind == ASPIRATION and trigger in _set("complained_before"):
        # "Izin keramaian yang kerap melewati batas juga menjadi keluhan warga": said first
        thing = _object_before(sentence.tokens[: sentence.token_of[start]], most=14)
        return sentence.token_of[start], [thing], False
    if kind == ASPIRATION:
        skipped, listed = _asked_after(rest, from_whom=trigger.endswith(" dari"))
        token, rest = token + skipped, rest[skipped:]
        if listed:
            return token, _listed(rest), True
    if kind == ASPIRATION and _lists(trigger, group, rest, _set("aspiration_topics")):
        return token, _listed(rest), True
    if kind == ASPIRATION and (asked := _addressed_run([fold(t) for t in rest], rest)):
        token, rest = token + asked, rest[asked:]  # "agar di Polri khususnya Polsek X dapat"
    if kind == ASPIRATION and rest and fold(rest[0]) in _addressee()[0]:
        # "mohon kepada pihak kepolisian untuk ...": the request follows "untuk"
        found = next((n for n, t in enumerate(rest[:8]) if fold(t) in _addressee()[1]), None)
        if found is not None:
            token, rest = token + found + 1, rest[found + 1 :]
    keep = frozenset(_strings("commitment_keeps")) if kind == COMMITMENT else frozenset()
    if kind == COMMITMENT and _action_named([fold(t) for t in rest[:2]]):
        token, rest = token + 1, rest[1:]  # "akan dilakukan patroli": the patrol is promised
    if kind == COMMITMENT and rest:
        said_after = _object_first(sentence, start, rest, keep)
        if said_after:
            return token + said_after[0], [said_after[1]], False
    partners = _companions(sentence, before, start) if kind == COMMITMENT else []
    clause = _clause(rest, keep=keep, through=kind == ASPIRATION, enumerations=kind == COMMITMENT)
    if kind == COMMITMENT and fold(" ".join(clause[:2])) in _set("written_apart"):
        clause = [f"{clause[0]}{clause[1]}", *clause[2:]]  # "akan tindak lanjuti": one verb
    if kind == COMMITMENT and clause and _bare_verb(fold(clause[0])):
        clause[0] = _active(clause[0], passive=False)  # "akan siapkan sarana": "menyiapkan"
    return token, [partners + clause if len(clause) >= 2 else clause], False


def _asked_after(rest: list[str], *, from_whom: bool = False) -> tuple[int, bool]:
    """(words to skip, a list follows) after a request's trigger. "menyoroti dua masalah
    sekaligus, yakni X dan Y": what is asked follows "yakni"; so does a list after a relative
    clause ("unek-unek yang disampaikan warga diantaranya X, Y"); "Keluhan masyarakat yang
    datang ke warung kopi itu, tentang adanya X" and "pertanyaan dari Ibu Evayanti, warga
    kampung Antasari, terkait X" (from_whom: the trigger ended at "dari"): who, then what
    about."""
    if from_whom:
        about = next((n + 1 for n, t in enumerate(rest[:14]) if fold(t) in _ABOUT), None)
        return about or 0, False
    namely = next((n for n, t in enumerate(rest[:12]) if fold(t) in _set("namely")), None)
    # "keluhan (masyarakat) yang disampaikan, diantaranya X"
    listing = namely is None and "yang" in [fold(t) for t in rest[:2]]
    if listing:
        namely = _list_start_at(rest[:12])
    if namely is not None:
        return namely + 1, listing and "," in " ".join(rest[namely + 1 : namely + 21])
    return _about_after_aside(rest) or 0, False


def _about_after_aside(rest: list[str]) -> int | None:
    """Where what a complaint is about starts when a relative clause on who complained comes
    first ("masyarakat yang datang ke warung kopi itu, tentang adanya judi"): the index of
    the word after the "tentang", or None."""
    folded = [fold(t) for t in rest[:14]]
    if "yang" not in folded[:3]:
        return None
    for n in range(1, len(folded) - 1):
        if rest[n - 1].endswith(",") and folded[n] in _ABOUT:
            return n + 1
    return None


def _object_first(
    sentence: _Sentence, start: int, rest: list[str], keep: frozenset[str]
) -> tuple[int, list[str]] | None:
    """ "Motor tanpa nomor akan kami tertibkan", "Setiap masukan akan segera ditindaklanjuti":
    (tokens skipped, the promise) as the action said actively on what was named first
    ("menertibkan motor tanpa nomor"), or None when the promise is said verb first."""
    agent = fold(rest[0]) in {"kami", "kita"}
    at = 1 if agent or fold(rest[0]) in _set("object_adverbs") else 0
    passive = not agent and at < len(rest) and _PASSIVE.fullmatch(fold(rest[at])) is not None
    if not ((agent and len(rest) > 1) or passive):
        return None
    thing = _object_before(sentence.tokens[: sentence.token_of[start]])
    action = _clause(rest[at:], keep=keep)
    if len(action) > 1 and fold(" ".join(action[:2])) in _set("written_apart"):
        action = [f"{action[0]}{action[1]}", *action[2:]]  # "tindak lanjuti": one verb
    if not thing or not action:
        return None
    adverbs = [] if agent else rest[:at]  # "segera diteruskan": "segera meneruskan"
    return (at if agent else 0), [
        *adverbs,
        _active(action[0], passive=passive),
        *thing,
        *action[1:],
    ]


_PASSIVE = re.compile(r"di(?!a\b|rinya\b|sini\b|sana\b)[a-z]{4,}")
_TER = re.compile(r"ter(?!utama|sebut|masuk|kait|hadap)[a-z]{4,}")  # "terlontar", not "tersebut"
# "siapkan", "tindaklanjuti", "dampingi"; not a noun ending in -si or -li ("sosialisasi",
# "patroli") nor a vowel before the -i
_BARE_VERB = re.compile(r"(?!me|ber|di|ter|pe|se|ke)(?:[a-z]{3,}kan|[a-z]{4,}[bcdfghjkmnprtvwyz]i)")
_CONSONANTS = set("bcdfghjklmnpqrstvwxyz")


def _bare_verb(word: str) -> bool:
    """A verb without its meN- prefix ("siapkan", "tindaklanjuti", "perintahkan")."""
    roots = tuple(_strings("per_roots"))
    return _BARE_VERB.fullmatch(word) is not None or (
        word.startswith(roots) and word.endswith(("kan", "i"))
    )


# meN- before a base's first sound (a vowel, g, h, k: "meng"); p, t, s and k melt into it
_MEN = {**dict.fromkeys("lrmnwy", "me"), **dict.fromkeys("bfp", "mem"), "s": "meny"}
_MEN |= dict.fromkeys("dcjzt", "men")


def _active(verb: str, *, passive: bool) -> str:
    """The verb with its meN- prefix, as a promise is worded: "tertibkan" -> "menertibkan",
    "ditindaklanjuti" -> "menindaklanjuti", "diperbaiki" -> "memperbaiki", "dirazia" ->
    "merazia", "proses" -> "memproses" (a cluster keeps its first sound)."""
    base = verb[2:] if passive else verb
    lower = base.lower()
    if not lower or lower.startswith(("me", "ber")):
        return verb
    if lower.startswith("per") and not lower.startswith(tuple(_strings("per_roots"))):
        return f"mem{base}"  # "perbaiki": the per- prefix stays ("memperbaiki")
    first, cluster = lower[0], len(lower) > 1 and lower[1] in _CONSONANTS
    if first in "ptsk" and not cluster:
        return f"{_MEN.get(first, 'meng')}{base[1:]}"  # the first sound melts into the prefix
    return f"{'men' if first == 's' else _MEN.get(first, 'meng')}{base}"


_DASHES = frozenset({"-", "\u2013", "\u2014", "|"})


def _object_before(tokens: list[str], most: int = 8) -> list[str]:
    """The thing a sentence names before "akan kami ...": its words back to the clause's start
    or a saying ("Terkait masalah lalu lintas nanti" -> "masalah lalu lintas"; "menyatakan
    bahwa keluhan itu" -> "keluhan"), eight words at most."""
    sayings = _class_sets("sentence_words")["speech"] | {"bahwa"}
    words: list[str] = []
    for token in reversed(tokens[-(most + 4) :]):
        quoted = token.startswith(('"', "\u201c"))
        if fold(token) in sayings or token in _DASHES:
            break  # "JATIMTIMES - Sejumlah permasalahan ...": a dateline's dash
        if quoted or re.search(r"[,.;:!?\"\u201c\u201d]$", token):
            if quoted:
                words.insert(0, token.strip('"\u201c\u201d'))
            break
        words.insert(0, token)
    lead = _set("clause_lead_drop") | _set("object_lead_drop")
    while words and fold(words[0]) in lead:
        words = words[1:]
    while words and fold(words[-1]) in _set("object_lead_drop"):
        words = words[:-1]
    # "jika ada yang berbuat onar akan kita tindak": a condition, not a thing
    folded = f" {fold(' '.join(words))} "
    if len(words) > most or any(f" {w} " in folded for w in _set("object_not")):
        return []
    if len(words) > 1 and words[0].istitle() and words[1][:1].islower():
        words[0] = words[0].lower()  # "Motor tanpa pelat" opened the sentence; no name
    return words if words and all(w.strip() for w in words) else []


def _not_a_start(kind: str, clause: list[str]) -> bool:
    """A clause that starts with a joining word or a saying names nothing asked or promised,
    but a promise to pass a request on does ("akan menyampaikan kepada instansi berwenang")."""
    first = fold(clause[0])
    if kind == COMMITMENT and fold(" ".join(clause[:2])) in _set("forwarding"):
        return False
    if kind == ASPIRATION and _no_request(first, clause):
        return True
    if kind == COMMITMENT and first == "untuk" and len(clause) < 3:
        return True  # "siap untuk berdialog": ready to talk, nothing promised
    return first in _set("clause_not_start")


def _no_request(first: str, clause: list[str]) -> bool:
    """A request's clause that names nothing asked for: a wish about the event, how the talk
    went, the answer, a list's opening words alone, or a promise about the request."""
    if first in _set("aspiration_not_start"):
        return True
    if first in _set("complainers") and len(clause) > 1:
        then = fold(clause[1])
        if then in _set("complainers_then") or _PASSIVE.fullmatch(then) or _TER.fullmatch(then):
            return True  # "keluhan masyarakat didengar langsung": the talk, no problem named
    return (
        first in rank_index()  # "AKBP Arief mengatakan bahwa ...": the answer
        or fold(" ".join(clause)) in _strings("list_starts")  # "antara lain:": items follow
        # "setiap masukan warga akan segera ditindaklanjuti": a promise about it
        or "akan" in [fold(w) for w in clause[:3]]
    )


def _list_start_at(tokens: list[str]) -> int | None:
    """The index of the last token of the first list start ("diantaranya", "antara lain")."""
    starts = _strings("list_starts")
    folded = [fold(t) for t in tokens]
    for n in range(len(folded)):
        for start in starts:
            size = len(start.split())
            if " ".join(folded[n : n + size]) == start:
                return n + size - 1
    return None


@functools.cache
def _addressee() -> tuple[frozenset[str], frozenset[str]]:
    skip = cast(dict[str, list[str]], _free()["addressee_skip"])
    return frozenset(skip["starts"]), frozenset(skip["until"])


def candidates(sents: list[str], headline: str = "") -> list[Span]:
    """Every trigger's clause, with its features (scores are set by score()). The headline's
    line gives none: it names the talk in a few capitalised words ("Warga Curhat Soal
    Curanmor"), the body says what was asked."""
    read = [_Sentence.read("" if headline and s.strip() == headline else s) for s in sents]
    quotes = _quote_speakers(read)
    objects = _set("object_markers")
    out: list[Span] = []
    last: tuple[str, str] = ("", "")  # the last named speaker: class, phrase
    last_official: tuple[str, str] = ("", "")  # the last police or government one
    opened: tuple[str, str, str] | None = None  # a bulleted list of complaints: group, who
    complained: tuple[str, str, str] | None = None  # the last sentence complained: group, who
    for index, sentence in enumerate(read):
        speakers = _speakers_in(sentence.words)
        items = _list_goes_on(sentence, index, (opened, complained), quotes[index], len(out))
        if items is not None:
            out += items
            complained = None
            continue
        opened = None
        hits = {kind: list(_hits(sentence.words, kind)) for kind in KINDS}
        for kind in KINDS:
            for start, end, group in hits[kind]:
                if _skipped(kind, sentence, start, end):
                    continue
                before = [
                    (i, c)
                    for i, c in speakers
                    if i < start
                    and (
                        sentence.words[i - 1] not in objects
                        or (kind == ASPIRATION and _says_who(sentence.words, i, start))
                    )
                ]
                if _next_class(sentence.words, end) == "we":
                    before = []  # "... akan kita tampung": the promiser is "kita", after it
                # a promise with no promiser in sight was an official's: the last one named
                fallback = last_official if kind == COMMITMENT and last_official[0] else last
                near, who_cls, who = _resolve(sentence, before, quotes[index], fallback)
                token, clauses, listed = _clauses(kind, group, sentence, (start, end), before)
                for clause in clauses:
                    if len(clause) < 2 or _not_a_start(kind, clause):
                        continue
                    # a promise is concrete, and an official's (LABELLING.md): not what a
                    # resident or a community leader is ready to do, said outside an
                    # official's own quote
                    in_quote, quote_cls, _quote_who = quotes[index]
                    official_quote = in_quote and quote_cls in {"police", "official"}
                    we_residents = near != "we" or (in_quote and quote_cls == "citizen")
                    partner = who_cls == "citizen" and we_residents and not official_quote
                    if kind == COMMITMENT and (_generic(clause) or partner):
                        continue
                    if kind == ASPIRATION and _talk_only(clause):
                        continue
                    features = _features(
                        kind,
                        group,
                        sentence,
                        index,
                        (start, end),
                        near,
                        who_cls,
                        quotes[index],
                        clause,
                    )
                    if listed:  # a list after "keluhan atas": the request frame, item by item
                        features["listed"] = features["frame"] = 1.0
                    out.append(
                        Span(
                            kind,
                            " ".join(clause),
                            index,
                            token,
                            who,
                            who_cls,
                            features,
                            order=len(out),
                        )
                    )
        complained = _complains(sentence, [g for _start, _end, g in hits[ASPIRATION]])
        opened = complained if _opens_list(sentence) else None
        in_quote, quote_cls, quote_who = quotes[index]
        quoted = (quote_cls, quote_who) if in_quote and quote_cls in NAMED else None
        last = _subject(sentence, speakers, objects) or quoted or last
        if last[0] not in {"", "citizen"}:
            last_official = last
    return out


def _says_who(words: list[str], speaker: int, trigger: int) -> bool:
    """ "Keluhan lain datang dari Ibu Desi yang menyampaikan keresahannya": the one a relative
    clause opens on asks, though named after "dari"."""
    return trigger - speaker <= _RELATIVE_REACH and "yang" in words[speaker + 1 : trigger]


_RELATIVE_REACH = 6  # words from the asker to the request's trigger word


def _subject(
    sentence: _Sentence, speakers: list[tuple[int, str]], objects: frozenset[str]
) -> tuple[str, str] | None:
    """Whom a later "ia" or "saya" means: the sentence's subject, when it is a named speaker."""
    subject = [
        (i, c) for i, c in speakers if i < 8 and (i == 0 or sentence.words[i - 1] not in objects)
    ]
    if subject and subject[0][1] in NAMED:
        return subject[0][1], _who_phrase(sentence, subject[0][0])
    return None


_BULLET = re.compile(r"^\s*(?:[-•*·▪●]|\d{1,2}[.)]|[a-e][.)])\s+")  # "• ", "- ", "2. ", "b) "


def _opens_list(sentence: _Sentence) -> bool:
    """ "tokoh masyarakat menyampaikan beberapa keluhan:", or a complaint ending at
    "diantaranya": the bullet lines after it are the complaints, one each (_list_items)."""
    text = sentence.text.rstrip()
    starts = _strings("list_starts")
    return text.endswith((":", ";")) or any(fold(text).endswith(f" {s}") for s in starts)


def _list_goes_on(
    sentence: _Sentence,
    index: int,
    lists: tuple[tuple[str, str, str] | None, tuple[str, str, str] | None],
    quote: tuple[bool, str, str],
    order: int,
) -> list[Span] | None:
    """The items of a list a sentence before opened (lists: a bulleted one opened, the last
    sentence's complaint), or None when this sentence is no such item."""
    opened, complained = lists
    bullet = _BULLET.match(sentence.text)
    if opened and bullet:
        item = sentence.text[bullet.end() :]
        head, colon, said = item.partition(":")
        if colon and said.strip() and len(head.split()) <= _HEADING_MOST:
            item = said  # "Gangguan Keamanan: Maraknya pencurian ternak": the heading sorts it
        clauses = [_clause(item.split())]
        return _list_items(sentence, index, clauses, opened, quote, order)
    starts = fold(" ".join(sentence.tokens[:2]))
    if (
        complained
        and starts.startswith(tuple(_strings("continued_lists")))
        and "," in sentence.text
    ):
        # "Warga menyampaikan berbagai keluhan. Mulai dari X, Y, hingga Z."
        at = (_list_start_at(sentence.tokens[:3]) or 0) + 1
        clauses = _listed(sentence.tokens[at:])
        return _list_items(sentence, index, clauses, complained, quote, order)
    return None


_LIST_GROUPS = ("keluh", "usul", "minta", "aspirasi")
_HEADING_MOST = 4  # words of an item's heading before its colon


def _complains(sentence: _Sentence, groups: list[str]) -> tuple[str, str, str] | None:
    """The group and who of a complaint in the sentence (groups: its request triggers'), for a
    list the next one starts."""
    group = next((g for g in groups if g in _LIST_GROUPS), None)
    if group is None:
        return None
    speakers = _speakers_in(sentence.words)
    who_cls, who = (speakers[0][1], _who_phrase(sentence, speakers[0][0])) if speakers else ("", "")
    return group, who_cls or "unknown", who


def _list_items(
    sentence: _Sentence,
    index: int,
    clauses: list[list[str]],
    opened: tuple[str, str, str],
    quote: tuple[bool, str, str],
    order: int,
) -> list[Span]:
    """The complaints of a list a sentence before opened (a bullet's line, or "Mulai dari X,
    Y, hingga Z"), each a candidate request of whoever opened it."""
    group, who_cls, who = opened
    out = []
    for clause in clauses:
        if len(clause) < 2 or _talk_only(clause) or fold(clause[0]) in _set("clause_not_start"):
            continue
        f = _features(ASPIRATION, group, sentence, index, (0, 0), "", who_cls, quote, clause)
        f["listed"] = f["frame"] = 1.0
        out.append(Span(ASPIRATION, " ".join(clause), index, 0, who, who_cls, f, order=order))
    return out


# --------------------------------------------------------------------------------------------
# The trained scorer


Model = dict[str, dict[str, object]]  # kind -> {"bias", "weights", "threshold"}


@functools.cache
def _model() -> Model:
    return cast(Model, data(MODEL_FILE)["kinds"])


def score(span: Span, model: Model | None = None) -> float:
    kind = (model or _model())[span.kind]
    weights = cast(dict[str, float], kind["weights"])
    z = cast(float, kind["bias"]) + sum(weights.get(k, 0.0) * v for k, v in span.features.items())
    return 1.0 / (1.0 + math.exp(-z))


def choose(spans: list[Span], model: Model | None = None) -> list[Span]:
    """The spans above their kind's threshold, one per clause: a clause inside a longer kept one
    of the same kind goes."""
    model = model or _model()
    kept = sorted(
        (s for s in spans if s.score >= cast(float, model[s.kind]["threshold"])),
        key=lambda s: (-s.score, -len(s.text)),
    )
    out: list[Span] = []
    for span in kept:
        mine = set(fold(span.text).split())
        # the same clause read twice ("mensosialisasikan bahaya hoax ini"): keep the likelier
        if any(
            o.kind == span.kind and len(mine & set(fold(o.text).split())) >= 0.6 * len(mine)
            for o in out
        ):
            continue
        out.append(span)
    # the best few of each kind: a release reports a handful of requests and promises at most
    # (the items of one list count once: they were one answer)
    best = [s for s in out if "listed" in s.features]
    for kind in KINDS:
        ranked = sorted(
            (s for s in out if s.kind == kind and "listed" not in s.features),
            key=lambda s: -s.score,
        )
        best += ranked[: cast(int, model[kind].get("most", 99))]
    return sorted(best, key=lambda s: s.order)


def spans(sents: list[str], model: Model | None = None, headline: str = "") -> list[Span]:
    """Aspirations and commitments of an article, in reading order."""
    found = candidates(sents, headline)
    for span in found:
        span.score = score(span, model)
    return choose(found, model)


def aspirations(found: list[Span]) -> list[str]:
    return list(dict.fromkeys(s.label for s in found if s.kind == ASPIRATION))


def commitments(found: list[Span]) -> list[str]:
    return list(dict.fromkeys(s.label for s in found if s.kind == COMMITMENT))
