"""Every write of a case. Views, API, channels, commands and tasks call these; none saves a case."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases import (
    access,
    deadlines,
    disclosure,
    duplicates,
    notify,
    routing,
    selectors,
    tracking,
)
from sinergi.cases.models import Case, CaseEvent, Category, Reporter
from sinergi.messaging.chat import msisdn
from sinergi.messaging.services import outbox_add
from sinergi.platform import photos
from sinergi.platform.photos import clean_photo
from sinergi.units.forums import forum_members

CODE_ATTEMPTS = 5
# the latest follow-up day an officer may set when referring a case
REFERRAL_FOLLOW_UP_MAX_DAYS = 90


class IntakeError(ValueError):
    """Input a case cannot be made from; ``field`` names the form field at fault."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class ReporterIn:
    anonymous: bool = True
    name: str = ""
    phone: str = ""
    email: str = ""
    user: User | None = None
    chat_contact_id: int | None = None  # filed by chat: answers go back through that channel


@dataclass(frozen=True, slots=True)
class Submitted:
    case: Case
    created: bool  # False when the idempotency key named a case already made
    # the reporter filed with this case (None only when a replayed case's reporters were since
    # merged elsewhere): their private key is tracking.reporter_key(reporter.pk)
    reporter: Reporter | None = None


class IdempotencyKeyReusedError(IntakeError):
    """The idempotency key names a case made from a different request: the client reused a key
    (refused, never answered with somebody else's case)."""


@transaction.atomic
def case_codes_resend(*, contact: str) -> int:
    """A citizen lost their codes: those of the reports filed with this contact go to that
    contact (at most one message an hour); returns how many messages were written."""
    address, reporters = selectors.reporters_by_contact(contact)
    if not address:
        return 0
    return notify.reporter_codes(address, reporters, hour=timezone.now().strftime("%Y%m%d%H"))


def case_flag_duplicate(*, case_id: int) -> Case | None:
    """Points an open case to the earlier case that most looks like the same problem."""
    case = Case.objects.filter(pk=case_id, duplicate_hint__isnull=True).first()
    if case is None or not case.is_open:
        return None
    likely = [s for s in duplicates.similar(case) if s.case.created_at <= case.created_at]
    if not likely:
        return None
    Case.objects.filter(pk=case.pk, duplicate_hint__isnull=True).update(
        duplicate_hint=likely[0].case
    )
    return likely[0].case


def client_key(*, source: str, user_id: int | None, raw: str | None, owner: str = "") -> str | None:
    """An idempotency key as its owner sent it, made theirs: namespaced by the source and the
    owner (an integration's user; for the public form the browser, ``owner``), hashed so that
    prefix and key always fit the 64-character column. A key typed into one source can never
    name a case made through another, or by another client: two clients may both send "1"."""
    raw = (raw or "").strip()
    if not raw:
        return None
    digest = hashlib.sha256(f"{owner}\x1f{raw}".encode() if owner else raw.encode()).hexdigest()
    return f"{source}:{user_id or 0}:{digest[:40]}"


def _intake_digest(**fields: Any) -> str:
    """What a request asked for, as one hash: a replay must ask for the same thing."""
    canonical = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replayed(existing: Case, digest: str) -> Submitted:
    if existing.intake_digest and existing.intake_digest != digest:
        raise IdempotencyKeyReusedError(
            _(
                "Kunci idempotensi ini sudah dipakai untuk laporan lain dengan isi berbeda. "
                "Gunakan kunci baru untuk laporan baru."
            ),
            field="idempotency_key",
        )
    first = Reporter.objects.filter(case=existing).order_by("pk").first()
    return Submitted(case=existing, created=False, reporter=first)


def event_record(
    case: Case,
    kind: str,
    *,
    by: User | None = None,
    public: bool = False,
    message: str = "",
    data: dict[str, Any] | None = None,
    tell_reporters: bool = True,
) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case, kind=kind, actor=by, public=public, message=message, data=data or {}
    )
    if public and tell_reporters and kind != CaseEvent.Kind.SUBMITTED:
        notify.reporters_of(case, event)
    return event


