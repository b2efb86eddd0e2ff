"""A unit's recap for a calendar week, a calendar month or a chosen range: the figures a Polres
files, for the unit, per unit below it (its Polsek) and per tier that owns the cases, as XLSX and
PDF (Unicode font, the unit's letterhead). The dashboard shows the same `figures()` for this
week and this month, so the two always agree.

Cases received in the period, and of them: taken within the village tier's SLA, resolved,
resolved while the village's Tiga Pilar still owned them, referred to another agency.
Activities reported or verified, held in the period, per programme. Commitments kept in the
period, and those due in it that were late (kept after their date, or still open past it).
Patrol visits planned (stops × days the plan runs) and executed (check-ins not flagged, one per
stop and day). Events secured (after-event report in the period). Issues opened.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.dbrouter import reading_from_replica
from sinergi.areas.models import Area
from sinergi.cases.figures import accountability
from sinergi.cases.models import Case
from sinergi.dashboards.selectors import area_q
from sinergi.early_warning.models import Issue
from sinergi.engagement.catalogue import Program
from sinergi.engagement.models import Activity, Commitment
from sinergi.engagement.selectors import DONE, unit_codes
from sinergi.home.documents import Document
from sinergi.units.models import Unit

PERIODS = ("minggu", "bulan", "rentang")
MAX_RANGE_DAYS = 366
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
TIERS = {
    Area.Level.VILLAGE: "Desa/kelurahan (Tiga Pilar)",
    Area.Level.DISTRICT: "Kecamatan (Forkopimcam)",
    Area.Level.REGENCY: "Kabupaten/kota (Forkopimda)",
    Area.Level.PROVINCE: "Provinsi",
}


@dataclass(frozen=True, slots=True)
class Period:
    kind: str
    first: dt.date
    last: dt.date  # inclusive

    @property
    def since(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.first, dt.time()))

    @property
    def until(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time()))

    @property
    def label(self) -> str:
        if self.kind == "bulan":
            return f"{MONTHS[self.first.month - 1]} {self.first.year}"
        span = f"{_long(self.first)} s.d. {_long(self.last)}"
        if self.kind == "minggu":
            return f"minggu ke-{self.first.isocalendar().week} ({span})"
        return span

    @property
    def slug(self) -> str:
        return f"{self.first:%Y%m%d}-{self.last:%Y%m%d}"


def _long(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def week_of(day: dt.date) -> Period:
    first = day - dt.timedelta(days=day.weekday())
    return Period("minggu", first, first + dt.timedelta(days=6))


def month_of(day: dt.date) -> Period:
    first = day.replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    return Period("bulan", first, after - dt.timedelta(days=1))


class PeriodError(ValueError):
    """A period that cannot be recapped, said in Indonesian."""


def period_from(kind: str, params: dict[str, str], today: dt.date) -> Period:
    """The period asked for: ?tanggal= (a day of the week), ?bulan=YYYY-MM, ?dari=&sampai=."""
    try:
        if kind == "minggu":
            day = params.get("tanggal", "")
            return week_of(dt.date.fromisoformat(day) if day else today)
        if kind == "bulan":
            month = params.get("bulan", "")
            return month_of(dt.date.fromisoformat(f"{month}-01") if month else today)
        first = dt.date.fromisoformat(params.get("dari", ""))
        last = dt.date.fromisoformat(params.get("sampai", ""))
    except ValueError as exc:
        raise PeriodError(_("Tanggal tidak dikenal: tulis seperti 2026-12-01.")) from exc
    if last < first:
        raise PeriodError(_("Tanggal akhir tidak boleh sebelum tanggal awal."))
    if (last - first).days >= MAX_RANGE_DAYS:
        raise PeriodError(_("Rentang paling panjang satu tahun."))
    return Period("rentang", first, last)


@dataclass(frozen=True, slots=True)
class Figures:
    cases_in: int = 0
    taken_in_sla: int = 0
    resolved: int = 0
    resolved_at_village: int = 0
    referred: int = 0
    activities: int = 0
    by_program: dict[str, int] = field(default_factory=dict)
    commitments_kept: int = 0
    commitments_late: int = 0
    patrols_planned: int = 0
    patrols_executed: int = 0
    events_secured: int = 0
    issues_opened: int = 0

    @property
    def share_in_sla(self) -> str:
        return _pct(self.taken_in_sla, self.cases_in)

    @property
    def share_at_village(self) -> str:
        return _pct(self.resolved_at_village, self.resolved)

    @property
    def share_executed(self) -> str:
        return _pct(self.patrols_executed, self.patrols_planned)


def _pct(part: int, base: int) -> str:
    return f"{round(100 * part / base)}%" if base else "-"


@reading_from_replica()
def figures(codes: list[str], period: Period) -> Figures:
    """The figures of the areas (a unit's) for the period: a fixed number of queries."""
    since, until = period.since, period.until
    where = area_q(codes)
    parts = [accountability(area_code=c, since=since, until=until) for c in codes]
    referred = (
        Case.objects.filter(where, created_at__gte=since, created_at__lt=until)
        .filter(status=Case.Status.DIRUJUK)
        .count()
    )
    programs: Counter[str] = Counter()
    activities = 0
    for (listed,) in Activity.objects.filter(
        where, status__in=DONE, held_at__gte=since, held_at__lt=until
    ).values_list("programs"):
        activities += 1
        programs.update(listed or ["-"])
    commitments = Commitment.objects.filter(where, activity__status__in=DONE).aggregate(
        kept=Count("pk", filter=Q(status=Commitment.Status.DONE, done_at__gte=since,
                                  done_at__lt=until)),
        late=Count("pk", filter=Q(due_on__gte=period.first, due_on__lte=period.last,
                                  due_on__lt=timezone.localdate())
                   & (Q(status=Commitment.Status.OPEN)
                      | Q(status=Commitment.Status.DONE, done_at__date__gt=F("due_on")))),
    )  # fmt: skip
    planned, executed, secured = _patrols(codes, period)
    return Figures(
        cases_in=sum(p.received for p in parts),
        taken_in_sla=sum(p.taken_within_sla for p in parts),
        resolved=sum(p.resolved for p in parts),
        resolved_at_village=sum(p.resolved_at_village for p in parts),
        referred=referred, activities=activities, by_program=dict(programs),
        commitments_kept=commitments["kept"], commitments_late=commitments["late"],
        patrols_planned=planned, patrols_executed=executed, events_secured=secured,
        issues_opened=Issue.objects.filter(where, created_at__gte=since, created_at__lt=until)
        .count(),
    )  # fmt: skip


def _patrols(codes: list[str], period: Period) -> tuple[int, int, int]:
    from sinergi.patrols.models import CheckIn, EventRequest, PatrolPlan  # noqa: PLC0415 -- patrols reads engagement

    planned = 0
    for plan in (
        PatrolPlan.objects.filter(area_q(codes))
        .filter(starts_on__lte=period.last, ends_on__gte=period.first)
        .prefetch_related("stops")
    ):
        stops, day = len(plan.stops.all()), max(plan.starts_on, period.first)
        while day <= min(plan.ends_on, period.last):
            planned += stops * int(day.weekday() in plan.weekdays)
            day += dt.timedelta(days=1)
    executed = (
        CheckIn.objects.filter(area_q(codes, "plan__area_id"), flagged=False)
        .filter(at__gte=period.since, at__lt=period.until)
        .annotate(day=TruncDate("at"))
        .values("plan_id", "hotspot_id", "day")
        .distinct()
        .count()
    )
    secured = EventRequest.objects.filter(
        area_q(codes), reported_at__gte=period.since, reported_at__lt=period.until
    ).count()
    return planned, executed, secured


@dataclass(frozen=True, slots=True)
class Recap:
    unit: str
    heading: list[str]
    period: Period
    total: Figures
    units: list[tuple[str, Figures]]  # the units below (a Polres's Polsek)
    tiers: list[tuple[str, int, int]]  # (tier, cases owned there now, resolved there)

    @property
    def title(self) -> str:
        kind = {"minggu": "mingguan", "bulan": "bulanan"}.get(self.period.kind, "")
        return " ".join(p for p in ("Rekap", kind, self.unit) if p) + f", {self.period.label}"


def heading_of(unit: Unit) -> list[str]:
    """The letterhead: the chain of command down to the unit ("POLDA …", "POLRES …")."""
    chain: list[str] = []
    current: Unit | None = unit
    while current is not None and len(chain) < 3:
        chain.append(current.name)
        current = current.parent
    return list(reversed(chain))


def children_of(unit: Unit, codes: list[str]) -> list[tuple[Unit, list[str]]]:
    """The active units right below, of the same institution, with their areas inside ``codes``
    (a Polres's Polsek; a Polda's Polres)."""
    result = []
    for child in Unit.objects.filter(parent=unit, institution=unit.institution, active=True):
        mine = [c for c in unit_codes(child) if any(c == k or c.startswith(f"{k}.") for k in codes)]
        if mine:
            result.append((child, mine))
    return sorted(result, key=lambda r: r[0].name)


@reading_from_replica()
def tiers(codes: list[str], period: Period) -> list[tuple[str, int, int]]:
    """Cases received in the period by the tier that owns them now, and resolved there."""
    rows = {
        level: (n, done)
        for level, n, done in Case.objects.filter(area_q(codes))
        .filter(created_at__gte=period.since, created_at__lt=period.until)
        .exclude(status=Case.Status.DIGABUNG)
        .values("owner_area__level")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=Case.Status.SELESAI)))
        .values_list("owner_area__level", "n", "done")
    }
    return [(name, *rows.get(level, (0, 0))) for level, name in TIERS.items()]


