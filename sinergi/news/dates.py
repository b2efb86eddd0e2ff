"""The activity date of a release: a regex first pass finds candidate dates, dateparser reads the
ones written with month names, and the context decides whether a candidate is the activity's.

LABELLING.md: a statement date ("ujar X, Sabtu (28/9/2024)") is not the activity date; a day and
month with no year anywhere in the text gives no date; a two-digit year counts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import cast

from sinergi.news.gazetteer import data


def _words(key: str) -> list[str]:
    return cast(list[str], data("dates.json")[key])


def _months() -> dict[str, int]:
    return cast(dict[str, int], data("dates.json")["months"])


_MONTH = "|".join(sorted(_months(), key=len, reverse=True))
# Anchored on digits (a regex that starts with an optional weekday would be tried at every
# position); the weekday is looked for just before the match.
# "(28/9/2024)", "30/10/23", "( 07 / 09 / 2025 )", "(23/6)"
NUMERIC = re.compile(
    r"(?<![\d/.])(?P<paren>\(\s*)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})"
    r"(?:\s*[/.-]\s*(?P<y>\d{4}|\d{2}))?(?![\d/])"
)
# "11 Oktober 2024", "14 Juli 2022", "27 November mendatang"
NAMED = re.compile(
    rf"(?<!\d)(?P<text>(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\.?(?:\s+(?P<y>\d{{4}}))?)\b",
    re.IGNORECASE,
)
WEEKDAY_BEFORE = re.compile(
    r"\b(?P<day>" + "|".join(_words("days")) + r")\b\W{0,3}(?:tanggal\s+|hari\s+)?\W{0,3}$",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
LAW_YEAR = re.compile(r"\b(?:nomor|no)\.?\s*\d+\s+tahun\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    date: dt.date | None  # None: day and month without a year
    day: int
    month: int
    weekday_word: str  # "jumat" as written before the date, "" when absent
    statement: bool
    future: bool


@functools.lru_cache(maxsize=4096)
def _parse_named(text: str) -> dt.date | None:
    """dateparser reads Indonesian month names (and their abbreviations) for us."""
    # imported here: dateparser pulls in regex and tz tables, which only the reader needs
    import dateparser  # noqa: PLC0415 -- see above

    parsed = dateparser.parse(
        text,
        languages=["id"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    year = int(raw)
    return year + 2000 if year < 100 else year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@functools.cache
def _speech() -> re.Pattern[str]:
    verbs = sorted(_words("speech_verbs"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b")


def _weekday(text: str, start: int) -> str:
    found = WEEKDAY_BEFORE.search(text[max(0, start - 22) : start])
    return found["day"].lower() if found else ""


def _context(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(statement, future) from the words just before and after the date."""
    before = text[max(0, start - 90) : start].lower()
    # only the current sentence counts
    before = re.split(r"[.!?\n]\s", before)[-1]
    after = text[end : end + 25].lower()
    ties = _words("activity_ties")
    statement = bool(_speech().search(before)) and not any(t in before for t in ties)
    future = _future(before, near=40) or _future(after) or _elsewhere(text, start, before)
    return statement, future


def _elsewhere(text: str, start: int, before: str) -> bool:
    """Another event's date ("pasca pelaksanaan Pemilu serentak 17 April 2019"): a marker in
    the words just before it, and no weekday written with it."""
    near = before[-_ELSEWHERE_REACH:].split()
    return not _weekday(text, start) and any(w in near for w in _words("elsewhere_markers"))


_ELSEWHERE_REACH = 45  # characters before a date where "pasca" makes it another event's


@functools.cache
def _future_pattern() -> re.Pattern[str]:
    # whole words: "akan" must not be found in "dilaksanakan"
    markers = "|".join(re.escape(m) for m in _words("future_markers"))
    return re.compile(rf"(?P<before>\w*)\W*\b(?:{markers})\b")


def _future(text: str, near: int = 0) -> bool:
    """A future word in text (in its last ``near`` characters when given); "akan" after a verb
    ("mensosialisasikan akan bahaya") means "about", not "will"."""
    return any(
        not (m.group(0).rstrip().endswith("akan") and m["before"].startswith("me"))
        for m in _future_pattern().finditer(text)
        if not near or m.end() >= len(text) - near
    )


def candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for match in NAMED.finditer(text):
        year = _year(match["y"])
        month = _months()[match["mon"].lower()]
        date = _parse_named(match["text"]) if year else None
        statement, future = _context(text, match.start(), match.end())
        found.append(
            Candidate(
                match.start(),
                date,
                int(match["d"]),
                month,
                _weekday(text, match.start()),
                statement,
                future,
            )
        )
    for match in NUMERIC.finditer(text):
        weekday = _weekday(text, match.start())
        # a bare "12/3" without weekday or parentheses is too often a score, a unit number
        if not weekday and not match["paren"]:
            continue
        day, month = int(match["d"]), int(match["m"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        year = _year(match["y"])
        date = _safe_date(year, month, day) if year else None
        statement, future = _context(text, match.start(), match.end())
        found.append(Candidate(match.start(), date, day, month, weekday, statement, future))
    return sorted(found, key=lambda c: c.start)


def activity_date(text: str, *, program_days: Collection[str] = ()) -> str | None:
    """ISO date of the activity, or None when the text does not tie one to it.

    program_days: weekday words of the programmes found ("jumat" for Jumat Curhat); a statement
    dated on that weekday is taken as the activity's day."""
    found = [c for c in candidates(text) if not c.future]
    if not found:
        return None
    # "Perkap Nomor 3 Tahun 2015": a regulation's year dates no activity
    years = [
        m[0]
        for m in YEAR.finditer(text)
        if not LAW_YEAR.search(text[max(0, m.start() - 30) : m.start()])
    ]
    fallback_year = int(years[0]) if years else None

    def resolve(c: Candidate) -> dt.date | None:
        if c.date is not None:
            return c.date
        return _safe_date(fallback_year, c.month, c.day) if fallback_year else None

    # the programme's own day first: "NTT, 7 Februari 2026 - ... digelar Jumat (6/2/2026)"
    said = [c for c in found if not c.statement]
    for c in sorted(said, key=lambda c: c.weekday_word not in program_days):
        if date := resolve(c):
            return date.isoformat()
    for c in found:
        if c.weekday_word and c.weekday_word in program_days and (date := resolve(c)):
            return date.isoformat()
    return None


TIME = re.compile(r"\b(?:pukul|pkl|jam)\.?\s+(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\b", re.IGNORECASE)
# a time that ends something ("berakhir pukul 14.00", "hingga pukul 12.00") is not its start
ENDS = re.compile(
    r"\b(?:berakhir|selesai|hingga|sampai|s\.?\s?d\.?|s/d)\W*(?:\w+\W+)?$", re.IGNORECASE
)


def activity_time(text: str) -> str | None:
    """ "HH:MM" of the first time of day the text writes as a start ("pukul 09.00 WIB"), None
    without one: a time is never guessed, and the time an activity ended is not its start."""
    for match in TIME.finditer(text):
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if ENDS.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    return None


# A promise's term as the release writes it: "dalam waktu satu minggu", "paling lambat 3 hari",
# "dalam sepekan". Only with a length and a unit: "segera" or "secepatnya" give no date.
_NUMBERS = {
    "satu": 1,
    "se": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "dua belas": 12,
    "empat belas": 14,
}  # fmt: skip -- a table of number words
_UNIT_DAYS = {"hari": 1, "minggu": 7, "pekan": 7, "bulan": 30}
TERM = re.compile(
    r"\b(?:dalam(?:\s+(?:waktu|jangka\s+waktu|kurun\s+waktu))?|paling\s+lambat|maksimal|"
    r"selambat-lambatnya)\s+(?:(?P<n>\d{1,3}|dua belas|empat belas|"
    + "|".join(sorted((k for k in _NUMBERS if k != "se" and " " not in k), key=len, reverse=True))
    + r")\s+|(?P<se>se))(?P<unit>hari|minggu|pekan|bulan)\b"
    r"(?!\s+(?:terakhir|lalu|belakangan|sebelumnya))",  # "dalam dua minggu terakhir": the past
    re.IGNORECASE,
)


def term_days(text: str) -> int | None:
    """The days of the first term a promise is given ("dalam waktu satu minggu": 7), or None."""
    match = TERM.search(text)
    if match is None:
        return None
    raw = (match["n"] or match["se"]).lower()
    count = int(raw) if raw.isdigit() else _NUMBERS[raw]
    return count * _UNIT_DAYS[match["unit"].lower()] if 0 < count <= 366 else None