def case_submit(
    *,
    category: Category,
    area: Area,
    description: str,
    channel: str,
    reporter: ReporterIn,
    details: dict[str, Any] | None = None,
    place: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    photo: UploadedFile[bytes] | None = None,
    idempotency_key: str | None = None,
    by: User | None = None,
) -> Submitted:
    """Files a case owned by its village's tier forum; a repeated idempotency key returns the
    case made the first time and writes nothing.

    The photo is checked and cleaned before the transaction; if the case cannot be written, the
    stored file is removed again, so nothing is half-created. Without a photo the key is not
    looked up first: the unique key itself turns a repeat away (one round trip less on the
    busiest path), and a tracking code that happens to exist already is drawn again.
    """
    digest = _intake_digest(
        category=category.pk,
        area=area.code,
        description=description.strip(),
        channel=channel,
        details=details or {},
        place=place.strip(),
        latitude=latitude,
        longitude=longitude,
        reporter=[
            reporter.anonymous,
            reporter.name.strip(),
            reporter.phone.strip(),
            reporter.email.strip(),
            reporter.chat_contact_id,
        ],
    )
    if idempotency_key and photo is not None:
        existing = Case.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replayed(existing, digest)
    _check(category=category, area=area, description=description)
    description = description.strip()
    stored = _store_photo(photo) if photo is not None else ""
    try:
        for attempt in range(CODE_ATTEMPTS):
            try:
                case, filed = _create(
                    code=tracking.new_code(),
                    category=category,
                    area=area,
                    description=description,
                    channel=channel,
                    reporter=reporter,
                    details=details or {},
                    place=place.strip(),
                    latitude=latitude,
                    longitude=longitude,
                    photo=stored,
                    idempotency_key=idempotency_key or None,
                    digest=digest,
                    by=by,
                )
                break
            except IntegrityError:
                # the same key came first (a retry, a double tap, a second node): that one won
                if idempotency_key:
                    existing = Case.objects.filter(idempotency_key=idempotency_key).first()
                    if existing is not None:
                        if stored:
                            default_storage.delete(stored)
                        return _replayed(existing, digest)
                if attempt == CODE_ATTEMPTS - 1:
                    raise
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return Submitted(case=case, created=True, reporter=filed)


def _check(*, category: Category, area: Area, description: str) -> None:
    if area.level != Area.Level.VILLAGE or area.retired_at is not None:
        raise IntakeError(_("Pilih desa atau kelurahan."), field="area")
    if not category.active:
        raise IntakeError(_("Kategori ini tidak tersedia."), field="category")
    if not description.strip():
        raise IntakeError(_("Ceritakan apa yang terjadi."), field="description")


def _store_photo(photo: UploadedFile[bytes]) -> str:
    """The cleaned photo's storage name; PhotoError (a ValueError) says what is wrong with it or
    that it cannot be stored now."""
    return photos.store(clean_photo(photo), "cases")


@transaction.atomic
def _create(
    *,
    code: str,
    category: Category,
    area: Area,
    description: str,
    channel: str,
    reporter: ReporterIn,
    details: dict[str, Any],
    place: str,
    latitude: float | None,
    longitude: float | None,
    photo: str,
    idempotency_key: str | None,
    digest: str,
    by: User | None,
) -> tuple[Case, Reporter]:
    case = Case(
        tracking_code=code,
        kind=category.kind,
        category=category,
        area=area,
        owner_area=area,
        channel=channel,
        description=description[:5000],
        details=details,
        place=place[:200],
        latitude=latitude,
        longitude=longitude,
        idempotency_key=idempotency_key,
        intake_digest=digest if idempotency_key else "",
    )
    case.photo.name = photo
    case.escalate_at = deadlines.escalate_at(case)
    case.save()
    filed = Reporter.objects.create(
        case=case,
        anonymous=reporter.anonymous,
        name="" if reporter.anonymous else reporter.name.strip()[:120],
        phone=reporter.phone.strip()[:32],
        phone_key=msisdn(reporter.phone) or "" if reporter.phone.strip() else "",
        email=reporter.email.strip()[:254],
        user=reporter.user,
        chat_contact_id=reporter.chat_contact_id,
    )
    event_record(
        case,
        CaseEvent.Kind.SUBMITTED,
        by=by,
        public=True,
        data={"channel": channel, "owner_area": area.code},
    )
    _route_past_empty_rooms(case)
    # Telling the village forum and looking for a likely duplicate are not the citizen's wait:
    # the worker does both. The task is queued inside this transaction, so no case is ever
    # stored without it (a crash between commit and an on_commit hook would lose it).
    from sinergi.cases.tasks import case_filed_task  # noqa: PLC0415 -- tasks import services

    case_filed_task.enqueue(case_id=case.pk)
    return case, filed


