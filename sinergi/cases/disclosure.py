"""Whether a text meant for the public repeats what a citizen said in confidence.

A release draft or a public text may not quote the description of a case whose category is not
public (a drug report, a quarrel between neighbours, a complaint about an officer) until an
editor confirms it. "Quotes" means: repeats a run of consecutive words of it (five, or the whole
of a shorter text), whatever the case, accents and punctuation.
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
