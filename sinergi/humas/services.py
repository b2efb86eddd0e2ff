"""The editorial flow of a release: draft → review → approved (an editor) → published.

Writers (Humas writer or editor posts) draft from a verified activity in their areas; only an
editor approves and publishes, and a release with photos waits for the editor's check that no
minor's face is recognisable.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases import disclosure
from sinergi.cases.models import Category
from sinergi.engagement.models import Activity, ActivityPhoto
from sinergi.humas import writing
from sinergi.humas.access import can_edit, can_write
from sinergi.humas.models import Release, ReleaseEvent, ReleasePhoto


class ReleaseError(ValueError):
    """A step the release cannot take; the message is for the person who tried."""


def _regency_name(area: Area) -> str:
    if area.level <= Area.Level.REGENCY:
        return area.name
    return Area.objects.filter(code=area.code[:5]).values_list("name", flat=True).first() or ""


def _aspirations(activity: Activity) -> tuple[list[str], list[str]]:
    """What citizens asked at the activity: the public ones, and those said in confidence
    (a category that is not public), which a draft never quotes."""
    public: list[str] = []
    private: list[str] = []
    for aspiration in activity.aspirations.select_related("case__category"):
        case = aspiration.case
        shown = case.category.privacy == Category.Privacy.PUBLIC
        (public if shown else private).append(case.description)
    return public, private


def confidential_quotes(release: Release) -> list[str]:
    """The confidential aspirations of the release's activity that its text repeats."""
    if release.activity is None:
        return []
    _public, private = _aspirations(release.activity)
    return disclosure.quoted(f"{release.headline}\n{release.body}", private)


def draft_from_activity(activity: Activity) -> writing.Draft:
    area = activity.area
    village_label = area.display_name if area.level == Area.Level.VILLAGE else ""
    return writing.compose(
        unit_name=activity.unit.name,
        kind=activity.kind,
        title=activity.title,
        held_at=activity.held_at or activity.planned_at or timezone.now(),
        regency_name=_regency_name(area),
        village_label=village_label,
        venue=activity.venue,
        officials=list(activity.officials),
        partner_names=[writing.partner_phrase(p.role, p.name) for p in activity.partners.all()],
        partner_groups=list(activity.partner_groups),
        topics=list(activity.topics),
        attendance=activity.attendance,
        minutes=activity.minutes,
        aspirations=_aspirations(activity)[0],
        commitments=[(c.owner_label, c.text) for c in activity.commitments.all()],
        programs=list(activity.programs),
        extra_kinds=list(activity.extra_kinds),
    )


def _step(release: Release, status: str, by: User, note: str = "") -> None:
    ReleaseEvent.objects.create(release=release, status=status, actor=by, message=note)


@transaction.atomic
def release_draft(*, activity: Activity, by: User) -> Release:
    """A new draft written from a verified activity (the writer edits it before review)."""
    if not can_write(by, activity.area_id):
        raise ReleaseError(_("Hanya Humas di wilayah ini yang dapat menulis rilis."))
    if activity.status != Activity.Status.VERIFIED:
        raise ReleaseError(_("Rilis ditulis dari kegiatan yang sudah diverifikasi pimpinan."))
    if activity.source == Activity.Source.RELEASE:
        raise ReleaseError(
            _("Kegiatan ini dibaca dari rilis yang sudah terbit: tidak perlu rilis baru.")
        )
    draft = draft_from_activity(activity)
    release = Release.objects.create(
        activity=activity,
        unit=activity.unit,
        area=activity.area,
        headline=draft.headline,
        dateline=draft.dateline,
        body=draft.body,
        writer=by,
        slug=f"{slugify(draft.headline)[:60]}-{secrets.token_hex(3)}",
    )
    # every photo of the activity, each with a caption to check: the writer keeps the good ones
    area = activity.area
    text = writing.caption(
        unit_name=activity.unit.name,
        kind=activity.kind,
        venue=activity.venue,
        village_label=area.display_name if area.level == Area.Level.VILLAGE else "",
        held_at=activity.held_at or activity.planned_at or timezone.now(),
    )
    ReleasePhoto.objects.bulk_create(
        ReleasePhoto(release=release, photo=photo, caption=text, position=n)
        for n, photo in enumerate(activity.photos.order_by("pk"))
    )
    _step(release, Release.Status.DRAFT, by)
    return release


@transaction.atomic
def release_photos_choose(*, release: Release, by: User, captions: dict[int, str]) -> Release:
    """The photos published with the release (of its activity), in order, each with its caption;
    the writer while drafting, the editor while reviewing. Changing them asks the editor to check
    the faces again."""
    locked = Release.objects.select_for_update().get(pk=release.pk)
    allowed = (locked.status == Release.Status.DRAFT and can_write(by, locked.area_id)) or (
        locked.status == Release.Status.REVIEW and can_edit(by, locked.area_id)
    )
    if not allowed:
        raise ReleaseError(_("Foto rilis ini tidak dapat diubah pada tahap ini."))
    own = set(ActivityPhoto.objects.filter(activity__releases=locked).values_list("pk", flat=True))
    if set(captions) - own:
        raise ReleaseError(_("Foto itu bukan foto kegiatan ini."))
    if any(not text.strip() for text in captions.values()):
        raise ReleaseError(_("Tulis keterangan setiap foto yang dipilih."))
    locked.photos.all().delete()
    ReleasePhoto.objects.bulk_create(
        ReleasePhoto(release=locked, photo_id=pk, caption=text.strip()[:300], position=n)
        for n, (pk, text) in enumerate(captions.items())
    )
    locked.minors_checked = False
    locked.save(update_fields=["minors_checked", "updated_at"])
    _step(locked, locked.status, by, _("Foto dipilih: %(n)d.") % {"n": len(captions)})
    return locked


