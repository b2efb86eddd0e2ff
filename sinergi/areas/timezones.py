"""Indonesia's three time zones, decided by the province (Keppres 41/1987): every time shown to
a citizen or an officer is in the zone of the place it concerns, and says which ("08.12 WITA")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _


@dataclass(frozen=True, slots=True)
class Zone:
    name: str  # the IANA zone
    abbr: str  # as Indonesians write it

    @property
    def info(self) -> ZoneInfo:
        return ZoneInfo(self.name)


WIB = Zone("Asia/Jakarta", "WIB")
WITA = Zone("Asia/Makassar", "WITA")
WIT = Zone("Asia/Jayapura", "WIT")

# Province codes (the first two digits of every Kemendagri code) outside WIB.
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


def zone_of(code: str) -> Zone:
    """The time zone of an area (any level) by its code; WIB when the code says nothing."""
    province = (code or "")[:2]
    if province in _WITA:
        return WITA
    if province in _WIT:
        return WIT
    return WIB


def local(moment: datetime, code: str) -> datetime:
    return timezone.localtime(moment, zone_of(code).info)


def day_of(moment: datetime, code: str) -> date:
    """The calendar day of a moment where it happened: 23.30 WIB in Jakarta is already the next
    day in Bontang (WITA), whoever asks and from wherever."""
    return local(moment, code).date()


def shown(moment: datetime | None, code: str, fmt: str = "j M Y, H.i") -> str:
    """ "6 Des 2026, 08.12 WITA": the moment in the area's zone, in the reader's language."""
    if moment is None:
        return ""
    return f"{formats.date_format(local(moment, code), fmt)} {zone_of(code).abbr}"


def shown_here(moment: datetime | None, fmt: str = "j M Y, H.i") -> str:
    """The same in the reader's own zone (an official's, see accounts.middleware), for what
    belongs to no place: an upload, a sign-in."""
    if moment is None:
        return ""
    return f"{formats.date_format(timezone.localtime(moment), fmt)} {current().abbr}"


def current() -> Zone:
    """The request's zone (an official's own, see accounts.middleware); WIB otherwise."""
    name = timezone.get_current_timezone_name()
    return next((z for z in (WIB, WITA, WIT) if z.name == name), WIB)


def _typed_in() -> str:
    return _("Waktu setempat (%(zone)s)") % {"zone": current().abbr}


# the help text of a date-and-time field: in which zone what the officer types is read
typed_in = lazy(_typed_in, str)
