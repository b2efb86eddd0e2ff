"""The media storage cannot be written: every upload path says so in Indonesian and writes
nothing, no row and no file.

The storage really fails: MEDIA_ROOT lies under a regular file, so creating its folders raises
NotADirectoryError even for root (who ignores file permissions).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.http import HttpResponse

from sinergi.cases.models import Case, CaseEvent, Reporter
from sinergi.cases.tests.helpers import form as intake_form
from sinergi.engagement.models import (
    Activity,
    ActivityEvent,
    ActivityPhoto,
    Aspiration,
    Commitment,
    CommitmentEvidence,
)
from sinergi.engagement.tests.helpers import jumat_curhat, report_post
from sinergi.messaging.models import Outbox
from sinergi.patrols import events, services
from sinergi.patrols.models import CheckIn, EventAttachment, Hotspot, PatrolEvent
from sinergi.patrols.tests.helpers import LAT, LNG, ask_security, plan_tonight, request_patrol
from sinergi.platform.models import RateCount
from sinergi.platform.tests.photos import jpeg

pytestmark = pytest.mark.django_db

PHOTO_NOT_STORED = "Foto tidak dapat disimpan saat ini. Coba lagi tanpa foto atau nanti."
ATTACHMENT_NOT_STORED = "Lampiran tidak dapat disimpan saat ini. Coba lagi nanti."
ROWS: tuple[type[Model], ...] = (
    Case,
    Reporter,
    CaseEvent,
    Activity,
    ActivityEvent,
    ActivityPhoto,
    Aspiration,
    Commitment,
    CommitmentEvidence,
    CheckIn,
    PatrolEvent,
    EventAttachment,
    Outbox,
)


@pytest.fixture
def blocker(settings: Any, tmp_path: Path) -> Path:
    """A regular file where the media folder's parent should be."""
    path = tmp_path / "not-a-directory"
    path.write_text("")
    settings.MEDIA_ROOT = path / "media"
    return path


def rows() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in ROWS}


def no_files_but(blocker: Path) -> bool:
    return list(blocker.parent.rglob("*")) == [blocker]


def photo(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg(), content_type="image/jpeg")


