"""Names typed with a slip ("Kompang Bis" for Kumpang Bis): the words of the territory within a
small edit distance of a query word.

The same rule on SQLite and PostgreSQL: the distinct words of the word index (about 80,000 for
the whole territory, a few MB) are kept in each process and compared with rapidfuzz's optimal
string alignment distance (a swap of two neighbouring letters counts once). The copy is reloaded
when the word index changes (a territory import gives its rows new ids), which one indexed
``MAX(id)`` read tells.
"""

from __future__ import annotations

import threading

from django.db.models import Max
from rapidfuzz import process
from rapidfuzz.distance import OSA

from sinergi.areas.models import AreaWord

# Words this long or longer may be misspelt by one letter, from SLIP_TWO_FROM by two letters;
# shorter words ("bis", "air") must be typed right: one letter off is another word.
SLIP_ONE_FROM = 4
SLIP_TWO_FROM = 8
NEAR_WORDS_MAX = 20

_lock = threading.Lock()
_vocabulary: tuple[int | None, list[str]] = (-1, [])


def slips_allowed(word: str) -> int:
    if len(word) >= SLIP_TWO_FROM:
        return 2
    return 1 if len(word) >= SLIP_ONE_FROM else 0


def vocabulary() -> list[str]:
    """The distinct words of the word index, sorted; reloaded when the index changed."""
    global _vocabulary  # noqa: PLW0603 -- the process's one copy
    stamp = AreaWord.objects.aggregate(last=Max("id"))["last"]
    kept_stamp, words = _vocabulary
    if kept_stamp != stamp:
        with _lock:
            words = sorted(set(AreaWord.objects.values_list("word", flat=True).iterator()))
            _vocabulary = (stamp, words)
    return words


def near_words(word: str, words: list[str]) -> dict[str, int]:
    """The words within the allowed slips of ``word``, nearest first, with their distance."""
    allowed = slips_allowed(word)
    if not allowed:
        return {}
    found = process.extract(
        word, words, scorer=OSA.distance, score_cutoff=allowed, limit=NEAR_WORDS_MAX
    )
    return {choice: int(distance) for choice, distance, _index in found}
