"""What a promise asks for, and how much of it the evidence shows (pure rules, no writes).

A promise to do something again and again ("patroli rutin setiap hari", "sambang tiap malam",
"patroli rutin") is kept day by day (or week by week), not once: it is judged by the share of its
days (weeks) between the day it was made and its due date that have evidence. Words as the seed
releases and officers write them; "rutin" alone (no period named) is taken as weekly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import npgettext

_DAYS = r"minggu|senin|selasa|rabu|kamis|jumat|sabtu"
# "setiap malam" is daily; "setiap malam Minggu" (Saturday night) is weekly
DAILY = re.compile(
    rf"\b(setiap|tiap)\s+(hari|malam(?!\s+(?:{_DAYS})\b)|pagi|siang|sore)\b"
    r"|\bsetiap\s+harinya\b|\bharian\b|\bsehari-hari\b|\b24\s*jam\b",
    re.IGNORECASE,
)
WEEKLY = re.compile(
    rf"\b(setiap|tiap)\s+(pekan|(?:malam\s+)?(?:{_DAYS}))\b"
    r"|\bseminggu\s+sekali\b|\bmingguan\b|\brutin\b|\bberkala\b|\bterus-menerus\b",
    re.IGNORECASE,
)


def recurrence_of(text: str) -> str:
    """ "daily", "weekly" or "" (once) — the codes of Commitment.Recurrence."""
    if DAILY.search(text):
        return "daily"
    if WEEKLY.search(text):
        return "weekly"
    return ""


@dataclass(frozen=True, slots=True)
class Rate:
    """How many of a recurring promise's periods (days or weeks) so far have evidence."""

    periods: int
    with_evidence: int
    weekly: bool = False

    @property
    def unit(self) -> str:
        """ "minggu"/"hari", counted as the reader's language counts ("of 1 week", "of 3 days")."""
        if self.weekly:
            return npgettext("periods", "minggu", "minggu", self.periods)
        return npgettext("periods", "hari", "hari", self.periods)

    @property
    def share(self) -> float | None:
        return self.with_evidence / self.periods if self.periods else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return round(share * 100) if share is not None else None


def rate(
    *, recurrence: str, made_on: date, due_on: date, today: date, days: Iterable[date]
) -> Rate | None:
    """The evidence rate from the day the promise was made up to today (at most its due date).
    None for a one-off promise."""
    if not recurrence:
        return None
    end = min(today, due_on)
    if end < made_on:
        return Rate(periods=0, with_evidence=0, weekly=recurrence == "weekly")
    seen = {d for d in days if made_on <= d <= end}
    if recurrence == "daily":
        return Rate(periods=(end - made_on).days + 1, with_evidence=len(seen))
    weeks = (end - made_on).days // 7 + 1
    covered = {(d - made_on).days // 7 for d in seen}
    return Rate(periods=weeks, with_evidence=len(covered), weekly=True)