def flashed(response: HttpResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def test_a_citizens_report_with_a_photo_is_refused_whole(client, blocker):
    # given
    before = rows()
    # when
    response = client.post("/lapor/", intake_form(photo=photo()))
    # then the form says why and keeps what was typed; no case, reporter or step, no file
    assert response.status_code == 400
    assert response.context["form"].errors == {"photo": [PHOTO_NOT_STORED]}
    assert PHOTO_NOT_STORED in response.text
    assert "Balap liar tiap malam Minggu" in response.text
    assert rows() == before
    assert no_files_but(blocker)
    # and the same report without the photo goes through
    assert client.post("/lapor/", intake_form()).status_code == 302
    assert Case.objects.get().photo.name == ""
    # both posts were counted (in one minute's row, or two when a minute turned between them)
    assert sum(RateCount.objects.values_list("count", flat=True)) == 2


def test_an_activity_recorded_with_photos_writes_no_activity_case_or_commitment(
    sign_in, bhabin_a, blocker
):
    # given
    client = sign_in(bhabin_a)
    before = rows()
    data = report_post(**{"com-0-owner": str(bhabin_a.pk)})
    data["photos"] = [photo("satu.jpg"), photo("dua.jpg")]
    # when
    response = client.post("/petugas/kegiatan/lapor/", data)
    # then the plan row made on the way is rolled back with everything else
    assert response.status_code == 400
    assert response.context["form"].errors == {"photos": [PHOTO_NOT_STORED]}
    assert PHOTO_NOT_STORED in response.text
    assert rows() == before
    assert no_files_but(blocker)


def test_a_planned_activity_reported_with_a_photo_stays_planned(sign_in, bhabin_a, blocker):
    # given
    client = sign_in(bhabin_a)
    activity = jumat_curhat(bhabin_a, aspirations=())
    Activity.objects.filter(pk=activity.pk).update(status=Activity.Status.PLANNED)
    before = rows()
    data = report_post(**{"com-0-owner": str(bhabin_a.pk)})
    for key in ("kind", "programs", "area", "venue", "unit", "idempotency_key"):
        data.pop(key)
    data["photos"] = [photo()]
    # when
    response = client.post(f"/petugas/kegiatan/{activity.pk}/lapor/", data)
    # then
    assert response.status_code == 400
    assert response.context["form"].errors == {"photos": [PHOTO_NOT_STORED]}
    assert PHOTO_NOT_STORED in response.text
    assert rows() == before
    assert Activity.objects.get().status == Activity.Status.PLANNED
    assert no_files_but(blocker)


def test_a_promise_closed_with_a_photo_stays_open(sign_in, bhabin_a, blocker):
    # given
    activity = jumat_curhat(
        bhabin_a, aspirations=(), commitments=(("Pasang CCTV", date(2099, 1, 1)),)
    )
    commitment = Commitment.objects.get()
    client = sign_in(bhabin_a)
    before = rows()
    # when
    response = client.post(
        f"/petugas/komitmen/{commitment.pk}/tutup/",
        {"kept": "1", "evidence": "CCTV terpasang di gang sekolah", "photo": photo()},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == f"/petugas/komitmen/{commitment.pk}/"
    assert flashed(response) == [PHOTO_NOT_STORED]
    assert activity.commitments.get() == commitment
    commitment.refresh_from_db()
    assert (commitment.status, commitment.evidence, commitment.evidence_photo.name) == (
        Commitment.Status.OPEN,
        "",
        "",
    )
    assert rows() == before
    assert no_files_but(blocker)


def test_an_evidence_document_of_a_promise_is_not_kept(sign_in, bhabin_a, blocker):
    # given an open promise
    jumat_curhat(bhabin_a, aspirations=(), commitments=(("Pasang CCTV", date(2099, 1, 1)),))
    commitment = Commitment.objects.get()
    client = sign_in(bhabin_a)
    before = rows()
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    # when a PDF and a photo are uploaded as its evidence
    first = client.post(f"/petugas/komitmen/{commitment.pk}/bukti/", {"document": pdf})
    second = client.post(f"/petugas/komitmen/{commitment.pk}/bukti/", {"document": photo()})
    # then neither is kept: a clear message, no row, no file
    assert flashed(first) == [ATTACHMENT_NOT_STORED]
    assert flashed(second)[-1] == PHOTO_NOT_STORED  # the first message was not shown yet
    assert rows() == before
    assert no_files_but(blocker)


def test_a_patrol_check_in_with_a_photo_is_not_recorded(sign_in, kapolsek_a, bhabin_a, blocker):
    # given a hotspot on tonight's route, its requester waiting to be told
    request_patrol()
    services.hotspots_refresh(area_code="64.74.01")
    hotspot = Hotspot.objects.get()
    plan = plan_tonight(kapolsek_a, [bhabin_a], [hotspot])
    client = sign_in(bhabin_a)
    before = rows()
    # when
    response = client.post(
        f"/petugas/patroli/rencana/{plan.pk}/titik/{hotspot.pk}/hadir/",
        {"latitude": LAT, "longitude": LNG, "note": "Aman.", "photo": photo()},
    )
    # then no check-in, the hotspot not patrolled, nobody told
    assert (response.status_code, response["Location"]) == (302, "/petugas/patroli/")
    assert flashed(response) == [PHOTO_NOT_STORED]
    assert rows() == before
    assert Case.objects.get().status == Case.Status.BARU
    assert no_files_but(blocker)


def test_an_event_request_attachment_is_not_kept(sign_in, kapolres, blocker):
    # given
    request = events.event_request_open(case=ask_security(5000))
    client = sign_in(kapolres)
    before = rows()
    # when
    response = client.post(
        f"/petugas/pengamanan/{request.pk}/", {"step": "attach", "file": photo("izin.jpg")}
    )
    # then no attachment and no "Lampiran: izin.jpg" step on the case
    assert (response.status_code, response["Location"]) == (
        302,
        f"/petugas/pengamanan/{request.pk}/",
    )
    assert flashed(response) == [ATTACHMENT_NOT_STORED]
    assert rows() == before
    assert no_files_but(blocker)
