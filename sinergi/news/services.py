"""Reading releases into activities: one pasted release for review, or a whole file by the worker.

The reader (extract.py) never writes; these services turn its labels into activities through
engagement.services.activity_import, in the importing person's areas only.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sinergi.accounts.models import User
from sinergi.engagement import access as engagement_access
from sinergi.engagement import selectors as engagement_selectors
from sinergi.engagement import services as engagement
from sinergi.news.extract import read
from sinergi.news.gazetteer import Gazetteer
from sinergi.news.models import ImportJob
from sinergi.news.records import Draft, release_key, to_draft

PROGRESS_EVERY = 20  # lines between saves of the job's counters


def read_release(*, title: str, text: str) -> Draft:
    gazetteer = Gazetteer.from_db()
    return to_draft(read(text, title, gazetteer), title=title, gazetteer=gazetteer)


def import_start(*, by: User, filename: str, content: str) -> ImportJob:
    """Stores the file and asks the worker to read it once the upload is committed."""
    from sinergi.news.tasks import import_releases_task  # noqa: PLC0415 -- tasks import us

    total = sum(1 for line in content.splitlines() if line.strip())
    job = ImportJob.objects.create(user=by, filename=filename[:200], content=content, total=total)
    transaction.on_commit(lambda: import_releases_task.enqueue(job_id=job.pk))
    return job


class LineSkippedError(ValueError):
    """Why a line of a file was left out: the message untranslated and its values, kept so on
    the job and put together in the reader's language (ImportJob.skip_reasons)."""

    def __init__(self, message: str, **values: Any) -> None:
        super().__init__(message)
        self.message = message
        self.values = values


# what a line lacks, by Draft.missing's names, as ImportJob.skip_reasons shows it
MISSING = {
    "area": gettext_noop("wilayah"),
    "unit": gettext_noop("satuan"),
    "held_at": gettext_noop("tanggal"),
}


def _line(raw: str) -> dict[str, Any]:
    try:
        item = json.loads(raw)
    except json.JSONDecodeError as exc:
        message = gettext_noop("bukan JSON yang sah (kolom %(column)s)")
        raise LineSkippedError(message, column=exc.colno) from exc
    if not isinstance(item, dict):
        raise LineSkippedError(gettext_noop("baris bukan objek JSON"))
    if not isinstance(item.get("text"), str) or not item["text"].strip():
        raise LineSkippedError(gettext_noop("tidak ada teks"))
    return item


def _record(by: User, item: dict[str, Any], gazetteer: Gazetteer) -> bool:
    """True when a new activity was made; LineSkippedError says why a line was left out."""
    title = str(item.get("title") or "")
    url = str(item.get("url") or "")
    draft = to_draft(read(item["text"], title, gazetteer), title=title, gazetteer=gazetteer)
    if draft.missing:
        raise LineSkippedError(
            gettext_noop("tidak terbaca: %(what)s"), what=[MISSING[m] for m in draft.missing]
        )
    # missing is empty: all three are known
    assert draft.area is not None  # noqa: S101 -- set by the reader for every draft
    assert draft.unit is not None  # noqa: S101 -- set by the reader for every draft
    held_at = draft.held_at
    assert held_at is not None  # noqa: S101 -- set by the reader for every draft
    record = engagement.ReleaseRecord(
        unit=draft.unit,
        kind=draft.kind,
        extra_kinds=draft.extra_kinds,
        programs=draft.programs,
        title=draft.title or _("Kegiatan dari rilis"),
        area=draft.area,
        held_at=held_at,
        venue=draft.venue,
        officials=draft.officials,
        partner_groups=draft.partner_groups,
        topics=draft.topics,
        aspirations=draft.aspirations,
        aspiration_askers=draft.aspiration_askers,
        commitments=draft.commitments,
        commitment_owners=draft.commitment_owners,
        source_url=url,
        key=release_key(url=url, title=title, text=item["text"]),
    )
    if engagement.recorded_as(record) is not None:
        return False  # this very release again: a repeat, not a near one
    _refuse_a_repeat(by, record)
    try:
        _activity, created = engagement.activity_import(by=by, record=record)
    except engagement.EngagementError as exc:
        # said in the worker's language, Indonesian: the message itself, translated when shown
        raise LineSkippedError(str(exc)) from exc
    return created


def _refuse_a_repeat(by: User, record: engagement.ReleaseRecord) -> None:
    """A file is saved without review: a release like one already recorded (from another site,
    under another headline, with its date moved) is left out, and the line says which one, so
    its promises are not on the board twice; pasted, it can be checked and saved."""
    similar = engagement_selectors.releases_recorded(
        visible=engagement_access.activities_visible_to(by),
        area_code=record.area.code,
        title=record.title,
        held_on=timezone.localdate(record.held_at),
        promises=record.commitments,
        promises_anytime=False,
    )
    if similar:
        raise LineSkippedError(
            gettext_noop(
                "mirip kegiatan yang sudah dicatat: %(title)s, %(day)s; tempel rilis ini untuk "
                "memeriksanya"
            ),
            title=similar[0].title[:80],
            day=timezone.localdate(similar[0].held_at).isoformat(),
        )


def import_run(*, job_id: int) -> int:
    """Reads the job's lines from where it stopped; returns how many activities it made."""
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status == ImportJob.Status.DONE:
        return 0
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    gazetteer = Gazetteer.from_db()
    lines = [(n, raw) for n, raw in enumerate(job.content.splitlines(), start=1) if raw.strip()]
    made = 0
    for index, (number, raw) in enumerate(lines[job.done :], start=job.done):
        try:
            created = _record(job.user, _line(raw), gazetteer)
        except LineSkippedError as exc:
            job.skipped.append([number, exc.message[:200], exc.values])
        except (ValueError, KeyError, TypeError):
            job.skipped.append([number, gettext_noop("isi baris tidak sesuai format"), {}])
        else:
            made += created
            job.created += created
            job.repeated += not created
        job.done = index + 1
        if job.done % PROGRESS_EVERY == 0:
            job.save(update_fields=["done", "created", "repeated", "skipped"])
    job.status = ImportJob.Status.DONE
    job.finished_at = timezone.now()
    job.content = ""  # read: the releases live on as activities, the file is not kept
    job.save()
    return made
