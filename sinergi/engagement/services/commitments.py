"""Commitments: the promises made at activities, their evidence (check-ins, later activities,
cases, documents), their closing as kept or dropped, and the sweep that tells of overdue ones."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.access import scope_of
from sinergi.accounts.models import User
from sinergi.areas import timezones
from sinergi.cases.models import Case
from sinergi.engagement import access, promises
from sinergi.engagement.models import Activity, ActivityEvent, Commitment, CommitmentEvidence
from sinergi.engagement.services._common import EngagementError, _event, _unstore
from sinergi.messaging import texts
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_add
from sinergi.platform.photos import PhotoError, clean_photo
from sinergi.platform.photos import store as photo_store
from sinergi.units.models import Post, Unit

if TYPE_CHECKING:
    from sinergi.patrols.models import CheckIn


DONE_STATUSES = (Activity.Status.REPORTED, Activity.Status.VERIFIED)


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
    return timezones.day_of(moment, commitment.area_id)


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
    return days + [timezones.day_of(at, commitment.area_id) for at in patrolled]


def commitment_rate(commitment: Commitment, *, today: date | None = None) -> promises.Rate | None:
    """The evidence rate of a recurring promise so far (None for a one-off promise)."""
    days = evidence_days(commitment)
    return promises.rate(
        recurrence=commitment.recurrence,
        made_on=_made_on(commitment),
        due_on=commitment.due_on,
        today=today or timezones.day_of(timezone.now(), commitment.area_id),
        days=days,
    )


def _locked_open(commitment: Commitment) -> Commitment:
    """The promise, locked for this transaction (with its activity); a closed one is refused."""
    locked = Commitment.objects.select_for_update().select_related("activity").get(pk=commitment.pk)
    if locked.status != Commitment.Status.OPEN:
        raise EngagementError(_("Komitmen ini sudah ditutup."))
    return locked


def _evidence_recorded(locked: Commitment, by: User, added: list[str]) -> None:
    """The step on the activity's history: which evidence ("kind:day") the promise gained."""
    _event(
        locked.activity,
        ActivityEvent.Kind.EVIDENCE,
        by=by,
        message=locked.text,
        commitment=locked.pk,
        added=added,
    )


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
    locked = _locked_open(commitment)
    made_on, scope = _made_on(locked), scope_of(by)

    def inside(code: str) -> bool:
        return (code == locked.area_id or code.startswith(f"{locked.area_id}.")) and scope.covers(
            code
        )

    items: list[CommitmentEvidence] = []
    for checkin in checkins:
        on = timezones.day_of(checkin.at, locked.area_id)
        counted = not checkin.flagged or checkin.review == checkin.Review.ACCEPTED
        linked = checkin.plan.commitment_id == locked.pk
        if not counted or not (linked or inside(checkin.hotspot.area_id)) or on < made_on:
            raise EngagementError(
                _("Kehadiran patroli itu tidak dapat menjadi bukti janji ini."), field="checkins"
            )
        items.append(
            CommitmentEvidence(kind=CommitmentEvidence.Kind.CHECKIN, checkin=checkin, on=on)
        )
    for activity in activities:
        held = activity.held_at
        if (
            activity.pk == locked.activity_id
            or activity.status not in DONE_STATUSES
            or held is None
            or not inside(activity.area_id)
            or timezones.day_of(held, locked.area_id) < made_on
        ):
            raise EngagementError(
                _("Kegiatan itu tidak dapat menjadi bukti janji ini."), field="activities"
            )
        items.append(
            CommitmentEvidence(
                kind=CommitmentEvidence.Kind.ACTIVITY,
                activity=activity,
                on=timezones.day_of(held, locked.area_id),
            )
        )
    for case in cases:
        if not inside(case.area_id):
            raise EngagementError(
                _("Laporan itu tidak dapat menjadi bukti janji ini."), field="cases"
            )
        moment = case.closed_at or case.updated_at
        items.append(
            CommitmentEvidence(
                kind=CommitmentEvidence.Kind.CASE,
                case=case,
                on=max(made_on, timezones.day_of(moment, locked.area_id)),
            )
        )
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
        _evidence_recorded(locked, by, [f"{i.kind}:{i.on:%Y-%m-%d}" for i in new])
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
    locked = _locked_open(commitment)
    item = CommitmentEvidence.objects.create(
        commitment=locked,
        kind=CommitmentEvidence.Kind.DOCUMENT,
        file=stored,
        name=shown,
        on=timezones.day_of(timezone.now(), locked.area_id),
        note=note.strip()[:300],
        added_by=by,
    )
    _evidence_recorded(locked, by, [f"document:{item.on:%Y-%m-%d}"])
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
    today = timezones.day_of(timezone.now(), commitment.area_id)
    days = found_days + ([today] if extra_today else [])
    found = promises.rate(
        recurrence=commitment.recurrence,
        made_on=_made_on(commitment),
        due_on=commitment.due_on,
        today=today,
        days=days,
    )
    assert found is not None  # noqa: S101 -- a recurring promise always has a rate
    if today < commitment.due_on:
        whole = promises.rate(
            recurrence=commitment.recurrence,
            made_on=_made_on(commitment),
            due_on=commitment.due_on,
            today=commitment.due_on,
            days=[],
        )
        raise EngagementError(
            _(
                "Janji berulang dinilai pada tenggatnya (%(due)s, %(whole)d %(unit)s): sampai "
                "kini ada bukti pada %(n)d dari %(all)d %(unit)s."
            )
            % {
                "due": f"{commitment.due_on:%d-%m-%Y}",
                "n": found.with_evidence,
                "all": found.periods,
                "unit": found.unit,
                "whole": whole.periods if whole is not None else 0,
            },
            field="evidence",
        )
    minimum = settings.COMMITMENT_MIN_EVIDENCE_RATE
    if (found.share or 0.0) < minimum:
        raise EngagementError(
            _(
                "Bukti hanya ada pada %(n)d dari %(all)d %(unit)s (%(pct)d%%); janji berulang "
                "ditepati bila sedikitnya %(min)d%%. Tutup sebagai tidak ditepati dengan alasannya."
            )
            % {
                "n": found.with_evidence,
                "all": found.periods,
                "unit": found.unit,
                "pct": found.percent or 0,
                "min": round(minimum * 100),
            },
            field="evidence",
        )


@transaction.atomic
def _close(*, commitment: Commitment, by: User, kept: bool, evidence: str) -> Commitment:
    locked = _locked_open(commitment)
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
        by=by,
        message=locked.evidence,
        commitment=locked.pk,
        evidence=locked.evidence_items.count(),
        rate=locked.evidence_rate,
    )
    return locked


def _activity_url(activity_id: int) -> str:
    return texts.site_url(reverse("engagement:activity", args=[activity_id]))


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
                    "commitment": commitment,
                    "url": _activity_url(commitment.activity_id),
                }
                messages.append(
                    texts.email(
                        "engagement/overdue",
                        context,
                        to=person.email,
                        key=f"commitment:{commitment.pk}:overdue:user:{person.pk}",
                    )
                )
            _event(
                commitment.activity,
                ActivityEvent.Kind.COMMITMENT_OVERDUE,
                by=None,
                message=commitment.text,
                commitment=commitment.pk,
            )
            told += 1
        Commitment.objects.filter(pk__in=[c.pk for c in due]).update(
            overdue_notified_at=timezone.now()
        )
        outbox_add(messages)
    return told
