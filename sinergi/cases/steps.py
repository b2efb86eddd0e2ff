"""What a public step of a case says to the citizen, in plain words (one rule for the tracking
page, Open311's notes and the messages to the reporter)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases.models import Case, CaseEvent


@dataclass(frozen=True, slots=True)
class Step:
    at: datetime
    title: str
    message: str  # what a person wrote (a reply, a resolution, a reason); may be empty


FIXED = {
    CaseEvent.Kind.SUBMITTED: gettext_lazy("Laporan diterima"),
    CaseEvent.Kind.TAKEN: gettext_lazy("Laporan diambil petugas untuk ditangani"),
    CaseEvent.Kind.REPLIED: gettext_lazy("Petugas membalas"),
    CaseEvent.Kind.MERGED: gettext_lazy("Digabung dengan laporan serupa"),
    CaseEvent.Kind.REOPENED: gettext_lazy("Dibuka kembali atas permintaan pelapor"),
}
STATUS = {
    Case.Status.SELESAI: gettext_lazy("Laporan selesai ditangani"),
    Case.Status.DITOLAK: gettext_lazy("Laporan tidak dapat ditindaklanjuti"),
}


def _escalated(data: dict[str, Any], areas: dict[str, Area]) -> str:
    area = areas.get(str(data.get("to", "")))
    where = f"{area.get_kind_display()} {area.name}" if area else _("tingkat atas")
    if data.get("empty_seats"):
        return _("Diteruskan ke %(where)s karena petugas desa belum tercatat") % {"where": where}
    if data.get("sla_breach"):
        return _("Batas waktu terlampaui; diteruskan ke %(where)s") % {"where": where}
    return _("Diteruskan ke %(where)s") % {"where": where}


def _referred(data: dict[str, Any]) -> str:
    agency, reference = str(data.get("agency", "")), str(data.get("reference", ""))
    if reference:
        return _("Dirujuk ke %(agency)s, nomor rujukan %(reference)s") % {
            "agency": agency,
            "reference": reference,
        }
    return _("Dirujuk ke %(agency)s") % {"agency": agency}


def _reporter_asked(kind: str, data: dict[str, Any]) -> str:
    """The reporter's answer (solved? did the agency act?), or our asking them."""
    if kind == CaseEvent.Kind.FOLLOW_UP:
        return _("Pelapor ditanya apakah %(agency)s sudah menindaklanjuti") % {
            "agency": data.get("agency") or _("instansi rujukan")
        }
    solved = bool(data.get("solved"))
    if data.get("referral"):
        return (
            _("Pelapor menyatakan instansi rujukan sudah menindaklanjuti")
            if solved
            else _("Pelapor menyatakan instansi rujukan belum menindaklanjuti")
        )
    return (
        _("Pelapor menyatakan sudah selesai") if solved else _("Pelapor menyatakan belum selesai")
    )


def title(event: CaseEvent, areas: dict[str, Area] | None = None) -> str:
    """The step's headline in plain Indonesian (translated when the reader chose English)."""
    data: dict[str, Any] = event.data if isinstance(event.data, dict) else {}
    kind = event.kind
    if kind in FIXED:
        return str(FIXED[CaseEvent.Kind(kind)])
    if kind == CaseEvent.Kind.STATUS:
        return str(STATUS.get(data.get("status"), _("Status laporan berubah")))  # type: ignore[arg-type]  # a status value or nothing
    if kind == CaseEvent.Kind.ESCALATED:
        return _escalated(data, areas or {})
    if kind == CaseEvent.Kind.REFERRED:
        return _referred(data)
    if kind in {CaseEvent.Kind.FEEDBACK, CaseEvent.Kind.FOLLOW_UP}:
        return _reporter_asked(kind, data)
    return str(event.get_kind_display())


def _areas_named(events: list[CaseEvent]) -> dict[str, Area]:
    codes = {
        str(e.data.get("to"))
        for e in events
        if e.kind == CaseEvent.Kind.ESCALATED and isinstance(e.data, dict) and e.data.get("to")
    }
    return Area.objects.in_bulk(list(codes)) if codes else {}


def public_steps(events: Iterable[CaseEvent]) -> list[Step]:
    """The public steps with their plain titles; the areas they name are read in one query."""
    events = [e for e in events if e.public]
    areas = _areas_named(events)
    return [Step(at=e.at, title=title(e, areas), message=e.message) for e in events]


def officer_headlines(events: Iterable[CaseEvent]) -> list[tuple[CaseEvent, str]]:
    """Every step for the handlers: a public one as the reporter reads it, a message from the
    reporter by where it came from, an internal one by its kind."""
    events = list(events)
    areas = _areas_named(events)
    handed = User.objects.in_bulk(
        [
            e.data["assigned_to"]
            for e in events
            if isinstance(e.data, dict) and "assigned_to" in e.data
        ]
    )
    lines = []
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        to = handed.get(data.get("assigned_to", 0))
        if to is not None:
            # given to someone (the inbox's "assign", the case page's "serahkan"): to whom
            headline = _("Diserahkan kepada %(name)s") % {"name": to.display_name}
        elif data.get("from_reporter"):
            headline = (
                _("Pesan pelapor lewat halaman laporan")
                if data.get("channel") == "web"
                else _("Pesan pelapor lewat chat")
            )
        elif event.public:
            headline = title(event, areas)
        else:
            headline = str(event.get_kind_display())
        lines.append((event, headline))
    return lines
