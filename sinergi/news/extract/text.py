"""Text preparation: quotes and dashes normalised, noise lines out, sentences, capitalised runs."""

from __future__ import annotations

import functools
import re

from sinergi.news.extract.lexicon import fold, unit_words, word_list

_QUOTES = {"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


@functools.cache
def _glue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # "PolresTubanPoldaJatim" as some sites print a tag line
    return (
        re.compile(rf"(?<=[a-z])(?=(?:{unit_words()})[A-Z])"),
        re.compile(rf"\b({unit_words()})(?=[A-Z][a-z])"),
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
    # "Iptu Alimin, SH,Bhabinkamtibmas Polsek Muara Kuang,Kades ...": a comma ends a word;
    # so does a full stop before a capital ("Drs.Royke Lumowa.M.M", "H.Edi"), not in "S.I.K"
    text = _COMMA_GLUED.sub(", ", text)
    text = _STOP_GLUED.sub(". ", text)
    kept = [_credit_at_end().sub("", line) for line in text.splitlines() if not _is_noise(line)]
    return "\n".join(kept)


_COMMA_GLUED = re.compile(r",(?=[A-Za-z])")
_STOP_GLUED = re.compile(r"(?<=[A-Za-z]{2})\.(?=[A-Z])|(?<=\bH)\.(?=[A-Z][a-z]{2})")


@functools.cache
def _credit_at_end() -> re.Pattern[str]:
    # "... lebih baik. (Humas Polsek Tegalrejo)": a credit closing a paragraph, like a byline
    starts = "|".join(word_list("units.json", "byline_starts"))
    return re.compile(rf"\s*\((?:{starts})\b[^()]{{0,60}}\)\s*$", re.IGNORECASE)


def _is_byline(line: str) -> bool:
    words = fold(line).split()
    return bool(words) and words[0] in word_list("units.json", "byline_starts") and len(words) <= 8


def _is_noise(line: str) -> bool:
    words = fold(line[:40]).split()[:3]
    noise = _noise_starts()
    starts = (" ".join(words[:n]) for n in range(1, len(words) + 1))
    return any(start in noise for start in starts) or _is_byline(line)


@functools.cache
def _noise_starts() -> frozenset[str]:
    return frozenset(word_list("page.json", "noise_line_starts"))


_LIST_NUMBER = re.compile(r"\d{1,2}\.")  # "1." opening a line: the item follows


def sentences(text: str) -> list[str]:
    """Sentences and lines; a full stop after an abbreviation ("H. Suta") or after an item's
    number at a line's start ("1. Gangguan keamanan") ends nothing."""
    abbreviations = set(word_list("free_text.json", "abbreviations"))
    out: list[str] = []
    for line in text.splitlines():
        for raw in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", line):
            part = raw.strip()
            if not part:
                continue
            last = out[-1].split()[-1:] if out else []
            numbered = bool(out) and _LIST_NUMBER.fullmatch(out[-1]) is not None
            if numbered or (last and last[0].endswith(".") and fold(last[0]) in abbreviations):
                out[-1] = f"{out[-1]} {part}"
            else:
                out.append(part)
        out.append("")  # a line break always ends a sentence
    return [s for s in out if s]


# --------------------------------------------------------------------------------------------
# Names: capitalised words read one by one, so punctuation ends a name where it should

# "Moh.", "M.", "H.", and initials written together ("W.A.", "A.A.")
_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{0,2}\.|(?:[A-Z]\.){2,3})$")


@functools.cache
def _honorifics() -> frozenset[str]:
    return frozenset(word_list("names.json", "honorifics"))


def _honorific(token: str) -> bool:
    return fold(token.rstrip(".")) in _honorifics()


def capitalised_run(text: str, *, limit: int = 6, digits: bool = False) -> tuple[list[str], str]:
    """The capitalised words at the start of text, and what ended the run.

    Returns (words, end) where end is "," for a comma, "." for a sentence end, " " otherwise.
    A line break ends the run too ("ujar AKP Zainuddin" closing a paragraph without a stop)."""
    words: list[str] = []
    line, newline, _rest = text.lstrip(" \t").partition("\n")
    for token in line.split()[: limit + 1]:
        first = token[0]
        if not (first.isupper() or (digits and first.isdigit())):
            return words, " "
        bare = token.rstrip(",;:.)(\"'!?*-")
        if not bare or len(words) == limit:
            return words, " "
        if token.endswith(".") and (_ABBREVIATION.match(token) or _honorific(token)):
            words.append(token)  # "Prof. Dr. Dadang": titles before a name go on to it
            continue
        words.append(bare)
        tail = token[len(bare) :]
        if tail:
            return words, "," if "," in tail else "." if "." in tail else " "
    return words, "." if newline and words else " "
