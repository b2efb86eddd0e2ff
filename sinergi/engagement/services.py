"""Every write of partners, activities and commitments. Views, API, demo and tasks call these."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.access import roles_of, scope_of
from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.cases.photos import PhotoError, clean_photo
from sinergi.cases.photos import store as photo_store
from sinergi.engagement import access, promises
from sinergi.engagement.catalogue import ActivityType, PartnerKind, Program, Topic
from sinergi.engagement.models import (
    Activity,
    ActivityEvent,
    ActivityPhoto,
    Aspiration,
    Commitment,
    CommitmentEvidence,
    Partner,
)
from sinergi.engagement.promises import recurrence_of
from sinergi.messaging import texts
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_add
from sinergi.units.models import Post, Unit, UnitArea

if TYPE_CHECKING:
    from sinergi.patrols.models import CheckIn

DONE_STATUSES = (Activity.Status.REPORTED, Activity.Status.VERIFIED)

MAX_ASPIRATIONS = 50
MAX_COMMITMENTS = 30
MAX_PHOTOS = 10


class EngagementError(ValueError):
    """Input an activity, partner or commitment cannot be made from; ``field`` names the field."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class AspirationIn:
    """What a citizen raised; it becomes a case in the activity's village."""

    description: str
    category: Category
    name: str = ""
    phone: str = ""
    # the place the aspiration is about, not the meeting's venue: it feeds the hotspot
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class CommitmentIn:
    text: str
    due_on: date
    owner: User | None = None
    owner_label: str = ""


@dataclass(frozen=True, slots=True)
class PartnerIn:
    """A partner met at the activity for the first time: registered in its village."""

    kind: str
    name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class ReportIn:
    held_at: datetime
    attendance: int | None = None
    officials: list[dict[str, str | None]] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    new_partners: list[PartnerIn] = field(default_factory=list)
    partner_groups: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    minutes: str = ""
    aspirations: list[AspirationIn] = field(default_factory=list)
    commitments: list[CommitmentIn] = field(default_factory=list)
    photos: list[UploadedFile[bytes]] = field(default_factory=list)


def _event(
    activity: Activity, kind: str, *, by: User | None, message: str = "", **data: Any
) -> ActivityEvent:
    return ActivityEvent.objects.create(
        activity=activity, kind=kind, actor=by, message=message, data=data
    )


# Partners


@transaction.atomic
def partner_save(
    *,
    by: User,
    area: Area,
    kind: str,
    name: str,
    role: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    note: str = "",
    partner: Partner | None = None,
) -> Partner:
    """Registers a partner, or updates one; the village must lie in the officer's areas."""
    if area.level != Area.Level.VILLAGE or area.retired_at is not None:
        raise EngagementError(_("Pilih desa atau kelurahan."), field="area")
    if not access.can_act(by, area.code):
        raise EngagementError(_("Desa/kelurahan ini di luar wilayah tugas Anda."), field="area")
    if kind not in PartnerKind.values:
        raise EngagementError(_("Jenis mitra tidak dikenal."), field="kind")
    if not name.strip():
        raise EngagementError(_("Isi nama mitra."), field="name")
    target = partner or Partner(created_by=by)
    target.area, target.kind, target.name = area, kind, name.strip()[:160]
    target.role, target.address = role.strip()[:120], address.strip()[:200]
    target.phone, target.email, target.note = phone.strip()[:32], email.strip(), note.strip()
    target.save()
    return target


# Activities


def _check_vocabulary(kind: str, programs: list[str], topics: list[str] | None = None) -> None:
    if kind not in ActivityType.values:
        raise EngagementError(_("Jenis kegiatan tidak dikenal."), field="kind")
    if any(p not in Program.values for p in programs):
        raise EngagementError(_("Program tidak dikenal."), field="programs")
    if topics and any(t not in Topic.values for t in topics):
        raise EngagementError(_("Topik pesan kamtibmas tidak dikenal."), field="topics")


def activity_plan(
    *,
    by: User,
    unit: Unit,
    kind: str,
    title: str,
    area: Area,
    planned_at: datetime,
    programs: list[str] | None = None,
    venue: str = "",
    place: Partner | None = None,
    idempotency_key: str | None = None,
) -> Activity:
    """Puts an activity on the unit's calendar. A repeated key returns the first one."""
    if idempotency_key:
        existing = Activity.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    programs = list(dict.fromkeys(programs or []))
    _check_vocabulary(kind, programs)
    if area.retired_at is not None or not access.can_act(by, area.code):
        raise EngagementError(_("Wilayah ini di luar wilayah tugas Anda."), field="area")
    if unit not in access.units_of(by):
        raise EngagementError(_("Anda tidak bertugas di satuan ini."), field="unit")
    if not title.strip():
        raise EngagementError(_("Isi judul kegiatan."), field="title")
    try:
        with transaction.atomic():
            activity = Activity.objects.create(
                unit=unit, kind=kind, programs=programs, title=title.strip()[:200], area=area,
                venue=venue.strip()[:200], place=place, planned_at=planned_at, created_by=by,
                idempotency_key=idempotency_key or None,
            )  # fmt: skip
            _event(activity, ActivityEvent.Kind.PLANNED, by=by)
    except IntegrityError:
        existing = Activity.objects.filter(idempotency_key=idempotency_key).first()
        if idempotency_key and existing is not None:
            return existing
        raise
    return activity