def recap(unit: Unit, codes: list[str], period: Period) -> Recap:
    return Recap(
        unit=unit.name, heading=heading_of(unit), period=period, total=figures(codes, period),
        units=[(child.name, figures(mine, period)) for child, mine in children_of(unit, codes)],
        tiers=tiers(codes, period),
    )  # fmt: skip


def rows(f: Figures) -> list[tuple[str, str]]:
    """(what, value) in the order every recap shows them."""
    return [
        ("Laporan masuk", str(f.cases_in)),
        ("Ditanggapi dalam SLA", f.share_in_sla),
        ("Laporan selesai", str(f.resolved)),
        ("Selesai di tingkat desa", f.share_at_village),
        ("Dirujuk ke instansi lain", str(f.referred)),
        ("Kegiatan", str(f.activities)),
        ("Komitmen ditepati", str(f.commitments_kept)),
        ("Komitmen terlambat", str(f.commitments_late)),
        ("Patroli direncanakan (titik × hari)", str(f.patrols_planned)),
        ("Patroli terlaksana", str(f.patrols_executed)),
        ("Kegiatan masyarakat diamankan", str(f.events_secured)),
        ("Isu baru", str(f.issues_opened)),
    ]


def program_rows(f: Figures) -> list[tuple[str, int]]:
    names = dict(Program.choices)
    return sorted(
        ((str(names.get(code, "Tanpa program")), n) for code, n in f.by_program.items()),
        key=lambda r: (-r[1], r[0]),
    )


