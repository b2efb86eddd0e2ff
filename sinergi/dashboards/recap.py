"""A unit's weekly or monthly recap as XLSX and PDF: cases in and out, SLA, solved at village
tier, activities by type, commitments kept. Built from the dashboard's own selector."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from fpdf import FPDF
from openpyxl import Workbook

from config.dbrouter import reading_from_replica
from sinergi.cases.figures import accountability
from sinergi.dashboards.selectors import area_q
from sinergi.engagement.catalogue import ActivityType
from sinergi.engagement.models import Activity, Commitment
from sinergi.engagement.selectors import DONE
from sinergi.units.models import Unit

PERIODS = {"minggu": 7, "bulan": 30}


@dataclass(frozen=True, slots=True)
class Recap:
    unit: str
    period: str
    since: dt.date
    until: dt.date
    rows: list[tuple[str, str]]  # (what, value), in order
    activities: list[tuple[str, int]]


def _pct(part: int, base: int) -> str:
    return f"{round(100 * part / base)}%" if base else "-"


@reading_from_replica()
def recap(unit: Unit, codes: list[str], period: str, today: dt.date | None = None) -> Recap:
    today = today or timezone.localdate()
    days = PERIODS[period]
    until = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    since = until - dt.timedelta(days=days)
    figures = [accountability(area_code=c, since=since, until=until) for c in codes]
    received = sum(f.received for f in figures)
    taken_in_sla = sum(f.taken_within_sla for f in figures)
    resolved = sum(f.resolved for f in figures)
    at_village = sum(f.resolved_at_village for f in figures)
    where = area_q(codes)
    names = dict(ActivityType.choices)
    activities = [
        (str(names.get(kind, kind)), n)
        for kind, n in Activity.objects.filter(where, status__in=DONE, held_at__gte=since,
                                               held_at__lt=until)
        .values_list("kind")
        .order_by("kind")
        .annotate(n=Count("pk"))
    ]  # fmt: skip
    kept = Commitment.objects.filter(where, done_at__gte=since, done_at__lt=until).count()
    due = Commitment.objects.filter(where, due_on__gte=since.date(), due_on__lt=until.date())
    rows = [
        ("Laporan masuk", str(received)),
        ("Laporan selesai", str(resolved)),
        ("Ditanggapi dalam SLA", _pct(taken_in_sla, received)),
        ("Selesai di tingkat desa", _pct(at_village, resolved)),
        ("Kegiatan", str(sum(n for _k, n in activities))),
        ("Komitmen ditepati", str(kept)),
        ("Komitmen jatuh tempo", str(due.count())),
        (
            "Komitmen jatuh tempo yang ditepati",
            str(due.filter(status=Commitment.Status.DONE).count()),
        ),
    ]
    return Recap(
        unit=unit.name, period=period, since=since.date(), until=today, rows=rows,
        activities=activities,
    )  # fmt: skip


def title(r: Recap) -> str:
    label = "mingguan" if r.period == "minggu" else "bulanan"
    return f"Rekap {label} {r.unit}, {r.since:%d-%m-%Y} s.d. {r.until:%d-%m-%Y}"


def as_xlsx(r: Recap) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Rekap"
    sheet.append([title(r)])
    sheet.append([])
    for what, value in r.rows:
        sheet.append([what, int(value) if value.isdigit() else value])
    sheet.append([])
    sheet.append(["Kegiatan menurut jenis", "Jumlah"])
    for kind, n in r.activities:
        sheet.append([kind, n])
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PLAIN = str.maketrans("–—“”’", '--""\'')


def _latin(text: str) -> str:
    """The PDF's core font is Latin-1: typographic dashes and quotes become plain ones."""
    plain = text.translate(PLAIN)
    return plain.encode("latin-1", "replace").decode("latin-1")


def as_pdf(r: Recap) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(title(r)))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 8, _latin(title(r)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for what, value in r.rows:
        pdf.cell(110, 7, _latin(what), border=1)
        pdf.cell(40, 7, value, border=1, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, "Kegiatan menurut jenis", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for kind, n in r.activities or [("-", 0)]:
        pdf.cell(110, 7, _latin(kind), border=1)
        pdf.cell(40, 7, str(n), border=1, align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