def _store_photos(photos: list[UploadedFile[bytes]], folder: str) -> list[str]:
    """Checks and cleans every photo before anything is written (PhotoError says which is bad),
    then stores them all or none (PhotoError when the storage cannot take them now)."""
    if len(photos) > MAX_PHOTOS:
        raise EngagementError(_("Paling banyak %(n)d foto.") % {"n": MAX_PHOTOS}, field="photos")
    cleaned = [clean_photo(p) for p in photos]
    stored: list[str] = []
    try:
        for photo in cleaned:
            stored.append(photo_store(photo, folder))
    except PhotoError:
        _unstore(stored)
        raise
    return stored


def _unstore(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _check_report(activity: Activity, report: ReportIn, by: User) -> None:
    scope = scope_of(by)
    if any(not scope.covers(p.area_id) for p in report.partners):
        raise EngagementError(_("Mitra di luar wilayah tugas Anda."), field="partners")
    if len(report.aspirations) > MAX_ASPIRATIONS:
        raise EngagementError(_("Terlalu banyak aspirasi dalam satu laporan."), field="aspirations")
    if len(report.commitments) > MAX_COMMITMENTS:
        raise EngagementError(_("Terlalu banyak komitmen dalam satu laporan."), field="commitments")
    if any(t not in Topic.values for t in report.topics):
        raise EngagementError(_("Topik pesan kamtibmas tidak dikenal."), field="topics")
    if any(g not in PartnerKind.values for g in report.partner_groups):
        raise EngagementError(_("Jenis mitra tidak dikenal."), field="partner_groups")
    if report.held_at > timezone.now() + timedelta(hours=1):
        raise EngagementError(
            _("Kegiatan yang belum terjadi tidak dapat dilaporkan."), field="held_at"
        )
    _check_new_partners(activity, report.new_partners)
    if report.aspirations and activity.area.level != Area.Level.VILLAGE:
        raise EngagementError(
            _("Aspirasi dicatat per desa: pilih desa/kelurahan tempat kegiatan."), field="area"
        )

    for commitment in report.commitments:
        if not commitment.text.strip():
            raise EngagementError(_("Isi janji yang disampaikan."), field="commitments")
        if commitment.owner is None and not commitment.owner_label.strip():
            raise EngagementError(_("Siapa yang berjanji?"), field="commitments")
    for aspiration in report.aspirations:
        if not aspiration.description.strip():
            raise EngagementError(_("Isi aspirasi yang disampaikan."), field="aspirations")


def _check_new_partners(activity: Activity, given: list[PartnerIn]) -> None:
    if given and activity.area.level != Area.Level.VILLAGE:
        raise EngagementError(
            _("Mitra baru dicatat per desa: pilih desa/kelurahan tempat kegiatan."),
            field="new_partners",
        )
    for new in given:
        if new.kind not in PartnerKind.values:
            raise EngagementError(_("Jenis mitra tidak dikenal."), field="new_partners")
        if not new.name.strip():
            raise EngagementError(_("Isi nama mitra."), field="new_partners")


def activity_report(*, activity: Activity, by: User, report: ReportIn) -> Activity:
    """Records what happened: the people, the messages, each aspiration as a case in the
    village's inbox, each promise as a commitment. A second submit changes nothing.

    Photos are cleaned and stored before the transaction and removed again if it fails.
    """
    _check_may_report(activity, report, by)
    stored = _store_photos(report.photos, "activities")
    try:
        return _report(activity=activity, by=by, report=report, photos=stored)
    except BaseException:
        _unstore(stored)
        raise


def _check_may_report(activity: Activity, report: ReportIn, by: User) -> None:
    if not access.can_act(by, activity.area_id):
        raise EngagementError(_("Kegiatan ini di luar wilayah tugas Anda."))
    _check_report(activity, report, by)


@transaction.atomic
def _report(*, activity: Activity, by: User, report: ReportIn, photos: list[str]) -> Activity:
    locked = Activity.objects.select_for_update().select_related("area").get(pk=activity.pk)
    if locked.status != Activity.Status.PLANNED:
        raise EngagementError(_("Kegiatan ini sudah dilaporkan."))
    locked.status = Activity.Status.REPORTED
    locked.held_at = report.held_at
    locked.attendance = report.attendance
    locked.officials = report.officials
    locked.partner_groups = list(dict.fromkeys(report.partner_groups))
    locked.topics = list(dict.fromkeys(report.topics))
    locked.minutes = report.minutes.strip()
    locked.reported_by = by
    locked.save()
    met = [*report.partners, *_partners_new(locked, report.new_partners, by=by)]
    locked.partners.set(met)
    ActivityPhoto.objects.bulk_create(ActivityPhoto(activity=locked, image=p) for p in photos)
    for number, aspiration in enumerate(report.aspirations, start=1):
        _aspiration_file(locked, aspiration, number=number, by=by)
    Commitment.objects.bulk_create(
        Commitment(
            activity=locked, area_id=locked.area_id, text=c.text.strip()[:300], owner=c.owner,
            owner_label=(c.owner_label or (c.owner.name if c.owner else "")).strip()[:160],
            due_on=c.due_on, recurrence=recurrence_of(c.text),
        )
        for c in report.commitments
    )  # fmt: skip
    engaged = [p.pk for p in met] + ([locked.place_id] if locked.place_id else [])
    Partner.objects.filter(pk__in=engaged).update(
        last_engaged_on=timezone.localdate(report.held_at), last_engaged_subject=locked.title
    )
    _event(
        locked, ActivityEvent.Kind.REPORTED, by=by,
        aspirations=len(report.aspirations), commitments=len(report.commitments),
    )  # fmt: skip
    return locked


def _partners_new(activity: Activity, given: list[PartnerIn], *, by: User) -> list[Partner]:
    """Registers the partners met for the first time in the activity's village; one already
    registered there under the same name and kind is reused, not doubled."""
    found: list[Partner] = []
    for new in given:
        name = " ".join(new.name.split())[:160]
        partner = Partner.objects.filter(
            area=activity.area, kind=new.kind, name__iexact=name, active=True
        ).first()
        if partner is None:
            partner = partner_save(
                by=by, area=activity.area, kind=new.kind, name=name, role=new.role
            )
        if partner not in found:
            found.append(partner)
    return found


def _aspiration_file(
    activity: Activity, aspiration: AspirationIn, *, number: int, by: User
) -> Case:
    named = bool(aspiration.name.strip())
    result = case_services.case_submit(
        category=aspiration.category, area=activity.area, description=aspiration.description,
        channel=Case.Channel.OFFICER, place=aspiration.place.strip()[:200], by=by,
        latitude=aspiration.latitude, longitude=aspiration.longitude,
        details={"session": activity.title, "activity": activity.pk},
        reporter=case_services.ReporterIn(
            anonymous=not named, name=aspiration.name, phone=aspiration.phone
        ),
        idempotency_key=case_services.client_key(
            source="activity", user_id=activity.pk, raw=str(number)
        ),
    )  # fmt: skip
    Aspiration.objects.get_or_create(case=result.case, defaults={"activity": activity})
    return result.case


def activity_record(
    *, by: User, unit: Unit, kind: str, title: str, area: Area, report: ReportIn,
    programs: list[str] | None = None, venue: str = "", place: Partner | None = None,
    idempotency_key: str | None = None,
) -> Activity:  # fmt: skip
    """An activity that was not on the calendar, reported in one step (the common case on the
    phone). A repeated key returns the first activity and files nothing twice."""
    if idempotency_key:
        existing = Activity.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    _check_vocabulary(kind, programs or [])
    stored: list[str] = []
    try:
        with transaction.atomic():
            activity = activity_plan(
                by=by, unit=unit, kind=kind, title=title, area=area, planned_at=report.held_at,
                programs=programs, venue=venue, place=place, idempotency_key=idempotency_key,
            )  # fmt: skip
            if activity.status != Activity.Status.PLANNED:
                return activity  # the same key raced in from a second request: that one won
            _check_may_report(activity, report, by)
            stored = _store_photos(report.photos, "activities")
            return _report(activity=activity, by=by, report=report, photos=stored)
    except BaseException:
        # the plan's row is rolled back; so are the photos, even when only the commit failed
        _unstore(stored)
        raise


def _check_reviewer(activity: Activity, by: User) -> None:
    if access.is_own_report(by, activity):
        raise EngagementError(
            _("Laporan Anda sendiri diperiksa oleh pimpinan lain: tidak dapat Anda verifikasi.")
        )
    if not access.can_verify(by, activity):
        raise EngagementError(_("Hanya pimpinan satuan yang dapat memverifikasi laporan ini."))


@transaction.atomic
def activity_verify(*, activity: Activity, by: User) -> Activity:
    """A leader of the activity's unit or above, who did not report it, confirms the report."""
    _check_reviewer(activity, by)
    updated = Activity.objects.filter(pk=activity.pk, status=Activity.Status.REPORTED).update(
        status=Activity.Status.VERIFIED, verified_by=by, verified_at=timezone.now(),
        correction_note="",
    )  # fmt: skip
    if updated:
        _event(activity, ActivityEvent.Kind.VERIFIED, by=by)
    activity.refresh_from_db()
    return activity


@transaction.atomic
def activity_return(*, activity: Activity, by: User, note: str) -> Activity:
    """Sends a report back to its officer for correction, with what to fix; the officer is told."""
    _check_reviewer(activity, by)
    note = note.strip()
    if len(note) < 5:
        raise EngagementError(_("Tuliskan apa yang harus diperbaiki."), field="note")
    updated = Activity.objects.filter(pk=activity.pk, status=Activity.Status.REPORTED).update(
        status=Activity.Status.RETURNED, correction_note=note[:2000]
    )
    if not updated:
        raise EngagementError(_("Hanya laporan yang menunggu verifikasi dapat dikembalikan."))
    event = _event(activity, ActivityEvent.Kind.RETURNED, by=by, message=note[:2000])
    activity.refresh_from_db()
    officer = activity.reported_by or activity.created_by
    if officer is not None and officer.email:
        context = {"activity": activity, "by": by, "note": note, "url": _officer_url(activity.pk)}
        outbox_add(
            [
                Outbox(
                    channel=Outbox.Channel.EMAIL, to=officer.email,
                    subject=texts.subject("engagement/returned_subject.txt", context),
                    body=texts.text("engagement/returned_email.txt", context),
                    key=f"activity:{activity.pk}:returned:{event.pk}",
                )
            ]
        )  # fmt: skip
    return activity


@dataclass(frozen=True, slots=True)
class CorrectionIn:
    """The parts of a report its officer corrects; aspirations and promises stay as filed."""

    held_at: datetime
    attendance: int | None = None
    officials: list[dict[str, str | None]] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    partner_groups: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    minutes: str = ""
    photos: list[UploadedFile[bytes]] = field(default_factory=list)


def activity_correct(*, activity: Activity, by: User, correction: CorrectionIn) -> Activity:
    """The officer's corrected report, sent again for verification (photos are added)."""
    if not access.can_act(by, activity.area_id):
        raise EngagementError(_("Kegiatan ini di luar wilayah tugas Anda."))
    _check_report(activity, ReportIn(**{f: getattr(correction, f) for f in _CORRECTED}), by)
    stored = _store_photos(correction.photos, "activities")
    try:
        return _correct(activity=activity, by=by, correction=correction, photos=stored)
    except BaseException:
        _unstore(stored)
        raise


_CORRECTED = ("held_at", "attendance", "officials", "partners", "partner_groups", "topics",
              "minutes")  # fmt: skip


@transaction.atomic
def _correct(
    *, activity: Activity, by: User, correction: CorrectionIn, photos: list[str]
) -> Activity:
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status != Activity.Status.RETURNED:
        raise EngagementError(_("Laporan ini tidak sedang dikembalikan untuk perbaikan."))
    if locked.photos.count() + len(photos) > MAX_PHOTOS:
        raise EngagementError(_("Paling banyak %(n)d foto.") % {"n": MAX_PHOTOS}, field="photos")
    changed = [f for f in _CORRECTED if f != "partners" and getattr(locked, f) != (
        list(dict.fromkeys(getattr(correction, f))) if f in {"partner_groups", "topics"}
        else getattr(correction, f).strip() if f == "minutes" else getattr(correction, f)
    )]  # fmt: skip
    locked.status = Activity.Status.REPORTED
    locked.held_at = correction.held_at
    locked.attendance = correction.attendance
    locked.officials = correction.officials
    locked.partner_groups = list(dict.fromkeys(correction.partner_groups))
    locked.topics = list(dict.fromkeys(correction.topics))
    locked.minutes = correction.minutes.strip()
    locked.save()
    before = set(locked.partners.values_list("pk", flat=True))
    locked.partners.set(correction.partners)
    if before != {p.pk for p in correction.partners}:
        changed.append("partners")
    ActivityPhoto.objects.bulk_create(ActivityPhoto(activity=locked, image=p) for p in photos)
    _event(locked, ActivityEvent.Kind.RESUBMITTED, by=by, changed=changed, photos=len(photos))
    return locked


def _officer_url(activity_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "engagement:officer_activity", args=[activity_id]
    )


@transaction.atomic
def activity_cancel(*, activity: Activity, by: User, reason: str) -> Activity:
    if not access.can_act(by, activity.area_id):
        raise EngagementError(_("Kegiatan ini di luar wilayah tugas Anda."))
    updated = Activity.objects.filter(pk=activity.pk, status=Activity.Status.PLANNED).update(
        status=Activity.Status.CANCELLED
    )
    if not updated:
        raise EngagementError(_("Hanya kegiatan yang masih direncanakan yang dapat dibatalkan."))
    _event(activity, ActivityEvent.Kind.CANCELLED, by=by, message=reason.strip())
    activity.refresh_from_db()
    return activity


# Commitments


def _store_document(upload: UploadedFile[bytes]) -> tuple[str, str]:
    """A PDF as sent (checked by its first bytes) or a photo cleaned like every other photo,
    stored under a random name; returns (stored name, the name shown)."""
    if upload.size is None or upload.size > settings.CASE_PHOTO_MAX_BYTES:
        raise EngagementError(
            _("Berkas terlalu besar (maksimal %(mb)d MB).")
            % {"mb": settings.CASE_PHOTO_MAX_BYTES // 1_000_000},
            field="document",
        )
    shown = Path(upload.name or "bukti").name[:120]
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        try:
            stored = default_storage.save(
                f"commitments/{secrets.token_hex(12)}.pdf", ContentFile(upload.read())
            )
        except OSError as exc:
            raise PhotoError(_("Lampiran tidak dapat disimpan saat ini. Coba lagi nanti.")) from exc
        return stored, shown
    try:
        photo = clean_photo(upload)
    except PhotoError as exc:
        raise EngagementError(
            _("Bukti harus PDF atau foto (JPG, PNG, WEBP)."), field="document"
        ) from exc
    return photo_store(photo, "commitments"), shown


def _made_on(commitment: Commitment) -> date:
    """The day the promise was made: the day of its activity."""
    activity = commitment.activity
    moment = activity.held_at or activity.planned_at or commitment.created_at
    return timezone.localdate(moment)


def evidence_days(commitment: Commitment) -> list[date]:
    """The days with evidence: the linked items, and the counted check-ins of the patrol plans
    made to keep the promise (patrols: a plan's commitment; flagged ones once a leader accepted
    them)."""
    from sinergi.patrols.models import CheckIn as PatrolCheckIn  # noqa: PLC0415 -- patrols builds on engagement

    days = [e.on for e in commitment.evidence_items.all()]
    patrolled = (
        PatrolCheckIn.objects.filter(plan__commitment_id=commitment.pk)
        .filter(Q(flagged=False) | Q(review=PatrolCheckIn.Review.ACCEPTED))
        .values_list("at", flat=True)
    )
    return days + [timezone.localdate(at) for at in patrolled]


def commitment_rate(commitment: Commitment, *, today: date | None = None) -> promises.Rate | None:
    """The evidence rate of a recurring promise so far (None for a one-off promise)."""
    days = evidence_days(commitment)
    return promises.rate(
        recurrence=commitment.recurrence, made_on=_made_on(commitment), due_on=commitment.due_on,
        today=today or timezone.localdate(), days=days,
    )  # fmt: skip


def _require_open_commitment(commitment: Commitment) -> None:
    if Commitment.objects.filter(pk=commitment.pk).exclude(status=Commitment.Status.OPEN).exists():
        raise EngagementError(_("Komitmen ini sudah ditutup."))


@transaction.atomic
def commitment_evidence_add(
    *,
    commitment: Commitment,
    by: User,
    checkins: Iterable[CheckIn] = (),
    activities: Iterable[Activity] = (),
    cases: Iterable[Case] = (),
    note: str = "",
) -> int:
    """Links check-ins, later activities and cases of the promise's area as its evidence; each
    once. Check-ins flagged as far from their spot, and anything from before the promise or
    outside its area, are refused. Returns how many were new."""
    locked = Commitment.objects.select_for_update().select_related("activity").get(pk=commitment.pk)
    if locked.status != Commitment.Status.OPEN:
        raise EngagementError(_("Komitmen ini sudah ditutup."))
    made_on, scope = _made_on(locked), scope_of(by)

    def inside(code: str) -> bool:
        return (code == locked.area_id or code.startswith(f"{locked.area_id}.")) and scope.covers(
            code
        )

    items: list[CommitmentEvidence] = []
    for checkin in checkins:
        on = timezone.localdate(checkin.at)
        counted = not checkin.flagged or checkin.review == checkin.Review.ACCEPTED
        linked = checkin.plan.commitment_id == locked.pk
        if not counted or not (linked or inside(checkin.hotspot.area_id)) or on < made_on:
            raise EngagementError(
                _("Kehadiran patroli itu tidak dapat menjadi bukti janji ini."), field="checkins"
            )
        items.append(CommitmentEvidence(kind=CommitmentEvidence.Kind.CHECKIN, checkin=checkin,
                                        on=on))  # fmt: skip
    for activity in activities:
        held = activity.held_at
        if (
            activity.pk == locked.activity_id or activity.status not in DONE_STATUSES
            or held is None or not inside(activity.area_id) or timezone.localdate(held) < made_on
        ):  # fmt: skip
            raise EngagementError(
                _("Kegiatan itu tidak dapat menjadi bukti janji ini."), field="activities"
            )
        items.append(CommitmentEvidence(kind=CommitmentEvidence.Kind.ACTIVITY, activity=activity,
                                        on=timezone.localdate(held)))  # fmt: skip
    for case in cases:
        if not inside(case.area_id):
            raise EngagementError(
                _("Laporan itu tidak dapat menjadi bukti janji ini."), field="cases"
            )
        moment = case.closed_at or case.updated_at
        items.append(CommitmentEvidence(kind=CommitmentEvidence.Kind.CASE, case=case,
                                        on=max(made_on, timezone.localdate(moment))))  # fmt: skip
    if not items:
        raise EngagementError(_("Pilih sedikitnya satu bukti."))
    known = {
        (e.kind, e.checkin_id or e.activity_id or e.case_id)
        for e in locked.evidence_items.exclude(kind=CommitmentEvidence.Kind.DOCUMENT)
    }
    new = [i for i in items if (i.kind, i.checkin_id or i.activity_id or i.case_id) not in known]
    for item in new:
        item.commitment, item.added_by, item.note = locked, by, note.strip()[:300]
    CommitmentEvidence.objects.bulk_create(new)
    if new:
        _event(
            locked.activity, ActivityEvent.Kind.EVIDENCE, by=by, message=locked.text,
            commitment=locked.pk, added=[f"{i.kind}:{i.on:%Y-%m-%d}" for i in new],
        )  # fmt: skip
    return len(new)


def commitment_document_add(
    *, commitment: Commitment, by: User, upload: UploadedFile[bytes], note: str = ""
) -> CommitmentEvidence:
    """Keeps a document or photo as evidence of the promise (of today). The file is stored
    before the row and removed again if the row cannot be written."""
    _require_open_commitment(commitment)
    stored, shown = _store_document(upload)
    try:
        return _document_add(commitment=commitment, by=by, stored=stored, shown=shown, note=note)
    except BaseException:
        _unstore([stored])
        raise


@transaction.atomic
def _document_add(
    *, commitment: Commitment, by: User, stored: str, shown: str, note: str
) -> CommitmentEvidence:
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.status != Commitment.Status.OPEN:
        raise EngagementError(_("Komitmen ini sudah ditutup."))
    item = CommitmentEvidence.objects.create(
        commitment=locked, kind=CommitmentEvidence.Kind.DOCUMENT, file=stored, name=shown,
        on=timezone.localdate(), note=note.strip()[:300], added_by=by,
    )  # fmt: skip
    _event(
        locked.activity, ActivityEvent.Kind.EVIDENCE, by=by, message=locked.text,
        commitment=locked.pk, added=[f"document:{item.on:%Y-%m-%d}"],
    )  # fmt: skip
    return item


def commitment_close(
    *,
    commitment: Commitment,
    by: User,
    kept: bool,
    evidence: str,
    photo: UploadedFile[bytes] | None = None,
) -> Commitment:
    """Marks a promise kept or dropped, with a note (what was done / why).

    Kept needs evidence: linked check-ins, activities, cases or a document (a photo given here
    is kept as one). A recurring promise is judged at its due date, by the share of its days
    (weeks) with evidence, which must reach COMMITMENT_MIN_EVIDENCE_RATE."""
    if not evidence.strip():
        raise EngagementError(
            _("Tuliskan bukti pelaksanaannya.") if kept else _("Tuliskan alasannya."),
            field="evidence",
        )
    _require_open_commitment(commitment)
    if kept:
        _check_keepable(commitment, extra_today=photo is not None)
    if photo is not None:
        # kept as evidence in its own step: it stays evidence even if the closing fails
        commitment_document_add(commitment=commitment, by=by, upload=photo)
    return _close(commitment=commitment, by=by, kept=kept, evidence=evidence)


def _check_keepable(commitment: Commitment, *, extra_today: bool = False) -> None:
    found_days = evidence_days(commitment)
    if not found_days and not extra_today:
        raise EngagementError(
            _(
                "Lampirkan bukti dulu: kehadiran patroli, kegiatan, laporan warga yang "
                "diselesaikan, atau dokumen/foto."
            ),
            field="evidence",
        )
    if not commitment.recurrence:
        return
    today = timezone.localdate()
    days = found_days + ([today] if extra_today else [])
    found = promises.rate(
        recurrence=commitment.recurrence, made_on=_made_on(commitment),
        due_on=commitment.due_on, today=today, days=days,
    )  # fmt: skip
    assert found is not None  # noqa: S101 -- a recurring promise always has a rate
    if today < commitment.due_on:
        whole = promises.rate(
            recurrence=commitment.recurrence, made_on=_made_on(commitment),
            due_on=commitment.due_on, today=commitment.due_on, days=[],
        )  # fmt: skip
        raise EngagementError(
            _(
                "Janji berulang dinilai pada tenggatnya (%(due)s, %(whole)d %(unit)s): sampai "
                "kini ada bukti pada %(n)d dari %(all)d %(unit)s."
            )
            % {"due": f"{commitment.due_on:%d-%m-%Y}", "n": found.with_evidence,
               "all": found.periods, "unit": found.unit,
               "whole": whole.periods if whole is not None else 0},
            field="evidence",
        )  # fmt: skip
    minimum = settings.COMMITMENT_MIN_EVIDENCE_RATE
    if (found.share or 0.0) < minimum:
        raise EngagementError(
            _(
                "Bukti hanya ada pada %(n)d dari %(all)d %(unit)s (%(pct)d%%); janji berulang "
                "ditepati bila sedikitnya %(min)d%%. Tutup sebagai tidak ditepati dengan alasannya."
            )
            % {"n": found.with_evidence, "all": found.periods, "unit": found.unit,
               "pct": found.percent or 0, "min": round(minimum * 100)},
            field="evidence",
        )  # fmt: skip


@transaction.atomic
def _close(*, commitment: Commitment, by: User, kept: bool, evidence: str) -> Commitment:
    locked = Commitment.objects.select_for_update().select_related("activity").get(pk=commitment.pk)
    if locked.status != Commitment.Status.OPEN:
        raise EngagementError(_("Komitmen ini sudah ditutup."))
    if kept:
        _check_keepable(locked)
    first_document = locked.evidence_items.filter(kind=CommitmentEvidence.Kind.DOCUMENT).first()
    if first_document is not None and not locked.evidence_photo:
        locked.evidence_photo.name = first_document.file.name
    found = commitment_rate(locked)
    locked.evidence_rate = found.share if found is not None else None
    locked.status = Commitment.Status.DONE if kept else Commitment.Status.DROPPED
    locked.evidence = evidence.strip()
    locked.done_at = timezone.now()
    locked.closed_by = by
    locked.save()
    _event(
        locked.activity,
        ActivityEvent.Kind.COMMITMENT_DONE if kept else ActivityEvent.Kind.COMMITMENT_DROPPED,
        by=by, message=locked.evidence, commitment=locked.pk,
        evidence=locked.evidence_items.count(), rate=locked.evidence_rate,
    )  # fmt: skip
    return locked


def _activity_url(activity_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("engagement:activity", args=[activity_id])


def _owner_unit(commitment: Commitment) -> Unit:
    if commitment.owner_id is not None:
        post = (
            Post.objects.active()
            .filter(user_id=commitment.owner_id)
            .select_related("unit")
            .order_by("-unit__tier")
            .first()
        )
        if post is not None:
            return post.unit
    return commitment.activity.unit


def commitments_notify_overdue(*, today: date | None = None, limit: int = 500) -> int:
    """Tells the owner of each open commitment past its due date, and the leader above them,
    once. Safe to run twice and on two nodes: each row is claimed under a lock."""
    today = today or timezone.localdate()
    told = 0
    with transaction.atomic():
        due = list(
            Commitment.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=Commitment.Status.OPEN, due_on__lt=today, overdue_notified_at=None)
            .select_related("owner", "activity__unit")
            .order_by("due_on", "pk")[:limit]
        )
        messages: list[Outbox] = []
        for commitment in due:
            owner = commitment.owner
            people = ([owner] if owner is not None else []) + access.leaders_above(
                owner, _owner_unit(commitment)
            )
            for person in {p.pk: p for p in people}.values():
                if not person.email:
                    continue
                context = {
                    "commitment": commitment, "url": _activity_url(commitment.activity_id),
                }  # fmt: skip
                messages.append(
                    Outbox(
                        channel=Outbox.Channel.EMAIL,
                        to=person.email,
                        subject=texts.subject("engagement/overdue_subject.txt", context),
                        body=texts.text("engagement/overdue_email.txt", context),
                        key=f"commitment:{commitment.pk}:overdue:user:{person.pk}",
                    )
                )
            _event(
                commitment.activity, ActivityEvent.Kind.COMMITMENT_OVERDUE, by=None,
                message=commitment.text, commitment=commitment.pk,
            )  # fmt: skip
            told += 1
        Commitment.objects.filter(pk__in=[c.pk for c in due]).update(
            overdue_notified_at=timezone.now()
        )
        outbox_add(messages)
    return told


# Activities read from press releases (the news reader fills the form; a person saves it)

IMPORT_ROLES = {
    Post.Role.HUMAS_WRITER, Post.Role.HUMAS_EDITOR, Post.Role.ANALYST, Post.Role.UNIT_LEADER,
    Post.Role.FIELD_OFFICER, Post.Role.ADMIN,
}  # fmt: skip


def can_import(user: User, area_code: str) -> bool:
    """Humas, analysts and officers may record a published activity of their own areas."""
    return scope_of(user).covers(area_code) and bool(roles_of(user) & IMPORT_ROLES)


@dataclass(frozen=True, slots=True)
class ReleaseRecord:
    """An activity as a press release tells it, reviewed by the person saving it."""

    unit: Unit
    kind: str
    title: str
    area: Area
    held_at: datetime
    extra_kinds: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    venue: str = ""
    officials: list[dict[str, str | None]] = field(default_factory=list)
    partner_groups: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    # what the release says was asked and promised: kept on the record, not filed as new cases
    aspirations: list[str] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    # who promised each, as the release says ("Kapolsek Tanara AKP Nur Rochman"); "" or missing:
    # the release's leading official
    commitment_owners: list[str] = field(default_factory=list)
    commitments_due: date | None = None
    source_url: str = ""
    key: str = ""  # the source address, or a digest of the release: the same release once


def activity_import(*, by: User, record: ReleaseRecord) -> tuple[Activity, bool]:
    """Records an activity read from a published release (source: external release), as
    reported, for its unit's leader to verify. The same release (key) is recorded once.

    Aspirations stay text on the record (they were answered when they were raised); promises
    become commitments, due when the reviewer says (30 days after the activity by default)."""
    key = case_services.client_key(source="release", user_id=0, raw=record.key)
    if key:
        existing = Activity.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing, False
    kinds = [record.kind, *record.extra_kinds]
    _check_vocabulary(record.kind, record.programs, record.topics)
    if any(k not in ActivityType.values for k in kinds):
        raise EngagementError(_("Jenis kegiatan tidak dikenal."), field="kind")
    if any(g not in PartnerKind.values for g in record.partner_groups):
        raise EngagementError(_("Jenis mitra tidak dikenal."), field="partner_groups")
    if record.area.retired_at is not None or not can_import(by, record.area.code):
        raise EngagementError(_("Wilayah ini di luar wilayah tugas Anda."), field="area")
    if not _serves(record.unit, record.area):
        raise EngagementError(_("Satuan ini tidak bertugas di wilayah tersebut."), field="unit")
    if not record.title.strip():
        raise EngagementError(_("Isi judul kegiatan."), field="title")
    heard = "\n".join(f"- {a}" for a in record.aspirations)
    minutes = _("Aspirasi menurut rilis:") + f"\n{heard}" if heard else ""
    due = record.commitments_due or timezone.localdate(record.held_at) + timedelta(days=30)
    # an old release's promises whose term is already over are history, not late promises
    status = Commitment.Status.HISTORIC if due < timezone.localdate() else Commitment.Status.OPEN
    owners = record.commitment_owners + [""] * len(record.commitments)
    try:
        with transaction.atomic():
            activity = Activity.objects.create(
                unit=record.unit, kind=record.kind,
                extra_kinds=list(dict.fromkeys(record.extra_kinds)),
                programs=list(dict.fromkeys(record.programs)), title=record.title.strip()[:200],
                area=record.area, venue=record.venue.strip()[:200], status=Activity.Status.REPORTED,
                planned_at=record.held_at, held_at=record.held_at, officials=record.officials[:30],
                partner_groups=list(dict.fromkeys(record.partner_groups)),
                topics=list(dict.fromkeys(record.topics)), minutes=minutes,
                source=Activity.Source.RELEASE, source_url=record.source_url[:500],
                idempotency_key=key, created_by=by, reported_by=by,
            )  # fmt: skip
            Commitment.objects.bulk_create(
                Commitment(
                    activity=activity, area_id=activity.area_id, text=text.strip()[:300],
                    owner_label=(owner.strip() or _owner_of(record.officials))[:160],
                    due_on=due, status=status, recurrence=recurrence_of(text),
                )
                for text, owner in zip(record.commitments[:MAX_COMMITMENTS], owners, strict=False)
                if text.strip()
            )  # fmt: skip
            _event(activity, ActivityEvent.Kind.REPORTED, by=by, source=record.source_url)
    except IntegrityError:
        existing = Activity.objects.filter(idempotency_key=key).first() if key else None
        if existing is not None:
            return existing, False
        raise
    return activity, True


def _serves(unit: Unit, area: Area) -> bool:
    """The unit works in the area: one of its areas contains it, or lies inside it."""
    codes = UnitArea.objects.filter(unit=unit).values_list("area_id", flat=True)
    return any(
        area.code == code or area.code.startswith(f"{code}.") or code.startswith(f"{area.code}.")
        for code in codes
    )


def _owner_of(officials: list[dict[str, str | None]]) -> str:
    """Who promised, as far as a release says: its leading official."""
    if not officials:
        return ""
    lead = officials[0]
    return " ".join(str(lead[k]) for k in ("position", "name") if lead.get(k))[:160]
