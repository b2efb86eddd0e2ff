"""Activities: planned, reported (or recorded in one step), verified, returned for correction
and corrected, cancelled; their photos; each aspiration heard filed as a case through the
intake, each promise kept as a commitment, each new partner registered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.access import scope_of
from sinergi.accounts.models import User
from sinergi.areas import timezones
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.engagement import access
from sinergi.engagement.catalogue import PartnerKind, Topic
from sinergi.engagement.models import (
    Activity,
    ActivityEvent,
    ActivityPhoto,
    Aspiration,
    Commitment,
    Partner,
)
from sinergi.engagement.promises import recurrence_of
from sinergi.engagement.services._common import (
    MAX_ASPIRATIONS,
    MAX_COMMITMENTS,
    EngagementError,
    _check_vocabulary,
    _event,
    _unstore,
    programs_of,
)
from sinergi.engagement.services.partners import partner_save
from sinergi.messaging import texts
from sinergi.messaging.services import outbox_add
from sinergi.platform.photos import PhotoError, clean_photo
from sinergi.platform.photos import store as photo_store
from sinergi.units.models import Unit

MAX_PHOTOS = 10


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
    programs = programs_of(kind, programs or [])
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
                unit=unit,
                kind=kind,
                programs=programs,
                title=title.strip()[:200],
                area=area,
                venue=venue.strip()[:200],
                place=place,
                planned_at=planned_at,
                created_by=by,
                idempotency_key=idempotency_key or None,
            )
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


def _check_may_run(activity: Activity, by: User) -> None:
    if not access.can_act(by, activity.area_id):
        raise EngagementError(_("Kegiatan ini di luar wilayah tugas Anda."))
    if not access.can_run(by, activity):
        raise EngagementError(
            _("Kegiatan ini milik %(unit)s: hanya anggota atau pimpinannya yang dapat mengubahnya.")
            % {"unit": activity.unit.name}
        )


def _check_may_report(activity: Activity, report: ReportIn, by: User) -> None:
    _check_may_run(activity, by)
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
        key = case_services.client_key(source="activity", user_id=activity.pk, raw=str(number))
        aspiration_file(locked, aspiration, key=key, by=by)
    Commitment.objects.bulk_create(
        Commitment(
            activity=locked,
            area_id=locked.area_id,
            text=c.text.strip()[:300],
            owner=c.owner,
            owner_label=(c.owner_label or (c.owner.name if c.owner else "")).strip()[:160],
            due_on=c.due_on,
            recurrence=recurrence_of(c.text),
        )
        for c in report.commitments
    )
    engaged = [p.pk for p in met] + ([locked.place_id] if locked.place_id else [])
    Partner.objects.filter(pk__in=engaged).update(
        last_engaged_on=timezones.day_of(report.held_at, locked.area_id),
        last_engaged_subject=locked.title,
    )
    _event(
        locked,
        ActivityEvent.Kind.REPORTED,
        by=by,
        aspirations=len(report.aspirations),
        commitments=len(report.commitments),
    )
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


def aspiration_file(
    activity: Activity,
    aspiration: AspirationIn,
    *,
    key: str | None,
    by: User,
    village: Area | None = None,
    details: dict[str, object] | None = None,
) -> case_services.Submitted:
    """A voice heard at the activity, filed as a case (in the activity's village unless another
    is given) and linked back to the activity; ``key`` files it once. The one path for what an
    officer reports hearing and for a request a release tells of (releases.py)."""
    named = bool(aspiration.name.strip())
    result = case_services.case_submit(
        category=aspiration.category,
        area=village or activity.area,
        description=aspiration.description,
        channel=Case.Channel.OFFICER,
        place=aspiration.place.strip()[:200],
        by=by,
        latitude=aspiration.latitude,
        longitude=aspiration.longitude,
        details={"session": activity.title, "activity": activity.pk, **(details or {})},
        reporter=case_services.ReporterIn(
            anonymous=not named, name=aspiration.name, phone=aspiration.phone
        ),
        idempotency_key=key,
    )
    Aspiration.objects.get_or_create(case=result.case, defaults={"activity": activity})
    return result


def activity_record(
    *,
    by: User,
    unit: Unit,
    kind: str,
    title: str,
    area: Area,
    report: ReportIn,
    programs: list[str] | None = None,
    venue: str = "",
    place: Partner | None = None,
    idempotency_key: str | None = None,
) -> Activity:
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
                by=by,
                unit=unit,
                kind=kind,
                title=title,
                area=area,
                planned_at=report.held_at,
                programs=programs,
                venue=venue,
                place=place,
                idempotency_key=idempotency_key,
            )
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
        status=Activity.Status.VERIFIED,
        verified_by=by,
        verified_at=timezone.now(),
        correction_note="",
    )
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
    event = _event(activity, ActivityEvent.Kind.RETURNED, by=by, message=note)
    activity.refresh_from_db()
    officer = activity.reported_by or activity.created_by
    if officer is not None and officer.email:
        context = {"activity": activity, "by": by, "note": note, "url": _officer_url(activity.pk)}
        outbox_add(
            [
                texts.email(
                    "engagement/returned",
                    context,
                    to=officer.email,
                    key=f"activity:{activity.pk}:returned:{event.pk}",
                )
            ]
        )
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
    _check_may_run(activity, by)
    if activity.status == Activity.Status.RETURNED and not access.can_correct(by, activity):
        raise EngagementError(
            _("Laporan yang dikembalikan diperbaiki oleh petugasnya, bukan oleh pimpinan.")
        )
    _check_report(activity, ReportIn(**{f: getattr(correction, f) for f in _CORRECTED}), by)
    stored = _store_photos(correction.photos, "activities")
    try:
        return _correct(activity=activity, by=by, correction=correction, photos=stored)
    except BaseException:
        _unstore(stored)
        raise


_CORRECTED = (
    "held_at",
    "attendance",
    "officials",
    "partners",
    "partner_groups",
    "topics",
    "minutes",
)


@transaction.atomic
def _correct(
    *, activity: Activity, by: User, correction: CorrectionIn, photos: list[str]
) -> Activity:
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status != Activity.Status.RETURNED:
        raise EngagementError(_("Laporan ini tidak sedang dikembalikan untuk perbaikan."))
    if locked.photos.count() + len(photos) > MAX_PHOTOS:
        raise EngagementError(_("Paling banyak %(n)d foto.") % {"n": MAX_PHOTOS}, field="photos")
    changed = [
        f
        for f in _CORRECTED
        if f != "partners"
        and getattr(locked, f)
        != (
            list(dict.fromkeys(getattr(correction, f)))
            if f in {"partner_groups", "topics"}
            else getattr(correction, f).strip()
            if f == "minutes"
            else getattr(correction, f)
        )
    ]
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
    return texts.site_url(reverse("engagement:officer_activity", args=[activity_id]))


@transaction.atomic
@transaction.atomic
def activity_reschedule(
    *, activity: Activity, by: User, planned_at: datetime, venue: str
) -> Activity:
    """A planned activity moved to another time or place (rain, a clash with another event, a
    cooling system planned in one tap for Friday 09.00); its history keeps where it was."""
    _check_may_run(activity, by)
    if planned_at < timezone.now():
        raise EngagementError(_("Waktu baru harus sesudah saat ini."), field="when")
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status != Activity.Status.PLANNED:
        raise EngagementError(_("Hanya kegiatan yang masih direncanakan yang dapat diubah."))
    venue = venue.strip()[:200]
    before = {"at": locked.planned_at.isoformat() if locked.planned_at else None}
    before["venue"] = locked.venue
    if (locked.planned_at, locked.venue) == (planned_at, venue):
        return locked
    locked.planned_at, locked.venue = planned_at, venue
    locked.save(update_fields=["planned_at", "venue", "updated_at"])
    after = {"at": planned_at.isoformat(), "venue": venue}
    # no words stored: the page says the new time in its reader's language (`moved_to`)
    moves: dict[str, Any] = {"from": before, "to": after}
    _event(locked, ActivityEvent.Kind.RESCHEDULED, by=by, **moves)
    return locked


def activity_cancel(*, activity: Activity, by: User, reason: str) -> Activity:
    _check_may_run(activity, by)
    updated = Activity.objects.filter(pk=activity.pk, status=Activity.Status.PLANNED).update(
        status=Activity.Status.CANCELLED
    )
    if not updated:
        raise EngagementError(_("Hanya kegiatan yang masih direncanakan yang dapat dibatalkan."))
    _event(activity, ActivityEvent.Kind.CANCELLED, by=by, message=reason.strip())
    activity.refresh_from_db()
    return activity
