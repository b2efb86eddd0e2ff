"""The words of the territory kept in each process: which query words can start a word at all,
and which words are within a letter or two of a misspelt one ("Kompang" → Kumpang).

The same rule on SQLite and PostgreSQL: the distinct words of the word index (about 76,000 for
the whole territory, a few MB) are compared with rapidfuzz's optimal string alignment distance
(a swap of two neighbouring letters counts once), among the few words that can be that near.
The copy is reloaded when the word index changes (a territory import gives its rows new ids),
which one indexed ``MAX(id)`` read tells.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field

from django.db.models import Max
from rapidfuzz import process
from rapidfuzz.distance import OSA

from sinergi.areas.models import AreaWord

# Words this long or longer may be misspelt by one letter, from SLIP_TWO_FROM by two letters;
# shorter words ("bis", "air") must be typed right: one letter off is another word.
SLIP_ONE_FROM = 4
SLIP_TWO_FROM = 8
NEAR_WORDS_MAX = 20


def slips_allowed(word: str) -> int:
    if len(word) >= SLIP_TWO_FROM:
        return 2
    return 1 if len(word) >= SLIP_ONE_FROM else 0


@dataclass(frozen=True, slots=True)
class Vocabulary:
    words: list[str]  # sorted
    backwards: list[str] = field(default_factory=list)  # each word reversed, sorted

    @classmethod
    def of(cls, words: set[str]) -> Vocabulary:
        return cls(words=sorted(words), backwards=sorted(w[::-1] for w in words))

    def starts_a_word(self, prefix: str) -> bool:
        """Whether any word of the territory starts with ``prefix``."""
        i = bisect.bisect_left(self.words, prefix)
        return i < len(self.words) and self.words[i].startswith(prefix)

    def near(self, word: str) -> dict[str, int]:
        """Other words within the allowed slips of ``word``, nearest first, with the distance."""
        allowed = slips_allowed(word)
        if not allowed:
            return {}
        choices = sorted(self._may_be_near(word, allowed))
        found = process.extract(
            word, choices, scorer=OSA.distance, score_cutoff=allowed, limit=NEAR_WORDS_MAX + 1
        )
        near = {choice: int(distance) for choice, distance, _i in found if choice != word}
        return dict(list(near.items())[:NEAR_WORDS_MAX])

    def _may_be_near(self, word: str, allowed: int) -> set[str]:
        """The words that may be within ``allowed`` slips of ``word``. A slip (a letter changed,
        added, dropped, or two swapped) leaves the letters before it and after it as they were,
        so one slip leaves the first part or the last part of the word whole, split where the
        fewest words start or end so (every word within one slip is found). Of two slips, one
        must leave the word's first third or last third whole: a slip at each end is not
        looked for (the middle third alone would mean reading every word)."""
        n = len(word)
        if allowed == 1:
            half = min(
                range(1, n - 1),
                key=lambda m: (
                    self._count(self.words, word[:m])
                    + self._count(self.backwards, word[m + 1 :][::-1])
                ),
            )
            found = self._starting(word[:half]) | self._ending(word[half + 1 :])
        else:
            third = n // 3
            found = self._starting(word[:third]) | self._ending(word[n - third :])
        return {w for w in found if n - allowed <= len(w) <= n + allowed}

    @staticmethod
    def _count(words: list[str], prefix: str) -> int:
        return bisect.bisect_left(words, prefix + "\uffff") - bisect.bisect_left(words, prefix)

    def _starting(self, prefix: str) -> set[str]:
        i = bisect.bisect_left(self.words, prefix)
        j = bisect.bisect_left(self.words, prefix + "\uffff")
        return set(self.words[i:j])

    def _ending(self, suffix: str) -> set[str]:
        backwards = suffix[::-1]
        i = bisect.bisect_left(self.backwards, backwards)
        j = bisect.bisect_left(self.backwards, backwards + "\uffff")
        return {w[::-1] for w in self.backwards[i:j]}


_lock = threading.Lock()
_kept: tuple[int | None, Vocabulary] = (-1, Vocabulary(words=[]))


def vocabulary() -> Vocabulary:
    """The distinct words of the word index; reloaded when the index changed."""
    global _kept  # noqa: PLW0603 -- the process's one copy
    stamp = AreaWord.objects.aggregate(last=Max("id"))["last"]
    kept_stamp, kept = _kept
    if kept_stamp != stamp:
        with _lock:
            kept = Vocabulary.of(set(AreaWord.objects.values_list("word", flat=True).iterator()))
            _kept = (stamp, kept)
    return kept