def case_filed_follow_up(*, case_id: int) -> None:
    """What follows a new case, in the worker: the forum that owns it is told (its village's,
    or the tier it was routed to), each reporter gets the acknowledgement by their channel, and
    its likely duplicate is flagged. Safe to run twice: the outbox keys each message, and a set
    hint is kept."""
    case = Case.objects.select_related("category", "area", "owner_area").filter(pk=case_id).first()
    if case is None:
        return
    with transaction.atomic():
        notify.forum_of(case, case.owner_area_id, reason=notify.NEW_CASE)
        notify.reporters_acknowledge(case)
    case_flag_duplicate(case_id=case_id)


class TransitionError(ValueError):
    """A step that is not allowed from the case's current state; the message is for the user."""


def _lock(case: Case) -> Case:
    """The case as it is now, its row locked until the transaction ends. Every transition
    decides on this, never on what the caller read earlier: two officers acting on one case at
    once give one step and one notice, and the second is told why nothing happened.

    The lock is taken on the row alone, then the row is read with its relations: a locking
    query with joins would re-check the join against the old related rows after the wait
    (PostgreSQL's EvalPlanQual) and find nothing once the owner had changed."""
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk").first()
    case.refresh_from_db(
        from_queryset=Case.objects.select_related("category", "area", "owner_area", "taken_by")
    )
    return case


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise TransitionError(_("Laporan ini sudah ditutup."))


def _require_holder(case: Case, by: User | None) -> None:
    """A public step on a case someone holds (a reply, a resolution, a referral, a refusal, an
    escalation) is theirs, or a leader's: a colleague asks for it to be handed over first, as
    with "Ambil" (an internal note stays open to every handler)."""
    if by is None or access.may_step(by, case):
        return
    raise TransitionError(
        _("Laporan ini dipegang %(name)s. Minta diserahkan dulu, atau tulis catatan internal.")
        % {"name": case.taken_by.display_name if case.taken_by else "-"}
    )


def _close(case: Case, status: str) -> None:
    case.status = status
    case.closed_at = timezone.now()
    case.escalate_at = None
    case.save(update_fields=["status", "closed_at", "escalate_at", "updated_at"])


@transaction.atomic
def case_reporter_message(
    *, case: Case, message: str, channel: str, reporter: Reporter | None = None
) -> CaseEvent:
    """A reporter's follow-up (a chat reply to one of our messages about the case, or the
    tracking page with their key): kept on the timeline for the handlers (not public: it may
    name people); shown back to the reporter who wrote it (`selectors.case_reporter_notes`)."""
    message = message.strip()
    if not message:
        raise TransitionError(_("Tulis keterangan yang ingin ditambahkan."))
    event = event_record(
        case,
        CaseEvent.Kind.NOTED,
        message=message,
        data={
            "from_reporter": True,
            "channel": channel,
            **({"reporter": reporter.pk} if reporter else {}),
        },
    )
    notify.forum_of_reporter_message(case, event)
    return event


def _take(case: Case, *, to: User, by: User, assigned: bool) -> Case:
    _require_open(case)
    if case.taken_by_id == to.pk:
        return case  # a second tap on "Ambil": already theirs, nothing new to record
    if case.taken_by_id is not None and not assigned:
        raise TransitionError(
            _("Laporan ini sudah diambil oleh %(name)s. Minta pimpinan untuk menyerahkannya.")
            % {"name": case.taken_by.display_name if case.taken_by else "-"}
        )
    # the reporter was told once that an officer took it; a hand-over after that is internal
    handed_over = case.taken_by_id is not None
    case.taken_by = to
    if case.status == Case.Status.BARU:
        case.status = Case.Status.DITERIMA
    case.save(update_fields=["taken_by", "status", "updated_at"])
    data: dict[str, Any] = {"status": case.status}
    if assigned:
        data["assigned_to"] = to.pk
    event_record(case, CaseEvent.Kind.TAKEN, by=by, public=not handed_over, data=data)
    return case


@transaction.atomic
def case_take(*, case: Case, by: User) -> Case:
    """A member of the owning forum takes the case: baru → diterima. A case another officer
    holds is not taken over silently (that is a hand-over: `case_assign`)."""
    return _take(_lock(case), to=by, by=by, assigned=False)


def public_text_check(*, case: Case, by: User, text: str) -> None:
    """A text an officer writes for the public (reply, resolution, referral, escalation, refusal)
    may not name the reporter. Checked only for an officer who may see the reporter: for anyone
    else a refusal would tell them the reporter's name."""
    if not access.can_see_reporter(by, case):
        return
    people = case.reporters.filter(anonymous=False).values_list("name", "phone")
    if disclosure.names(text, people):
        raise TransitionError(
            _(
                "Teks ini terlihat publik, tetapi menyebut nama atau nomor telepon pelapor. "
                "Hapus dulu, atau tulis sebagai catatan internal."
            )
        )


