"""`{% load wilayah %}` … `{{ case.created_at|waktu:case.area_id }}` → "6 Des 2026, 08.12 WITA"."""

from __future__ import annotations

from datetime import datetime

from django import template

from sinergi.areas import timezones

register = template.Library()


@register.filter
def waktu(moment: datetime | None, code: str) -> str:
    """The moment in the time zone of the area with this code, with the zone's name."""
    return timezones.shown(moment, str(code or ""))


@register.filter
def tanggal_waktu(moment: datetime | None, code: str) -> str:
    """The same with the month written out: "6 Desember 2026, 08.12 WITA"."""
    return timezones.shown(moment, str(code or ""), "j F Y, H.i")


@register.filter
def hari_waktu(moment: datetime | None, code: str) -> str:
    """With the weekday: "Jumat, 11 Desember 2026, 09.00 WITA"."""
    return timezones.shown(moment, str(code or ""), "l, j F Y, H.i")


@register.filter
def jam(moment: datetime | None, code: str) -> str:
    """The clock only: "09.00 WITA"."""
    return timezones.shown(moment, str(code or ""), "H.i")


@register.filter
def waktu_sini(moment: datetime | None) -> str:
    """In the reader's own zone: "6 Des 2026, 08.12 WITA"."""
    return timezones.shown_here(moment)
