"""Aspirations and commitments."""

from __future__ import annotations

import itertools
import re
from typing import cast

from sinergi.news.extract.lexicon import fold, free_pattern, word_list
from sinergi.news.gazetteer import data


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
        pair = fold(" ".join(tokens[i : i + 2]))
        if words and (fold(bare) in ends or pair in ends):
            break
        words.append(bare)
        if re.search(r"[,.;:!?\"”)]$", word):
            break
        if len(words) >= cast(int, free["max_words"]):
            break
    lead = set(cast(list[str], free["clause_lead_drop"]))
    while len(words) > 2 and fold(words[0]) in lead:
        words = words[1:]
    return " ".join(words)


def aspirations(sents: list[str]) -> list[str]:
    triggers = free_pattern("aspiration_triggers")
    topics = free_pattern("aspiration_topics")
    speakers = free_pattern("aspiration_speakers")
    police = free_pattern("police_speakers")
    advice = free_pattern("aspiration_not_after")
    out: list[str] = []
    for sentence in sents:
        folded = fold(sentence)
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
    joiners = word_list("free_text.json", "list_joiners")
    topics = free_pattern("aspiration_topics")
    items: list[str] = []
    for piece in re.split(r",\s*|;\s*", text.rstrip(".")):
        words = piece.split()
        while words and (fold(words[0]) in joiners or topics.fullmatch(fold(words[0]))):
            words = words[1:]
        clause = _clause(" ".join(words))
        if len(clause.split()) >= 2:
            items.append(clause)
    return items


def _after_folded_match(sentence: str, folded_end: int) -> str:
    """The original sentence after the n-th folded word (fold keeps word order and count)."""
    count = len(fold(sentence)[:folded_end].split())
    tokens = sentence.split()
    # fold can split one token in two ("ke-12"): walk the tokens until the fold count is reached
    seen = 0
    for i, token in enumerate(tokens):
        seen += len(fold(token).split())
        if seen >= count:
            return " ".join(tokens[i + 1 :])
    return ""


def commitments(sents: list[str]) -> list[str]:
    free = data("free_text.json")
    triggers = free_pattern("commitment_triggers")
    speakers = free_pattern("commitment_speakers")
    not_before = set(cast(list[str], free["commitment_not_before"]))
    not_after = free_pattern("commitment_not_after")
    lead = set(cast(list[str], free["clause_lead_drop"]))
    purpose = frozenset(cast(list[str], free["commitment_keeps"]))
    out: list[str] = []
    for sentence in sents:
        folded = fold(sentence)
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
            first = fold(clause).split()[:1]
            # a promised action starts with a verb (me-/ber-/di-/ter- or a bare verb phrase)
            if len(clause.split()) >= 2 and first and not first[0].startswith(("yang", "ini")):
                out.append(clause)
    return out