def _sent_before(case: Case, kind: str, client_key: str) -> bool:
    """A text written without a signal is sent later from the officer's phone (its outbox) with
    a ``client_key``; the same key again (a retry, an answer lost on the way back) writes
    nothing and tells no one twice. The caller holds the case's lock."""
    return bool(client_key) and case.events.filter(kind=kind, data__client_key=client_key).exists()


def _client_key(raw: str) -> dict[str, str]:
    key = raw.strip()[:64]
    return {"client_key": key} if key else {}


@transaction.atomic
def case_reply(*, case: Case, by: User, message: str, client_key: str = "") -> Case:
    """A public reply the reporter sees; the first one marks the case as being handled. Also
    written without a signal (``client_key``: `_sent_before`)."""
    message = message.strip()
    if not message:
        raise TransitionError(_("Balasan tidak boleh kosong."))
    key = _client_key(client_key)
    case = _lock(case)
    if _sent_before(case, CaseEvent.Kind.REPLIED, key.get("client_key", "")):
        return case
    _require_open(case)
    _require_holder(case, by)
    if case.status in {Case.Status.BARU, Case.Status.DITERIMA}:
        case.status = Case.Status.DITANGANI
        case.taken_by = case.taken_by or by
        case.save(update_fields=["status", "taken_by", "updated_at"])
    event_record(
        case, CaseEvent.Kind.REPLIED, by=by, public=True, message=message, data=key or None
    )
    return case


@transaction.atomic
def case_note(*, case: Case, by: User, message: str, client_key: str = "") -> Case:
    """An internal note, also written without a signal (``client_key``: `_sent_before`)."""
    message = message.strip()
    if not message:
        raise TransitionError(_("Catatan tidak boleh kosong."))
    key = _client_key(client_key)
    if key:
        Case.objects.select_for_update().filter(pk=case.pk).first()  # one sender at a time
        if _sent_before(case, CaseEvent.Kind.NOTED, key["client_key"]):
            return case
    event_record(case, CaseEvent.Kind.NOTED, by=by, public=False, message=message, data=key or None)
    return case


@transaction.atomic
def case_resolve(*, case: Case, by: User, note: str, client_key: str = "") -> Case:
    """Closes the case as solved, telling the reporter how. Also written without a signal
    (``client_key``: `_sent_before`): sent again, it is not refused as already closed."""
    note = note.strip()
    if not note:
        raise TransitionError(_("Tuliskan penyelesaiannya untuk pelapor."))
    key = _client_key(client_key)
    case = _lock(case)
    if _sent_before(case, CaseEvent.Kind.STATUS, key.get("client_key", "")):
        return case
    _require_open(case)
    _require_holder(case, by)
    _close(case, Case.Status.SELESAI)
    event_record(
        case,
        CaseEvent.Kind.STATUS,
        by=by,
        public=True,
        message=note,
        data={"status": Case.Status.SELESAI, "tier": case.owner_area.level, **key},
    )
    return case


def follow_up_default() -> date:
    """When a referred case's reporter is asked whether the agency acted, unless the officer
    chose another day."""
    return timezone.localdate() + timedelta(days=settings.CASE_REFERRAL_FOLLOW_UP_DAYS)


@transaction.atomic
def case_refer(
    *,
    case: Case,
    by: User,
    agency: str,
    reference: str = "",
    note: str = "",
    follow_up: date | None = None,
    client_key: str = "",
) -> Case:
    """Hands a non-police matter to another agency (PDAM, PLN, Dinas, SP4N-LAPOR!, Propam). The
    case keeps a follow-up day: then its reporter is asked whether the agency acted, and "not
    yet" brings the case back to its forum (`case_feedback`). Also written without a signal
    (``client_key``: `_sent_before`)."""
    agency = agency.strip()
    if not agency:
        raise TransitionError(_("Sebutkan instansi tujuan rujukan."))
    today = timezone.localdate()
    follow_up = follow_up or follow_up_default()
    if not today < follow_up <= today + timedelta(days=REFERRAL_FOLLOW_UP_MAX_DAYS):
        raise TransitionError(
            _("Tanggal tindak lanjut harus setelah hari ini dan paling lama %(days)d hari lagi.")
            % {"days": REFERRAL_FOLLOW_UP_MAX_DAYS}
        )
    key = _client_key(client_key)
    case = _lock(case)
    if _sent_before(case, CaseEvent.Kind.REFERRED, key.get("client_key", "")):
        return case
    _require_open(case)
    _require_holder(case, by)
    _close(case, Case.Status.DIRUJUK)
    case.follow_up_on, case.follow_up_asked_at = follow_up, None
    case.save(update_fields=["follow_up_on", "follow_up_asked_at", "updated_at"])
    event_record(
        case,
        CaseEvent.Kind.REFERRED,
        by=by,
        public=True,
        message=note,
        data={
            "agency": agency[:120],
            "reference": reference.strip()[:120],
            "follow_up": follow_up.isoformat(),
            **key,
        },
    )
    return case


