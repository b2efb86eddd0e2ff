"""Dates as Indonesian documents write them, whatever language the reader chose: a letter, a
surat perintah and a press release are Indonesian papers ("Minggu, 6 Desember 2026"); a recap's
files are too (made under Indonesian, dashboards/recap.py), its page follows the reader."""

from __future__ import annotations

from datetime import date

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def day_month_year(day: date) -> str:
    """ "6 Desember 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """ "Minggu, 6 Desember 2026"."""
    return f"{DAYS[day.weekday()]}, {day_month_year(day)}"
