"""How area names are folded for search: one rule, used when indexing and when querying."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")
WORD_MAX = 40


def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: "Jum’at Tanjung-Laut" → "jum at tanjung laut"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub(" ", ascii_text.lower()).strip()


def words(text: str) -> list[str]:
    """Distinct search words of a name, in order, each at most WORD_MAX characters."""
    seen: dict[str, None] = {}
    for word in fold(text).split():
        seen.setdefault(word[:WORD_MAX], None)
    return list(seen)


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