def referrals_follow_up(*, today: date | None = None, batch: int = 500) -> int:
    """The follow-up sweep: each referred case whose day has come asks its reporter, once,
    whether the agency acted (a public step, sent by the reporter's own channel). Safe to run
    twice: the ask is a conditional update, so two sweeps at once ask once."""
    today = today or timezone.localdate()
    due = list(
        Case.objects.filter(
            status=Case.Status.DIRUJUK, follow_up_on__lte=today, follow_up_asked_at__isnull=True
        ).values_list("pk", flat=True)[:batch]
    )
    asked = 0
    for pk in due:
        with transaction.atomic():
            claimed = Case.objects.filter(
                pk=pk, status=Case.Status.DIRUJUK, follow_up_asked_at__isnull=True
            ).update(follow_up_asked_at=timezone.now())
            if not claimed:
                continue
            case = Case.objects.select_related("category", "area", "owner_area").get(pk=pk)
            referral = selectors.case_referral(case)
            event_record(
                case,
                CaseEvent.Kind.FOLLOW_UP,
                public=True,
                data={"agency": referral.agency if referral else ""},
            )
            asked += 1
    return asked


@transaction.atomic
def case_reject(*, case: Case, by: User, reason: str, client_key: str = "") -> Case:
    """Declines the case, telling the reporter why. Also written without a signal
    (``client_key``: `_sent_before`)."""
    reason = reason.strip()
    if not reason:
        raise TransitionError(_("Sebutkan alasan penolakan."))
    key = _client_key(client_key)
    case = _lock(case)
    if _sent_before(case, CaseEvent.Kind.STATUS, key.get("client_key", "")):
        return case
    _require_open(case)
    _require_holder(case, by)
    _close(case, Case.Status.DITOLAK)
    event_record(
        case,
        CaseEvent.Kind.STATUS,
        by=by,
        public=True,
        message=reason,
        data={"status": Case.Status.DITOLAK, **key},
    )
    return case


def _move_owner(
    case: Case,
    target: Area,
    *,
    by: User | None,
    reason: str,
    data: dict[str, Any],
    tell: bool = True,
) -> CaseEvent:
    """The one way a case changes hands between tiers (a decision, a rule, an empty room; the
    SLA sweep does the same in bulk): a fresh clock at the new tier, no one holding it there
    (it waits in the new forum's "perlu tindakan saya", to be taken), one public ESCALATED
    step, the new forum told (unless the caller tells it, as intake's worker does)."""
    previous = case.owner_area
    held_by = case.taken_by_id
    case.owner_area = target
    case.taken_by = None
    case.escalate_at = deadlines.escalate_at(case)
    case.save(update_fields=["owner_area", "taken_by", "escalate_at", "updated_at"])
    if held_by is not None:
        data = {**data, "held_by": held_by}
    event = event_record(
        case,
        CaseEvent.Kind.ESCALATED,
        by=by,
        public=True,
        message=reason,
        data={"from": previous.code, "to": target.code, **data},
        tell_reporters=tell,
    )
    if tell:
        notify.forum_of(case, target.code, reason=notify.ESCALATED)
    return event


@transaction.atomic
def case_escalate(*, case: Case, by: User | None, reason: str, client_key: str = "") -> Case:
    """One tier up, on the owner's recorded decision (the SLA sweep moves many at once). The
    tier the caller saw must still own it: two escalations at once move it one tier, not two.
    Also written without a signal (``client_key``: `_sent_before`)."""
    seen = case.owner_area_id
    key = _client_key(client_key)
    case = _lock(case)
    if _sent_before(case, CaseEvent.Kind.ESCALATED, key.get("client_key", "")):
        return case
    _require_open(case)
    _require_holder(case, by)
    if case.owner_area_id != seen:
        raise TransitionError(_("Laporan ini sudah dinaikkan ke tingkat atas."))
    above = routing.tier_above(case.owner_area)
    if above is None:
        raise TransitionError(_("Laporan sudah di tingkat provinsi."))
    _move_owner(case, above, by=by, reason=reason, data={"sla_breach": by is None, **key})
    return case