UNIT_COLUMNS = ("Satuan", "Masuk", "SLA", "Selesai", "Di desa", "Dirujuk", "Kegiatan",
                "Komitmen ditepati/terlambat", "Patroli", "Diamankan", "Isu")  # fmt: skip


def unit_row(name: str, f: Figures) -> list[str]:
    return [
        name, str(f.cases_in), f.share_in_sla, str(f.resolved), f.share_at_village,
        str(f.referred), str(f.activities), f"{f.commitments_kept}/{f.commitments_late}",
        f"{f.patrols_executed}/{f.patrols_planned}", str(f.events_secured), str(f.issues_opened),
    ]  # fmt: skip


def _cell(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def as_xlsx(r: Recap) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 -- a new workbook has its sheet
    sheet.title = "Rekap"
    bold = Font(bold=True)
    for line in r.heading:
        sheet.append([line.upper()])
    sheet.append([r.title])
    sheet.append([])
    for what, value in rows(r.total):
        sheet.append([what, _cell(value)])
    sheet.append([])
    sheet.append(["Kegiatan menurut program", "Jumlah"])
    for name, n in program_rows(r.total):
        sheet.append([name, n])
    if r.units:
        sheet.append([])
        sheet.append(["Per satuan di bawah"])
        sheet.append(list(UNIT_COLUMNS))
        for name, f in r.units:
            sheet.append([_cell(v) for v in unit_row(name, f)])
    sheet.append([])
    sheet.append(["Laporan menurut tingkat yang menangani", "Masuk", "Selesai"])
    for name, n, done in r.tiers:
        sheet.append([name, n, done])
    for row in sheet.iter_rows():
        if (row[0].value and str(row[0].value).isupper()) or row[0].value == r.title:
            row[0].font = bold
    sheet.column_dimensions["A"].width = 44
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_pdf(r: Recap) -> bytes:
    pdf = Document(title=r.title, orientation="L" if r.units else "P")
    pdf.heading(r.heading)
    pdf.title_block(r.title, f"Dibuat {timezone.localtime():%d-%m-%Y %H.%M} dari Sinergi")
    pdf.grid(["Uraian", "Jumlah"], [[w, v] for w, v in rows(r.total)], [110, 40])
    programs = program_rows(r.total)
    if programs:
        pdf.grid(["Kegiatan menurut program", "Jumlah"], [[n, str(k)] for n, k in programs],
                  [110, 40])  # fmt: skip
    if r.units:
        widths = [52.0, 18, 16, 18, 18, 18, 20, 38, 22, 22, 15]
        body = [unit_row(name, f) for name, f in r.units] + [unit_row("Jumlah", r.total)]
        pdf.grid(list(UNIT_COLUMNS), body, widths, bold_last=True)
    pdf.grid(["Laporan menurut tingkat yang menangani", "Masuk", "Selesai"],
              [[name, str(n), str(done)] for name, n, done in r.tiers], [110, 30, 30])  # fmt: skip
    return pdf.as_bytes()
