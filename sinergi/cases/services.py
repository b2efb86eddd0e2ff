"""Every write of a case. Views, API, channels, commands and tasks call these; none saves a case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases import deadlines, tracking
from sinergi.cases.models import Case, CaseEvent, Category, Reporter
from sinergi.cases.photos import clean_photo

CODE_ATTEMPTS = 5


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


@dataclass(frozen=True, slots=True)
class Submitted:
    case: Case
    created: bool  # False when the idempotency key named a case already made


def event_record(
    case: Case,
    kind: str,
    *,
    by: User | None = None,
    public: bool = False,
    message: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, actor=by, public=public, message=message, data=data or {}
    )


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
    stored file is removed again, so nothing is half-created.
    """
    if idempotency_key:
        existing = Case.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return Submitted(case=existing, created=False)
    _check(category=category, area=area, description=description)
    description = description.strip()
    stored = _store_photo(photo) if photo is not None else ""
    try:
        case = _create(
            category=category, area=area, description=description, channel=channel,
            reporter=reporter, details=details or {}, place=place.strip(), latitude=latitude,
            longitude=longitude, photo=stored, idempotency_key=idempotency_key or None, by=by,
        )  # fmt: skip
    except IntegrityError:
        if stored:
            default_storage.delete(stored)
        # the same key raced in from a second request: that one won
        if idempotency_key:
            existing = Case.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return Submitted(case=existing, created=False)
        raise
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return Submitted(case=case, created=True)


def _check(*, category: Category, area: Area, description: str) -> None:
    if area.level != Area.Level.VILLAGE or area.retired_at is not None:
        raise IntakeError(_("Pilih desa atau kelurahan."), field="area")
    if not category.active:
        raise IntakeError(_("Kategori ini tidak tersedia."), field="category")
    if not description.strip():
        raise IntakeError(_("Ceritakan apa yang terjadi."), field="description")


def _store_photo(photo: UploadedFile[bytes]) -> str:
    """The cleaned photo's storage name; PhotoError (a ValueError) says what is wrong with it."""
    cleaned = clean_photo(photo)
    try:
        return default_storage.save(f"cases/{cleaned.name}", cleaned.content)
    except OSError as exc:
        raise IntakeError(
            _("Foto tidak dapat disimpan saat ini. Coba lagi tanpa foto atau nanti."), field="photo"
        ) from exc


@transaction.atomic
def _create(
    *,
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
    by: User | None,
) -> Case:
    for attempt in range(CODE_ATTEMPTS):
        code = tracking.new_code()
        if not Case.objects.filter(tracking_code=code).exists() or attempt == CODE_ATTEMPTS - 1:
            break
    case = Case(
        tracking_code=code, kind=category.kind, category=category, area=area, owner_area=area,
        channel=channel, description=description[:5000], details=details, place=place[:200],
        latitude=latitude, longitude=longitude, idempotency_key=idempotency_key,
    )  # fmt: skip
    case.photo.name = photo
    case.escalate_at = deadlines.escalate_at(case)
    case.save()
    Reporter.objects.create(
        case=case,
        anonymous=reporter.anonymous,
        name="" if reporter.anonymous else reporter.name.strip()[:120],
        phone=reporter.phone.strip()[:32],
        email=reporter.email.strip()[:254],
        user=reporter.user,
    )
    event_record(
        case,
        CaseEvent.Kind.SUBMITTED,
        by=by,
        public=True,
        data={"channel": channel, "owner_area": area.code},
    )
    return case