@transaction.atomic
def case_route_up(*, case: Case, level: int, reason: str, by: User | None = None) -> Case:
    """Hands a new case straight to the tier a rule names (an event request by its scale):
    the ancestor of its village at ``level``. One ESCALATED step on the timeline, the new forum
    told; nothing happens when the case is already there or higher."""
    case = _lock(case)
    _require_open(case)
    target = case.owner_area
    while target.level > level and routing.tier_above(target) is not None:
        target = routing.tier_above(target)  # type: ignore[assignment]  # checked just above
    if target.code != case.owner_area_id:
        _move_owner(case, target, by=by, reason=reason, data={"sla_breach": False, "rule": True})
    return case


def _route_past_empty_rooms(case: Case) -> None:
    """A new case whose village has no one seated in its forum moves at once to the lowest tier
    that has someone (district, regency, province), with a public step saying so: no case waits
    where nobody will read it. The worker then tells that forum and acknowledges the reporter."""
    target = routing.lowest_seated(case.owner_area)
    if target is not None and target.code != case.owner_area_id:
        _move_owner(
            case,
            target,
            by=None,
            reason="",
            data={"sla_breach": False, "empty_seats": True},
            tell=False,
        )


@transaction.atomic
def case_release_identity(*, case: Case, by: User, reason: str) -> Case:
    """A leader lets the handlers see a withheld reporter; the approval is part of the timeline."""
    reason = reason.strip()
    if not reason:
        raise TransitionError(_("Sebutkan alasan membuka identitas pelapor."))
    event_record(case, CaseEvent.Kind.IDENTITY_RELEASED, by=by, public=False, message=reason)
    return case


SLA_REASON = "Batas waktu penanganan terlampaui."
OPEN_STATES = (Case.Status.BARU, Case.Status.DITERIMA, Case.Status.DITANGANI)
# What the sweep reads of each case: enough to move it and to write its messages.
SWEEP_FIELDS = (
    "tracking_code",
    "description",
    "status",
    "escalate_at",
    "category__name",
    "category__sla_hours",
    "owner_area__level",
    "owner_area__parent",
    "area__label",
)


def escalate_overdue(*, now: datetime | None = None, batch: int = 2000) -> int:
    """Moves every open case whose SLA ran out exactly one tier up; returns how many moved.

    Set-based, a batch per transaction: the batch's rows are locked (PostgreSQL skips rows
    another sweeper holds), re-checked, moved, their events and messages written together. A
    crash loses nothing: the next sweep finds the rest. Same effects as `case_escalate`.
    """
    now = now or timezone.now()
    moved = 0
    while True:
        with transaction.atomic():
            due = Case.objects.filter(escalate_at__lte=now, status__in=OPEN_STATES)
            if connection.features.has_select_for_update_skip_locked:
                due = due.select_for_update(skip_locked=True, of=("self",))
            cases = list(
                due.select_related("category", "owner_area", "area")
                .only(*SWEEP_FIELDS)
                .order_by("escalate_at", "pk")[:batch]
            )
            if not cases:
                return moved
            moved += _escalate_batch(cases, now)


