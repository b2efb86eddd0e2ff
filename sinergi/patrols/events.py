"""Event-security requests: opened from a pengamanan case, routed by scale, reviewed, decided,
planned and reported. Each public step is a step of the case (cases.services), so the organiser
follows it at /lacak/ with the tracking code and hears of it like any reporter."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import User
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.patrols import scale
from sinergi.patrols.models import EventAttachment, EventRequest
from sinergi.patrols.services import PatrolError
from sinergi.platform.photos import PhotoError, clean_photo

LEVEL_NAMES: dict[int, str] = {
    scale.DISTRICT: "Polsek (Kapolsek)",
    scale.REGENCY: "Polres (Kapolres)",
    scale.PROVINCE: "Polda (Kapolda)",
}


def _int(value: Any) -> int | None:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@transaction.atomic
def event_request_open(*, case: Case, by: User | None = None) -> EventRequest:
    """Makes the request of a pengamanan case and hands the case to the command of its scale.
    Safe to run twice: a case has at most one request."""
    if case.kind != Category.Kind.PENGAMANAN:
        raise PatrolError(_("Laporan ini bukan permohonan pengamanan."))
    existing = EventRequest.objects.filter(case=case).first()
    if existing is not None:
        return existing
    details = case.details if isinstance(case.details, dict) else {}
    crowd = _int(details.get("crowd_size"))
    reach = str(details.get("reach", ""))[:12]
    level = scale.level_for(crowd, reach)
    request = EventRequest.objects.create(
        case=case,
        area_id=case.area_id,
        event_name=str(details.get("event_name") or case.description[:150])[:150],
        organiser=str(details.get("organiser", ""))[:150],
        # an aspiration's place is where it was heard (a Jumat Curhat), not the event's venue
        venue=str(details.get("venue") or ("" if details.get("activity") else case.place))[:200],
        event_date=_date(details.get("event_date")),
        event_time=str(details.get("event_time", ""))[:40],
        crowd_size=crowd,
        reach=reach,
        level=level,
        checklist={code: False for code, _label in scale.documents_for(level)},
    )
    if case.is_open:
        case_services.case_route_up(
            case=case,
            level=level,
            by=by,
            reason=_("Permohonan pengamanan untuk %(n)s peserta diputuskan oleh %(who)s.")
            % {"n": crowd if crowd is not None else "?", "who": LEVEL_NAMES[level]},
        )
    return request


def event_requests_open_new(*, limit: int = 500) -> int:
    """The sweep: every pengamanan case without its request yet (filed at /lapor/, by API or
    a channel) gets one; returns how many. Run by the schedule."""
    # open cases only: a request closed before it was opened (withdrawn, merged) is not reviewed
    cases = Case.objects.filter(
        kind=Category.Kind.PENGAMANAN,
        event_request__isnull=True,
        status__in=(Case.Status.BARU, Case.Status.DITERIMA, Case.Status.DITANGANI),
    ).select_related("area", "owner_area", "category")
    opened = 0
    for case in cases.order_by("pk")[:limit]:
        event_request_open(case=case)
        opened += 1
    return opened


def _require(request: EventRequest, *states: str) -> None:
    if request.status not in states:
        raise PatrolError(_("Langkah ini tidak dapat dilakukan pada status sekarang."))


@dataclass(frozen=True, slots=True)
class DetailsIn:
    """What the officer learnt of the event (from the organiser, at the activity)."""

    event_name: str
    organiser: str
    venue: str
    event_date: date
    event_time: str = ""
    crowd_size: int | None = None
    reach: str = ""


@transaction.atomic
def event_request_edit(*, request: EventRequest, details: DetailsIn, by: User) -> EventRequest:
    """The officer fills in or corrects the event (size, date, venue, organiser) until it is
    decided; the request then routes by that scale: a larger event goes up to the command of its
    size at once (a smaller one stays with the higher command that already has it)."""
    locked = EventRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    _require(locked, EventRequest.Status.REVIEW)
    if not details.event_name.strip() or not details.organiser.strip() or not details.venue.strip():
        raise PatrolError(_("Isi nama kegiatan, penyelenggara dan tempatnya."))
    if details.crowd_size is None or details.crowd_size < 1:
        raise PatrolError(_("Isi perkiraan jumlah peserta."))
    if details.reach and details.reach not in scale.REACH:
        raise PatrolError(_("Lingkup kegiatan tidak dikenal."))
    before = {f: getattr(locked, f) for f in DETAIL_FIELDS}
    locked.event_name, locked.organiser = (
        details.event_name.strip()[:150],
        details.organiser.strip()[:150],
    )
    locked.venue, locked.event_date = details.venue.strip()[:200], details.event_date
    locked.event_time, locked.crowd_size = details.event_time.strip()[:40], details.crowd_size
    locked.reach = details.reach
    level = scale.level_for(details.crowd_size, details.reach)
    if level != locked.level:
        ticked = {code for code, ok in locked.checklist.items() if ok}
        locked.checklist = {code: code in ticked for code, _label in scale.documents_for(level)}
        locked.level = level
    changed = [f for f in DETAIL_FIELDS if getattr(locked, f) != before[f]]
    if not changed:
        return locked
    locked.save(update_fields=[*DETAIL_FIELDS, "level", "checklist"])
    case_services.case_note(
        case=locked.case,
        by=by,
        message=_("Data kegiatan diperbarui: %(what)s.") % {"what": ", ".join(changed)},
    )
    if locked.case.is_open and level < locked.case.owner_area.level:
        case_services.case_route_up(
            case=locked.case,
            level=level,
            by=by,
            reason=_("Permohonan pengamanan untuk %(n)s peserta diputuskan oleh %(who)s.")
            % {"n": details.crowd_size, "who": LEVEL_NAMES[level]},
        )
    return locked


DETAIL_FIELDS = (
    "event_name",
    "organiser",
    "venue",
    "event_date",
    "event_time",
    "crowd_size",
    "reach",
)


def missing_details(request: EventRequest) -> list[str]:
    """What a decision still needs to know of the event (as the letter names it)."""
    wanted = (
        ("organiser", _("penyelenggara")),
        ("venue", _("tempat")),
        ("event_date", _("tanggal")),
        ("crowd_size", _("perkiraan peserta")),
    )
    return [str(label) for name, label in wanted if not getattr(request, name)]


@transaction.atomic
def event_review(*, request: EventRequest, documents: list[str], by: User) -> EventRequest:
    """Ticks the documents received (only those of the checklist)."""
    _require(request, EventRequest.Status.REVIEW)
    request.checklist = {code: code in documents for code in request.checklist}
    request.save(update_fields=["checklist"])
    case_services.case_note(
        case=request.case,
        by=by,
        message=_("Kelengkapan dokumen: %(done)d dari %(all)d.")
        % {"done": sum(request.checklist.values()), "all": len(request.checklist)},
    )
    return request


@transaction.atomic
def event_decide(
    *, request: EventRequest, approve: bool, by: User, conditions: str = "", reason: str = ""
) -> EventRequest:
    """Approve (with conditions) once every document is in, or decline with a reason. The
    organiser sees the decision on the tracking page."""
    _require(request, EventRequest.Status.REVIEW)
    case = request.case
    if approve:
        missing = missing_details(request)
        if missing:
            raise PatrolError(
                _("Lengkapi data kegiatan dulu: %(what)s.") % {"what": ", ".join(missing)}
            )
        if not all(request.checklist.values()):
            raise PatrolError(_("Dokumen belum lengkap."))
        request.status = EventRequest.Status.APPROVED
        request.conditions = conditions.strip()[:5000]
        message = _("Permohonan pengamanan disetujui.")
        if request.conditions:
            message += " " + _("Syarat: %(c)s") % {"c": request.conditions}
        case_services.case_reply(case=case, by=by, message=message)
    else:
        reason = reason.strip()
        if not reason:
            raise PatrolError(_("Sebutkan alasan penolakan."))
        request.status = EventRequest.Status.DECLINED
        request.decline_reason = reason[:5000]
        case_services.case_reject(case=case, by=by, reason=reason)
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(
        update_fields=["status", "conditions", "decline_reason", "decided_by", "decided_at"]
    )
    return request


@transaction.atomic
def event_plan_personnel(
    *,
    request: EventRequest,
    units: dict[str, int],
    koramil: bool,
    satpol_pp: bool,
    note: str,
    by: User,
    people: list[dict[str, str]] | None = None,
) -> EventRequest:
    """How many officers from which units, who by name (the personnel order lists them), and
    who else is coordinated (Koramil, Satpol PP)."""
    _require(request, EventRequest.Status.APPROVED)
    clean = {name.strip()[:60]: int(n) for name, n in units.items() if name.strip() and int(n) > 0}
    named = [
        {k: str(p.get(k, "")).strip()[:120] for k in ("rank", "name", "nrp", "duty")}
        for p in (people or [])[:200]
        if str(p.get("name", "")).strip()
    ]
    if not clean:
        raise PatrolError(_("Isi jumlah personel paling sedikit satu satuan."))
    request.personnel = {
        "officers": max(sum(clean.values()), len(named)),
        "units": clean,
        "koramil": koramil,
        "satpol_pp": satpol_pp,
        "note": note.strip()[:2000],
        "people": named,
    }
    request.save(update_fields=["personnel"])
    case_services.case_note(
        case=request.case,
        by=by,
        message=_("Rencana personel: %(n)d personel.") % {"n": request.personnel["officers"]},
    )
    return request


@transaction.atomic
def event_report(
    *, request: EventRequest, report: str, attendance: int | None, by: User
) -> EventRequest:
    """The after-event report closes the request and its case; not before the event's day."""
    _require(request, EventRequest.Status.APPROVED)
    today = timezone.localdate()
    if request.event_date is None or today < request.event_date:
        raise PatrolError(
            _(
                "Laporan pasca kegiatan baru dapat dikirim pada atau setelah hari kegiatan "
                "(%(day)s)."
            )
            % {"day": f"{request.event_date:%d-%m-%Y}" if request.event_date else "?"}
        )
    report = report.strip()
    if not report:
        raise PatrolError(_("Tuliskan laporan pasca kegiatan."))
    request.status = EventRequest.Status.REPORTED
    request.report = report[:10000]
    request.actual_attendance = attendance
    request.reported_at = timezone.now()
    request.save(update_fields=["status", "report", "actual_attendance", "reported_at"])
    if request.case.is_open:
        case_services.case_resolve(
            case=request.case,
            by=by,
            note=_("Kegiatan telah diamankan. Terima kasih atas kerja samanya."),
        )
    return request


