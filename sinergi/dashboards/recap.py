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
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    Q,
    Value,
    When,
)
from django.db.models import Case as Choose
from django.db.models.functions import TruncDate
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from config.dbrouter import reading_from_replica
from sinergi.areas.models import Area
from sinergi.cases.models import Case, CaseEvent, Category
from sinergi.dashboards.selectors import area_q
from sinergi.early_warning.models import Issue
from sinergi.engagement.catalogue import Program
from sinergi.engagement.models import Activity, Commitment
from sinergi.engagement.selectors import DONE, unit_codes
from sinergi.units.models import Unit

PERIODS = ("minggu", "bulan", "rentang")
MAX_RANGE_DAYS = 366
# Labels are said in the reader's language on the page, in Indonesian in the files
TIERS = {
    Area.Level.VILLAGE: gettext_lazy("Desa/kelurahan (Tiga Pilar)"),
    Area.Level.DISTRICT: gettext_lazy("Kecamatan (Forkopimcam)"),
    Area.Level.REGENCY: gettext_lazy("Kabupaten/kota (Forkopimda)"),
    Area.Level.PROVINCE: gettext_lazy("Provinsi"),
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
            return date_format(self.first, "F Y")  # localised: "Desember 2026", "December 2026"
        span = _("%(first)s s.d. %(last)s") % {
            "first": date_format(self.first, "j F Y"),
            "last": date_format(self.last, "j F Y"),
        }
        if self.kind == "minggu":
            return _("minggu ke-%(week)d (%(span)s)") % {
                "week": self.first.isocalendar().week,
                "span": span,
            }
        return span

    @property
    def slug(self) -> str:
        return f"{self.first:%Y%m%d}-{self.last:%Y%m%d}"


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
    return figures_many(codes, [period])[0]


@reading_from_replica()
def figures_many(codes: list[str], periods: list[Period]) -> list[Figures]:
    """The figures of several periods (this week and this month) from one read of each table
    over the span they cover, split in memory."""
    bounds = [(p.since, p.until) for p in periods]
    since, until = min(b[0] for b in bounds), max(b[1] for b in bounds)
    where = area_q(codes)
    # cases as cases.figures.accountability counts them (the public board's rule): taken within
    # the village tier's SLA, resolved, resolved while the village still owned the case. The
    # database says which period each falls in and how long until it was taken: no timestamps
    # travel (reading thousands of them costs more than the query).
    flags = flags_of("created_at", bounds)
    cases = list(
        Case.objects.filter(where, created_at__gte=since, created_at__lt=until)
        .exclude(status=Case.Status.DIGABUNG)
        .annotate(
            taken_after=ExpressionWrapper(
                Min("events__at", filter=Q(events__kind=CaseEvent.Kind.TAKEN)) - F("created_at"),
                output_field=DurationField(),
            ),
            closed=ExpressionWrapper(Q(closed_at__isnull=False), output_field=BooleanField()),
            **flags,
        )
        .values_list("category_id", "taken_after", "status", "closed", "owner_area__level", *flags)
    )
    village_sla = {
        pk: dt.timedelta(hours=(list(hours) or [72])[0])
        for pk, hours in Category.objects.values_list("pk", "sla_hours")
    }
    activities = list(
        Activity.objects.filter(where, status__in=DONE, held_at__gte=since, held_at__lt=until)
        .annotate(**flags_of("held_at", bounds))
        .values_list("programs", *flags)
    )
    today = timezone.localdate()
    done = Q(status=Commitment.Status.DONE)
    late_kinds = Q(status=Commitment.Status.OPEN) | Q(done, done_at__date__gt=F("due_on"))
    aggregates: dict[str, Any] = {}
    for n, p in enumerate(periods):
        aggregates[f"kept{n}"] = Count(
            "pk", filter=done & Q(done_at__gte=p.since, done_at__lt=p.until)
        )
        aggregates[f"late{n}"] = Count(
            "pk", filter=Q(due_on__gte=p.first, due_on__lte=p.last, due_on__lt=today) & late_kinds
        )
    commitments = Commitment.objects.filter(where, activity__status__in=DONE).aggregate(
        **aggregates
    )
    issues = Issue.objects.filter(where, created_at__gte=since, created_at__lt=until).aggregate(
        **{
            f"i{n}": Count("pk", filter=Q(created_at__gte=p.since, created_at__lt=p.until))
            for n, p in enumerate(periods)
        }
    )
    patrols = _patrols(codes, periods)
    result = []
    for n in range(len(periods)):
        received = taken = resolved = at_village = referred = 0
        for category, taken_after, status, closed, owner_level, *inside in cases:
            if not inside[n]:
                continue
            received += 1
            if taken_after is not None:
                taken += int(taken_after <= village_sla.get(category, dt.timedelta(hours=72)))
            if status == Case.Status.SELESAI and closed:
                resolved += 1
                at_village += int(owner_level == Area.Level.VILLAGE)
            referred += int(status == Case.Status.DIRUJUK)
        programs: Counter[str] = Counter()
        held = [listed for listed, *inside in activities if inside[n]]
        for listed in held:
            programs.update(listed or ["-"])
        planned, executed, secured = patrols[n]
        result.append(
            Figures(
                cases_in=received,
                taken_in_sla=taken,
                resolved=resolved,
                resolved_at_village=at_village,
                referred=referred,
                activities=len(held),
                by_program=dict(programs),
                commitments_kept=commitments[f"kept{n}"],
                commitments_late=commitments[f"late{n}"],
                patrols_planned=planned,
                patrols_executed=executed,
                events_secured=secured,
                issues_opened=issues[f"i{n}"],
            )
        )
    return result


def flags_of(column: str, bounds: list[tuple[dt.datetime, dt.datetime]]) -> dict[str, Any]:
    """1 when the row's moment falls in each period, else 0 (p0, p1, …)."""
    return {
        f"p{n}": Choose(
            When(**{f"{column}__gte": a, f"{column}__lt": b}, then=Value(1)), default=Value(0)
        )
        for n, (a, b) in enumerate(bounds)
    }


def _patrols(codes: list[str], periods: list[Period]) -> list[tuple[int, int, int]]:
    """Per period: visits planned (stops × days each plan runs), executed (check-ins not
    flagged, one per stop and day), events secured."""
    from sinergi.patrols.models import CheckIn, EventRequest, PatrolPlan  # noqa: PLC0415 -- patrols reads engagement

    first, last = min(p.first for p in periods), max(p.last for p in periods)
    since, until = min(p.since for p in periods), max(p.until for p in periods)
    runs: list[tuple[dt.date, int]] = []  # (a day a plan runs, its stops)
    for plan in (
        PatrolPlan.objects.filter(area_q(codes))
        .filter(starts_on__lte=last, ends_on__gte=first)
        .prefetch_related("stops")
    ):
        stops, day = len(plan.stops.all()), max(plan.starts_on, first)
        while day <= min(plan.ends_on, last):
            if day.weekday() in plan.weekdays:
                runs.append((day, stops))
            day += dt.timedelta(days=1)
    visits = list(
        CheckIn.objects.filter(area_q(codes, "plan__area_id"), flagged=False)
        .filter(at__gte=since, at__lt=until)
        .annotate(day=TruncDate("at"))
        .values_list("plan_id", "hotspot_id", "day")
        .distinct()
    )
    secured = EventRequest.objects.filter(
        area_q(codes), reported_at__gte=since, reported_at__lt=until
    ).aggregate(
        **{
            f"e{n}": Count("pk", filter=Q(reported_at__gte=p.since, reported_at__lt=p.until))
            for n, p in enumerate(periods)
        }
    )
    return [
        (
            sum(stops for day, stops in runs if p.first <= day <= p.last),
            sum(1 for _plan, _spot, day in visits if p.first <= day <= p.last),
            secured[f"e{n}"],
        )
        for n, p in enumerate(periods)
    ]


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
        heading = {"minggu": _("Rekap mingguan"), "bulan": _("Rekap bulanan")}
        return f"{heading.get(self.period.kind, _('Rekap'))} {self.unit}, {self.period.label}"


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
    return [(str(name), *rows.get(level, (0, 0))) for level, name in TIERS.items()]


def recap(unit: Unit, codes: list[str], period: Period) -> Recap:
    """The recap of the unit and of each unit below it."""
    return Recap(
        unit=unit.name,
        heading=heading_of(unit),
        period=period,
        total=figures(codes, period),
        units=[(child.name, figures(mine, period)) for child, mine in children_of(unit, codes)],
        tiers=tiers(codes, period),
    )


def rows(f: Figures) -> list[tuple[str, str]]:
    """(what, value) in the order every recap shows them."""
    return [
        (_("Laporan masuk"), str(f.cases_in)),
        (_("Ditanggapi dalam SLA"), f.share_in_sla),
        (_("Laporan selesai"), str(f.resolved)),
        (_("Selesai di tingkat desa"), f.share_at_village),
        (_("Dirujuk ke instansi lain"), str(f.referred)),
        (_("Kegiatan"), str(f.activities)),
        (pgettext("recap", "Komitmen ditepati"), str(f.commitments_kept)),
        (_("Komitmen terlambat"), str(f.commitments_late)),
        (_("Patroli direncanakan (titik × hari)"), str(f.patrols_planned)),
        (_("Patroli terlaksana"), str(f.patrols_executed)),
        (_("Kegiatan masyarakat diamankan"), str(f.events_secured)),
        (_("Isu baru"), str(f.issues_opened)),
    ]


def program_rows(f: Figures) -> list[tuple[str, int]]:
    names = dict(Program.choices)
    return sorted(
        ((str(names.get(code, _("Tanpa program"))), n) for code, n in f.by_program.items()),
        key=lambda r: (-r[1], r[0]),
    )


def unit_columns() -> list[str]:
    return [
        _("Satuan"),
        pgettext("received", "Masuk"),
        "SLA",
        _("Selesai"),
        _("Di desa"),
        _("Dirujuk"),
        _("Kegiatan"),
        _("Komitmen ditepati/terlambat"),
        _("Patroli"),
        _("Diamankan"),
        _("Isu"),
    ]


def tier_columns() -> list[str]:
    return [
        _("Laporan menurut tingkat yang menangani"),
        pgettext("received", "Masuk"),
        _("Selesai"),
    ]


def unit_row(name: str, f: Figures) -> list[str]:
    return [
        name,
        str(f.cases_in),
        f.share_in_sla,
        str(f.resolved),
        f.share_at_village,
        str(f.referred),
        str(f.activities),
        f"{f.commitments_kept}/{f.commitments_late}",
        f"{f.patrols_executed}/{f.patrols_planned}",
        str(f.events_secured),
        str(f.issues_opened),
    ]


def _cell(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def _xlsx(r: Recap) -> bytes:
    # openpyxl loaded only when a sheet is made: not in every process that imports the views
    from openpyxl import Workbook  # noqa: PLC0415 -- heavy, used for downloads only
    from openpyxl.styles import Font  # noqa: PLC0415 -- ditto

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 -- a new workbook has its sheet
    sheet.title = _("Rekap")
    bold = Font(bold=True)
    for line in r.heading:
        sheet.append([line.upper()])
    sheet.append([r.title])
    sheet.append([])
    for what, value in rows(r.total):
        sheet.append([what, _cell(value)])
    sheet.append([])
    sheet.append([_("Kegiatan menurut program"), _("Jumlah")])
    for name, n in program_rows(r.total):
        sheet.append([name, n])
    if r.units:
        sheet.append([])
        sheet.append([_("Per satuan di bawah")])
        sheet.append(unit_columns())
        for name, f in r.units:
            sheet.append([_cell(v) for v in unit_row(name, f)])
    sheet.append([])
    sheet.append(tier_columns())
    for name, n, done in r.tiers:
        sheet.append([name, n, done])
    for row in sheet.iter_rows():
        if (row[0].value and str(row[0].value).isupper()) or row[0].value == r.title:
            row[0].font = bold
    sheet.column_dimensions["A"].width = 44
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf(r: Recap) -> bytes:
    # fpdf (with fontTools and numpy) costs about a second at import: only when a PDF is made
    from sinergi.platform.documents import Document  # noqa: PLC0415 -- heavy, PDFs only

    pdf = Document(title=r.title, orientation="L" if r.units else "P")
    pdf.heading(r.heading)
    made = _("Dibuat %(when)s dari Sinergi") % {"when": f"{timezone.localtime():%d-%m-%Y %H.%M}"}
    pdf.title_block(r.title, made)
    pdf.grid([_("Uraian"), _("Jumlah")], [[w, v] for w, v in rows(r.total)], [110, 40])
    programs = program_rows(r.total)
    if programs:
        pdf.grid(
            [_("Kegiatan menurut program"), _("Jumlah")],
            [[n, str(k)] for n, k in programs],
            [110, 40],
        )
    if r.units:
        widths = [52.0, 18, 16, 18, 18, 18, 20, 38, 22, 22, 15]
        body = [unit_row(name, f) for name, f in r.units] + [unit_row(_("Jumlah"), r.total)]
        pdf.grid(unit_columns(), body, widths, bold_last=True)
    pdf.grid(
        tier_columns(),
        [[name, str(n), str(done)] for name, n, done in r.tiers],
        [110, 30, 30],
    )
    return pdf.as_bytes()


# The files are papers sent up the chain of command: Indonesian, whatever language the reader
# chose for the page (platform/indonesian.py)
def as_xlsx(r: Recap) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _xlsx(r)


def as_pdf(r: Recap) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _pdf(r)