def _save_owners(cases: list[Case]) -> None:
    """Writes the new owner and deadline of many cases, no one holding them at the new tier: one
    prepared UPDATE run for each row (pipelined by the driver), far cheaper than the CASE
    expressions of bulk_update."""
    table = connection.ops.quote_name(Case._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # one statement for the whole batch: the new values travel as three arrays
            cursor.execute(
                f"UPDATE {table} AS c SET owner_area_id = v.owner, escalate_at = v.at, "  # noqa: S608 -- the table name is ours
                "taken_by_id = NULL, updated_at = v.at_now "
                "FROM (SELECT unnest(%s::bigint[]) AS id, "
                "unnest(%s::varchar[]) AS owner, unnest(%s::timestamptz[]) AS at, "
                "unnest(%s::timestamptz[]) AS at_now) AS v WHERE c.id = v.id",
                [
                    [c.pk for c in cases],
                    [c.owner_area_id for c in cases],
                    [c.escalate_at for c in cases],
                    [c.updated_at for c in cases],
                ],
            )
            return
        cursor.executemany(
            f"UPDATE {table} SET owner_area_id = %s, escalate_at = %s, taken_by_id = NULL, "  # noqa: S608 -- the table name is ours
            "updated_at = %s "
            "WHERE id = %s",
            [(c.owner_area_id, c.escalate_at, c.updated_at, c.pk) for c in cases],
        )


def _escalate_batch(cases: list[Case], now: datetime) -> int:
    top = [c for c in cases if c.owner_area.parent_id is None]
    up = [c for c in cases if c.owner_area.parent_id is not None]
    if top:
        # the province: nowhere higher to go; stop the clock, keep a note that the SLA broke
        Case.objects.filter(pk__in=[c.pk for c in top]).update(escalate_at=None, updated_at=now)
        CaseEvent.objects.bulk_create(
            [
                CaseEvent(case=c, kind=CaseEvent.Kind.NOTED, data={"sla_breach_at_top": True})
                for c in top
            ]
        )
    previous = {c.pk: c.owner_area_id for c in up}
    for case in up:
        level = case.owner_area.level - 1
        case.owner_area_id = str(case.owner_area.parent_id)
        case.escalate_at = now + timedelta(hours=case.category.sla_for(level))
        case.updated_at = now
    _save_owners(up)
    events = CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=c,
                kind=CaseEvent.Kind.ESCALATED,
                public=True,
                message=SLA_REASON,
                data={"from": previous[c.pk], "to": c.owner_area_id, "sla_breach": True},
            )
            for c in up
        ]
    )
    members = forum_members({c.owner_area_id for c in up})
    reporters: dict[int, list[Reporter]] = {}
    for reporter in (
        Reporter.objects.filter(case__in=up).filter(notify.REACHABLE).select_related("chat_contact")
    ):
        reporters.setdefault(reporter.case_id, []).append(reporter)
    messages = []
    for case, event in zip(up, events, strict=True):
        area = case.owner_area_id
        messages += notify.forum_messages(case, area, members.get(area, []), notify.ESCALATED)
        messages += notify.reporter_messages(case, event, reporters.get(case.pk, []))
    outbox_add(messages)
    return len(up)


def _people(case: Case) -> int:
    """How many people reported the case: one per account or contact they gave (a citizen who
    filed the same thing twice is one supporter), each reporter who gave none apart."""
    seen = {
        (
            ("user", r.user_id)
            if r.user_id
            else ("phone", r.phone_key)
            if r.phone_key
            else ("email", r.email.lower())
            if r.email
            else ("chat", r.chat_contact_id)
            if r.chat_contact_id
            else ("alone", r.pk)
        )
        for r in case.reporters.all()
    }
    return len(seen)


@transaction.atomic
def case_merge(*, duplicate: Case, into: Case, by: User) -> Case:
    """Keeps ``into``; the duplicate closes as merged, its reporters become the kept case's
    supporters, and every reporter hears of it through their own case's timeline."""
    if duplicate.pk == into.pk:
        raise TransitionError(_("Laporan tidak dapat digabung dengan dirinya sendiri."))
    # decide on the rows as they are now, locked, not on what the caller last read
    locked = Case.objects.select_for_update().in_bulk([duplicate.pk, into.pk])
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    if duplicate.status == Case.Status.DIGABUNG:
        raise TransitionError(_("Laporan ini sudah digabung."))
    if not into.is_open and into.status != Case.Status.SELESAI:
        raise TransitionError(_("Laporan tujuan sudah ditutup."))
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into", "updated_at"])
    _close(duplicate, Case.Status.DIGABUNG)
    message = _("Laporan Anda digabung dengan %(code)s yang membahas masalah yang sama.") % {
        "code": into.tracking_code
    }
    event_record(
        duplicate,
        CaseEvent.Kind.MERGED,
        by=by,
        public=True,
        message=message,
        data={"into": into.tracking_code},
    )
    moved = list(duplicate.reporters.values_list("pk", flat=True))
    Reporter.objects.filter(pk__in=moved).update(case=into)
    into.support_count = max(into.support_count, _people(into))
    into.save(update_fields=["support_count", "updated_at"])
    event_record(
        into,
        CaseEvent.Kind.MERGED,
        by=by,
        public=True,
        # public: the other citizen's code stays theirs (it opens their report's page)
        message=_("Laporan serupa dari warga lain digabung ke sini; dukungan kini %(n)d warga.")
        % {"n": into.support_count},
        data={"from": duplicate.tracking_code, "reporters": moved},
    )
    return into


