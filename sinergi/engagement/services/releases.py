"""Activities read from press releases (the news reader fills the form; a person saves it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.access import roles_of, scope_of
from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.engagement import access
from sinergi.engagement.catalogue import ActivityType, PartnerKind
from sinergi.engagement.models import Activity, ActivityEvent, Commitment
from sinergi.engagement.promises import recurrence_of
from sinergi.engagement.services._common import (
    MAX_ASPIRATIONS,
    MAX_COMMITMENTS,
    EngagementError,
    _check_vocabulary,
    _event,
    programs_of,
)
from sinergi.engagement.services.activities import AspirationIn, aspiration_file
from sinergi.units.models import Post, Unit, UnitArea

IMPORT_ROLES = {
    Post.Role.HUMAS_WRITER,
    Post.Role.HUMAS_EDITOR,
    Post.Role.ANALYST,
    Post.Role.UNIT_LEADER,
    Post.Role.FIELD_OFFICER,
    Post.Role.ADMIN,
}


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
    # what the release says was asked (each may be filed as a case by a person: see
    # release_request_file) and promised
    aspirations: list[str] = field(default_factory=list)
    # who asked each, as the release says ("Ibu Eva, warga Guntung"); "" or missing: not said
    aspiration_askers: list[str] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    # who promised each, as the release says ("Kapolsek Tanara AKP Nur Rochman"); "" or missing:
    # the release's leading official
    commitment_owners: list[str] = field(default_factory=list)
    commitments_due: date | None = None
    source_url: str = ""
    key: str = ""  # the source address, or a digest of the release: the same release once


def _key(record: ReleaseRecord) -> str | None:
    return case_services.client_key(source="release", user_id=0, raw=record.key)


def recorded_as(record: ReleaseRecord) -> Activity | None:
    """The activity this very release (its address, or its words) was recorded as, if any."""
    key = _key(record)
    return Activity.objects.filter(idempotency_key=key).first() if key else None


def activity_import(*, by: User, record: ReleaseRecord) -> tuple[Activity, bool]:
    """Records an activity read from a published release (source: external release), as
    reported, for its unit's leader to verify. The same release (key) is recorded once.

    Requests are kept as read (release_requests): a handler of the area files the ones still to
    be followed as cases (release_request_file), since a release names no category and no
    reporter; promises become commitments, due when the reviewer says (30 days after the
    activity by default)."""
    key = _key(record)
    existing = recorded_as(record)
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
    askers = record.aspiration_askers + [""] * len(record.aspirations)
    requests = [
        {"text": text.strip()[:1000], "who": who.strip()[:200]}
        for text, who in zip(record.aspirations[:MAX_ASPIRATIONS], askers, strict=False)
        if text.strip()
    ]
    due = record.commitments_due or timezone.localdate(record.held_at) + timedelta(days=30)
    # an old release's promises whose term is already over are history, not late promises
    status = Commitment.Status.HISTORIC if due < timezone.localdate() else Commitment.Status.OPEN
    owners = record.commitment_owners + [""] * len(record.commitments)
    try:
        with transaction.atomic():
            activity = Activity.objects.create(
                unit=record.unit,
                kind=record.kind,
                extra_kinds=list(dict.fromkeys(record.extra_kinds)),
                programs=programs_of(record.kind, record.programs),
                title=record.title.strip()[:200],
                area=record.area,
                venue=record.venue.strip()[:200],
                status=Activity.Status.REPORTED,
                planned_at=record.held_at,
                held_at=record.held_at,
                officials=record.officials[:30],
                partner_groups=list(dict.fromkeys(record.partner_groups)),
                topics=list(dict.fromkeys(record.topics)),
                release_requests=requests,
                source=Activity.Source.RELEASE,
                source_url=record.source_url[:500],
                idempotency_key=key,
                created_by=by,
                reported_by=by,
            )
            Commitment.objects.bulk_create(
                Commitment(
                    activity=activity,
                    area_id=activity.area_id,
                    text=text.strip()[:300],
                    owner_label=(owner.strip() or _owner_of(record.officials))[:160],
                    due_on=due,
                    status=status,
                    recurrence=recurrence_of(text),
                )
                for text, owner in zip(record.commitments[:MAX_COMMITMENTS], owners, strict=False)
                if text.strip()
            )
            _event(activity, ActivityEvent.Kind.REPORTED, by=by, source=record.source_url)
    except IntegrityError:
        existing = Activity.objects.filter(idempotency_key=key).first() if key else None
        if existing is not None:
            return existing, False
        raise
    return activity, True


def _request_key(activity: Activity, index: int) -> str | None:
    return case_services.client_key(source="release-ask", user_id=activity.pk, raw=str(index))


def release_request_file(
    *,
    activity: Activity,
    index: int,
    category: Category,
    village: Area,
    description: str,
    by: User,
    place: str = "",
) -> tuple[Case, bool]:
    """Files one request a release tells of as a case in a village of the activity's area, by a
    handler there, so the voice is followed like one heard in person. It is filed without a
    reporter: the release's asker never reported it (who asked stays in the case's details).
    A request is filed once: again, by anyone, it returns the first case and False."""
    requests = activity.release_requests
    if activity.source != Activity.Source.RELEASE or not 0 <= index < len(requests):
        raise EngagementError(_("Aspirasi ini tidak ada dalam rilis kegiatan."))
    if activity.status == Activity.Status.CANCELLED:
        raise EngagementError(_("Kegiatan ini dibatalkan."))
    key = _request_key(activity, index)
    first = Case.objects.filter(idempotency_key=key).first()
    if first is not None:
        return first, False
    if not access.can_act(by, village.code):
        raise EngagementError(_("Desa/kelurahan ini di luar wilayah tugas Anda."), field="area")
    if village.code != activity.area_id and not village.code.startswith(f"{activity.area_id}."):
        raise EngagementError(
            _("Pilih desa/kelurahan di wilayah kegiatan (%(area)s).")
            % {"area": activity.area.label},
            field="area",
        )
    who = str(requests[index].get("who") or "")
    # which of the release's requests (selectors.release_requests), where it was read, who asked
    details: dict[str, object] = {"request": index}
    if activity.source_url:
        details["release"] = activity.source_url
    if who:
        details["asked_by"] = who
    heard = AspirationIn(description=description, category=category, place=place)
    try:
        with transaction.atomic():
            result = aspiration_file(
                activity, heard, key=key, by=by, village=village, details=details
            )
            if result.created:
                _event(
                    activity,
                    ActivityEvent.Kind.ASPIRATION_FILED,
                    by=by,
                    message=f"{result.case.tracking_code}: {description.strip()[:120]}",
                )
    except case_services.IdempotencyKeyReusedError:
        # filed a moment ago by someone else, otherwise: that one stands
        return Case.objects.get(idempotency_key=key), False
    except case_services.IntakeError as exc:
        raise EngagementError(str(exc), field=exc.field) from exc
    return result.case, result.created


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
