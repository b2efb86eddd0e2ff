"""Whether a text meant for the public repeats what a citizen said in confidence, or names them.

A release draft or a public text may not quote the description of a case whose category is not
public (a drug report, a quarrel between neighbours, a complaint about an officer) until an
editor confirms it. "Quotes" means: repeats a run of consecutive words of it (five, or the whole
of a shorter text), whatever the case, accents and punctuation.

A reply, a resolution, a referral, an escalation or a refusal that an officer writes is public
(the tracking page, the reporter's channel): it may not name the reporter (`names`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sinergi.areas.text import fold

RUN = 5
SHORTEST = 3  # a text of fewer words is too common to be a quote ("narkoba", "ribut")


def _runs(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def quotes(text: str, source: str) -> bool:
    said = fold(source).split()
    if len(said) < SHORTEST:
        return False
    size = min(RUN, len(said))
    return bool(_runs(fold(text).split(), size) & _runs(said, size))


def quoted(text: str, sources: Iterable[str]) -> list[str]:
    """The sources that the text quotes, in their order."""
    return [source for source in sources if quotes(text, source)]


# Words of a name too common to count as naming someone ("Pak", "Warga", "bin"): a public reply
# may say them. Folded, as the text is.
NAME_FILLERS = frozenset(
    {"bapak", "ibu", "pak", "bu", "sdr", "sdri", "saudara", "saudari", "warga", "bin", "binti"}
)
PHONE_DIGITS = 8  # the tail of a number that identifies it, however it is written


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def names(text: str, people: Iterable[tuple[str, str]]) -> bool:
    """Whether the text names one of these people (name, phone): a word of their name (three
    letters or more, not a filler), or the last eight digits of their phone, however spaced."""
    words, digits = set(fold(text).split()), _digits(text)
    for name, phone in people:
        if any(len(w) >= 3 and w not in NAME_FILLERS and w in words for w in fold(name).split()):
            return True
        tail = _digits(phone)[-PHONE_DIGITS:]
        if len(tail) == PHONE_DIGITS and tail in digits:
            return True
    return False
