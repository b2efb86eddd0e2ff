"""How area names are folded for search: one rule, used when indexing and when querying."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")
WORD_MAX = 40
# Words people put before a name that say what kind of area it is ("Desa Sukamaju", "Kel. Api-api",
# "Kec. Sekadau Hilir", "Kab. Sekadau"): they narrow nothing, so a query drops them.
FILLER_WORDS = frozenset(
    {"desa", "ds", "kelurahan", "kel", "kecamatan", "kec", "kabupaten", "kab", "provinsi", "prov"}
)
# Spaces that may come or go ("Suka Maju" / "Sukamaju"): at most this many words are joined.
JOIN_MAX = 3
# Longer queries are taken word by word only (the ways to join words grow quickly).
JOIN_WORDS_MAX = 5
# A name's runs of up to this many words are indexed written as one.
JOIN_INDEX_MAX = 4


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


def index_words(name: str) -> list[str]:
    """The words of a name in the word index: each word, and each run of two to JOIN_INDEX_MAX
    words also written as one ("Talang Suka Maju" → talang, suka, maju, talangsuka, sukamaju,
    talangsukamaju), so "Sukamaju" and "Kumpangbis" find "Suka Maju" and "Kumpang Bis"."""
    found = dict.fromkeys(words(name))
    parts = fold(name).split()
    for size in range(2, min(len(parts), JOIN_INDEX_MAX) + 1):
        for start in range(len(parts) - size + 1):
            found.setdefault("".join(parts[start : start + size])[:WORD_MAX], None)
    return list(found)


def search_key(names: list[str]) -> str:
    """The words a query may match for one area: its own name's, then after a "|" its parents'
    (nearest first), with runs of words also written as one (index_words), so "Sukamaju
    Sekadau" narrows to Sekadau: "kumpang bis kumpangbis | belitang hilir belitanghilir ..."."""
    own = index_words(names[0]) if names else []
    seen = dict.fromkeys(own)
    parents = [w for name in names[1:] for w in index_words(name) if w not in seen]
    parents = list(dict.fromkeys(parents))
    return " ".join(own + (["|", *parents] if parents else []))


def query_words(query: str) -> list[str]:
    """The words of a query that narrow it: folded, without the area kinds people type before a
    name ("Desa", "Kel.", "Kec.", "Kab."), unless nothing else is left."""
    found = [w[:WORD_MAX] for w in fold(query).split()]
    kept = [w for w in found if w not in FILLER_WORDS]
    return kept or found


def readings(query_words: list[str]) -> list[tuple[str, ...]]:
    """Every way to read the words with spaces that may not be there: "suka maju sekadau" is also
    "sukamaju sekadau", "suka majusekadau" and "sukamajusekadau" (runs of at most JOIN_MAX words).
    The words as typed come first."""
    if len(query_words) > JOIN_WORDS_MAX:
        return [tuple(query_words)]
    found: list[tuple[str, ...]] = []

    def walk(start: int, taken: tuple[str, ...]) -> None:
        if start == len(query_words):
            found.append(taken)
            return
        for end in range(start + 1, min(len(query_words), start + JOIN_MAX) + 1):
            walk(end, (*taken, "".join(query_words[start:end])[:WORD_MAX]))

    walk(0, ())
    return found


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