@transaction.atomic
def case_reopen(*, case: Case, reason: str, noted: bool = False) -> Case:
    """The reporter says the problem is back (or never went), or that the agency a case was
    referred to did not act: the case returns to the tier that closed it, with a fresh SLA
    clock. A closed case reopens within the window; a referred one whenever its reporter says
    so (we asked them). The reporter's words may name people: they stay with the handlers (a
    private note, unless the caller `noted` them already); the public step says only that the
    case was reopened at the reporter's request."""
    reason = reason.strip()
    if not reason:
        raise TransitionError(_("Ceritakan mengapa masalahnya belum selesai."))
    case = _lock(case)
    if case.status not in {Case.Status.SELESAI, Case.Status.DITOLAK, Case.Status.DIRUJUK}:
        raise TransitionError(_("Laporan ini tidak dapat dibuka kembali."))
    window = timedelta(days=settings.CASE_REOPEN_DAYS)
    late = case.closed_at is None or timezone.now() - case.closed_at > window
    if case.status != Case.Status.DIRUJUK and late:
        raise TransitionError(
            _(
                "Batas waktu membuka kembali (%(days)d hari) sudah lewat. "
                "Silakan kirim laporan baru."
            )
            % {"days": settings.CASE_REOPEN_DAYS}
        )
    case.status = Case.Status.DITANGANI if case.taken_by_id else Case.Status.BARU
    case.closed_at = None
    case.follow_up_on = case.follow_up_asked_at = None
    case.escalate_at = deadlines.escalate_at(case)
    case.save(
        update_fields=[
            "status",
            "closed_at",
            "follow_up_on",
            "follow_up_asked_at",
            "escalate_at",
            "updated_at",
        ]
    )
    if not noted:
        event_record(
            case,
            CaseEvent.Kind.NOTED,
            message=reason,
            data={"from_reporter": True, "channel": "web"},
        )
    event_record(case, CaseEvent.Kind.REOPENED, public=True)
    notify.forum_of(case, case.owner_area_id, reason=notify.REOPENED)
    return case


def feedback_given(case: Case) -> bool:
    """The reporter already answered since the case was last closed."""
    if case.closed_at is None:
        return False
    return case.events.filter(kind=CaseEvent.Kind.FEEDBACK, at__gte=case.closed_at).exists()


@transaction.atomic
def case_feedback(
    *, case: Case, solved: bool, comment: str = "", reporter: Reporter | None = None
) -> Case:
    """The reporter's answer to "is the problem solved?" (a resolved case) or "did the agency
    act?" (a referred one), once per closing (the row is locked: four answers at once record
    one). The answer is a public step; "no" reopens the case at its forum."""
    case = _lock(case)
    if case.status not in {Case.Status.SELESAI, Case.Status.DIRUJUK}:
        raise TransitionError(_("Penilaian hanya untuk laporan yang sudah selesai atau dirujuk."))
    if feedback_given(case):
        raise TransitionError(_("Pertanyaan ini sudah Anda jawab. Terima kasih."))
    referred = case.status == Case.Status.DIRUJUK
    data: dict[str, Any] = {"solved": solved} | ({"referral": True} if referred else {})
    if reporter is not None:
        data["reporter"] = reporter.pk
    # the reporter's own comment may name people: it stays with the handlers
    event_record(case, CaseEvent.Kind.FEEDBACK, public=True, data=data, tell_reporters=False)
    if comment.strip():
        event_record(
            case,
            CaseEvent.Kind.NOTED,
            message=comment,
            data={"from_reporter": True, "channel": "web"},
        )
    if not solved:
        fallback = (
            _("Pelapor: instansi rujukan belum menindaklanjuti.")
            if referred
            else _("Pelapor: masalah belum selesai.")
        )
        return case_reopen(case=case, reason=comment or fallback, noted=True)
    return case


@transaction.atomic
def case_assign(*, case: Case, to: User, by: User) -> Case:
    """Gives the case to a colleague or a Tiga Pilar partner of another agency who may handle
    it (the inbox's bulk "assign", the case page's "serahkan"); they are told by e-mail."""
    from sinergi.cases.access import can_act_on  # noqa: PLC0415 -- access imports models only

    case = _lock(case)
    if not can_act_on(to, case):
        raise TransitionError(_("Petugas ini tidak berwenang atas laporan tersebut."))
    _require_holder(case, by)
    held_by = case.taken_by_id
    case = _take(case, to=to, by=by, assigned=True)
    if to.pk not in {by.pk, held_by}:
        step = case.events.filter(kind=CaseEvent.Kind.TAKEN).latest("pk")
        notify.handed_to(case, step, to, by=by)
    return case
