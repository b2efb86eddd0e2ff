"""The printable papers of an event request (pure: they read the request, write nothing).

- the decision letter to the organiser (surat jawaban): approved with its conditions, or declined
  with the reason;
- the personnel order (surat perintah) of an approved request: who, by rank and name, does what,
  where and when.

Both carry the deciding command's letterhead and are signed by the leader who decided. Official
papers are in Indonesian whatever language the reader chose.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sinergi.areas.models import Area
from sinergi.patrols.models import EventRequest
from sinergi.platform.indonesian import day_month_year, weekday_date
from sinergi.units.models import Post, Unit

if TYPE_CHECKING:
    from sinergi.platform.documents import Document

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
COMMAND = {
    Area.Level.DISTRICT: "polsek",
    Area.Level.REGENCY: "polres",
    Area.Level.PROVINCE: "polda",
}


def command_of(request: EventRequest) -> Unit | None:
    """The Polri unit of the tier that decides (the case's owner area)."""
    owner = request.case.owner_area
    kind = COMMAND.get(Area.Level(owner.level))
    return Unit.objects.filter(key=f"{kind}:{owner.code}").first() if kind else None


def letterhead(unit: Unit | None) -> list[str]:
    chain: list[str] = []
    current = unit
    while current is not None and len(chain) < 2:
        chain.append(current.name)
        current = current.parent
    return list(reversed(chain)) or ["Kepolisian Negara Republik Indonesia"]


def long_date(day: date | None) -> str:
    if day is None:
        return "-"
    return weekday_date(day)


def number(request: EventRequest, prefix: str) -> str:
    decided = request.decided_at or request.created_at
    return f"{prefix}/{request.pk}/{ROMAN[decided.month - 1]}/{decided.year}"


def _signature(pdf: Document, request: EventRequest, unit: Unit | None) -> None:
    decided = request.decided_at or request.created_at
    leader = request.decided_by
    post = (
        Post.objects.active().filter(user=leader, unit=unit).first()
        if leader is not None and unit is not None
        else None
    )
    pdf.ln(6)
    x = pdf.w - pdf.r_margin - 80
    for line in (
        f"Dikeluarkan di: {request.case.owner_area.name}",
        f"Pada tanggal: {day_month_year(decided)}",
        "",
        (unit.name if unit else "Pimpinan").upper(),
        post.get_title_display() if post is not None else "",
        "",
        "",
        (leader.display_name if leader else "-"),
    ):
        pdf.set_x(x)
        pdf.cell(80, 5.5, line, align="C", new_x="LMARGIN", new_y="NEXT")


def _event_lines(request: EventRequest) -> list[tuple[str, str]]:
    return [
        ("Kegiatan", request.event_name),
        ("Penyelenggara", request.organiser or "-"),
        ("Hari/tanggal", long_date(request.event_date)),
        ("Waktu", request.event_time or "-"),
        ("Tempat", ", ".join(p for p in (request.venue, request.area.label) if p)),
        ("Perkiraan peserta", _thousands(request.crowd_size)),
        ("Kode lacak", request.case.tracking_code),
    ]


def _thousands(n: int | None) -> str:
    return f"{n:,}".replace(",", ".") if n else "-"


def _facts(pdf: Document, rows: list[tuple[str, str]]) -> None:
    for label, value in rows:
        pdf.cell(42, 6, label)
        pdf.cell(4, 6, ":")
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def decision_letter(request: EventRequest) -> bytes:
    """The answer to the organiser: approved (with conditions) or declined (with the reason)."""
    unit = command_of(request)
    approved = request.status in {EventRequest.Status.APPROVED, EventRequest.Status.REPORTED}
    title = "Surat Jawaban Permohonan Pengamanan Kegiatan"
    # fpdf costs about a second at import: loaded only when a letter is printed
    from sinergi.platform.documents import Document  # noqa: PLC0415 -- heavy, PDFs only

    pdf = Document(title=f"{title} {request.case.tracking_code}")
    pdf.heading(letterhead(unit))
    pdf.title_block(title.upper(), f"Nomor: {number(request, 'B')}")
    pdf.multi_cell(
        0, 6, f"Kepada Yth. {request.organiser or 'Penyelenggara'}", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(2)
    pdf.multi_cell(
        0,
        6,
        "Menindaklanjuti permohonan pengamanan yang disampaikan melalui Sinergi untuk kegiatan:",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(1)
    _facts(pdf, _event_lines(request))
    if approved:
        text = (
            "dengan ini kami sampaikan bahwa permohonan tersebut DISETUJUI dan kegiatan akan "
            "mendapat pengamanan dari kepolisian."
        )
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        if request.conditions:
            pdf.ln(1)
            pdf.multi_cell(0, 6, "Dengan ketentuan:", new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(0, 6, request.conditions, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(
            0,
            6,
            "dengan ini kami sampaikan bahwa permohonan tersebut TIDAK DAPAT DISETUJUI, "
            "dengan alasan:",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.multi_cell(0, 6, request.decline_reason or "-", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(
        0,
        6,
        "Perkembangan permohonan dapat diikuti di halaman lacak Sinergi dengan kode di atas.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    _signature(pdf, request, unit)
    return pdf.as_bytes()


def personnel_order(request: EventRequest) -> bytes:
    """The surat perintah: the named personnel, by rank, with their duty, for the event."""
    unit = command_of(request)
    plan = request.personnel or {}
    # fpdf costs about a second at import: loaded only when a letter is printed
    from sinergi.platform.documents import Document  # noqa: PLC0415 -- heavy, PDFs only

    pdf = Document(title=f"Surat Perintah {request.case.tracking_code}")
    pdf.heading(letterhead(unit))
    pdf.title_block("SURAT PERINTAH", f"Nomor: {number(request, 'Sprin')}")
    _facts(
        pdf,
        [
            (
                "Pertimbangan",
                "Permohonan pengamanan kegiatan masyarakat yang telah disetujui "
                f"(nomor {number(request, 'B')}).",
            ),
            (
                "Dasar",
                "Undang-Undang Nomor 2 Tahun 2002 tentang Kepolisian Negara Republik "
                "Indonesia; permohonan penyelenggara.",
            ),
        ],
    )
    pdf.set_font("OpenSans", "B", 11)
    pdf.cell(0, 7, "DIPERINTAHKAN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("OpenSans", size=10)
    pdf.cell(0, 6, "Kepada:", new_x="LMARGIN", new_y="NEXT")
    people = list(plan.get("people") or [])
    rows = [
        [str(n), p.get("rank", ""), p.get("name", ""), p.get("nrp", ""), p.get("duty", "")]
        for n, p in enumerate(people, start=1)
    ] or [["-", "", "Personel belum disebut namanya", "", ""]]
    pdf.grid(["No", "Pangkat", "Nama", "NRP", "Tugas"], rows, [10, 26, 62, 28, 54], align="CLLLL")
    units = plan.get("units") or {}
    if units:
        pdf.multi_cell(
            0,
            6,
            "Kekuatan: "
            + ", ".join(f"{name} {n} personel" for name, n in units.items())
            + f" (jumlah {plan.get('officers', 0)} personel).",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    others = [
        w
        for w, on in (("Koramil", plan.get("koramil")), ("Satpol PP", plan.get("satpol_pp")))
        if on
    ]
    if others:
        pdf.multi_cell(
            0, 6, f"Berkoordinasi dengan: {', '.join(others)}.", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(2)
    pdf.cell(0, 6, "Untuk:", new_x="LMARGIN", new_y="NEXT")
    hour = f", pukul {request.event_time}" if request.event_time else ""
    where = ", ".join(p for p in (request.venue, request.area.label) if p)
    duties = [
        f"1. Melaksanakan pengamanan kegiatan {request.event_name} pada "
        f"{long_date(request.event_date)}{hour}, bertempat di {where}.",
        "2. Menjaga keamanan, ketertiban dan kelancaran lalu lintas di sekitar lokasi kegiatan.",
        "3. Melaporkan hasil pelaksanaan kepada pimpinan setelah kegiatan selesai.",
    ]
    if request.conditions:
        duties.append(f"4. Memastikan ketentuan dipatuhi: {request.conditions}")
    if plan.get("note"):
        duties.append(f"{len(duties) + 1}. {plan['note']}")
    for line in duties:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "Selesai.", new_x="LMARGIN", new_y="NEXT")
    _signature(pdf, request, unit)
    return pdf.as_bytes()