MAX_ATTACHMENTS = 10
PDF_MAGIC = b"%PDF-"


def _clean_attachment(upload: UploadedFile[bytes]) -> tuple[str, ContentFile[bytes]]:
    """A PDF as sent (checked by its first bytes), or a photo cleaned like every other photo."""
    if upload.size is None or upload.size > settings.CASE_PHOTO_MAX_BYTES:
        raise PatrolError(
            _("Berkas terlalu besar (maksimal %(mb)d MB).")
            % {"mb": settings.CASE_PHOTO_MAX_BYTES // 1_000_000}
        )
    head = upload.read(5)
    upload.seek(0)
    if head == PDF_MAGIC:
        return f"{secrets.token_hex(12)}.pdf", ContentFile(upload.read())
    try:
        photo = clean_photo(upload)
    except PhotoError as exc:
        raise PatrolError(_("Lampiran harus PDF atau foto (JPG, PNG, WEBP).")) from exc
    return photo.name, photo.content


def event_attach(
    *, request: EventRequest, upload: UploadedFile[bytes], by: User
) -> EventAttachment:
    """Keeps one document of the request; the file never carries the sender's path or name
    on disk (a random name), and a failed write leaves no row."""
    if request.attachments.count() >= MAX_ATTACHMENTS:
        raise PatrolError(_("Paling banyak %(n)d lampiran.") % {"n": MAX_ATTACHMENTS})
    stored_name, content = _clean_attachment(upload)
    shown = Path(upload.name or "lampiran").name[:120]
    try:
        stored = default_storage.save(f"events/{stored_name}", content)
    except OSError as exc:
        raise PatrolError(_("Lampiran tidak dapat disimpan saat ini. Coba lagi nanti.")) from exc
    try:
        with transaction.atomic():
            attachment = EventAttachment.objects.create(
                request=request, file=stored, name=shown, size=content.size, uploaded_by=by
            )
            case_services.case_note(
                case=request.case, by=by, message=_("Lampiran: %(name)s") % {"name": shown}
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    return attachment