@transaction.atomic
def release_edit(*, release: Release, by: User, headline: str, dateline: str, body: str) -> Release:
    """Text changes: the writer while drafting, the editor while reviewing."""
    locked = Release.objects.select_for_update().get(pk=release.pk)
    allowed = (locked.status == Release.Status.DRAFT and can_write(by, locked.area_id)) or (
        locked.status == Release.Status.REVIEW and can_edit(by, locked.area_id)
    )
    if not allowed:
        raise ReleaseError(_("Rilis ini tidak dapat diubah pada tahap ini."))
    if not headline.strip() or not body.strip():
        raise ReleaseError(_("Judul dan isi rilis wajib diisi."))
    locked.headline, locked.dateline = headline.strip()[:200], writing.dateline_of(dateline)[:80]
    locked.body = body.strip()
    locked.save()
    return locked


def _move(
    release: Release, *, by: User, frm: set[str], to: str, editor: bool, note: str = ""
) -> Release:
    locked = Release.objects.select_for_update().get(pk=release.pk)
    check = can_edit if editor else can_write
    if not check(by, locked.area_id):
        raise ReleaseError(_("Langkah ini hanya untuk editor Humas di wilayah ini."))
    if locked.status not in frm:
        raise ReleaseError(
            _("Rilis berstatus “%(s)s”: langkah ini tidak tersedia.")
            % {"s": locked.get_status_display()}
        )
    locked.status = to
    return locked


@transaction.atomic
def release_submit(*, release: Release, by: User) -> Release:
    locked = _move(
        release, by=by, frm={Release.Status.DRAFT}, to=Release.Status.REVIEW, editor=False
    )
    locked.save()
    _step(locked, locked.status, by)
    return locked


@transaction.atomic
def release_return(*, release: Release, by: User, note: str) -> Release:
    """The editor sends it back to the writer with what to change."""
    locked = _move(
        release,
        by=by,
        frm={Release.Status.REVIEW, Release.Status.APPROVED},
        to=Release.Status.DRAFT,
        editor=True,
    )
    locked.editor, locked.approved_at = None, None
    locked.confidential_confirmed = False
    locked.save()
    _step(locked, locked.status, by, note.strip())
    return locked


@transaction.atomic
def release_approve(
    *, release: Release, by: User, minors_checked: bool, confidential_confirmed: bool = False
) -> Release:
    """The editor's approval. A text quoting an aspiration said in confidence is refused unless
    the editor confirms, knowingly, that it may be published."""
    locked = _move(
        release, by=by, frm={Release.Status.REVIEW}, to=Release.Status.APPROVED, editor=True
    )
    if confidential_quotes(locked) and not confidential_confirmed:
        raise ReleaseError(
            _(
                "Rilis ini mengutip aspirasi yang bersifat rahasia. Hapus kutipannya, atau "
                "centang persetujuan editor bila pelapor sudah setuju dipublikasikan."
            )
        )
    locked.confidential_confirmed = confidential_confirmed
    locked.editor, locked.approved_at = by, timezone.now()
    locked.minors_checked = minors_checked
    locked.save()
    _step(locked, locked.status, by)
    return locked


@transaction.atomic
def release_publish(*, release: Release, by: User) -> Release:
    """Only an approved release goes out; with photos, only once the minors check is ticked."""
    locked = _move(
        release, by=by, frm={Release.Status.APPROVED}, to=Release.Status.PUBLISHED, editor=True
    )
    if confidential_quotes(locked) and not locked.confidential_confirmed:
        raise ReleaseError(_("Rilis ini mengutip aspirasi yang bersifat rahasia."))
    if locked.has_photos and not locked.minors_checked:
        raise ReleaseError(
            _("Periksa foto: pastikan wajah anak tidak dapat dikenali, lalu centang pernyataannya.")
        )
    locked.published_at = timezone.now()
    locked.slug = f"{slugify(locked.headline)[:60]}-{locked.pk}"
    locked.save()
    _step(locked, locked.status, by)
    return locked


@transaction.atomic
def release_confirm_minors(*, release: Release, by: User) -> Release:
    locked = Release.objects.select_for_update().get(pk=release.pk)
    if not can_edit(by, locked.area_id):
        raise ReleaseError(_("Langkah ini hanya untuk editor Humas di wilayah ini."))
    locked.minors_checked = True
    locked.save(update_fields=["minors_checked", "updated_at"])
    return locked
