from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tasks_db.models import DBTaskResult
from PIL import Image

from sinergi.cases import tracking
from sinergi.cases.models import Case, CaseEvent, Category, Reporter
from sinergi.cases.tests.helpers import form
from sinergi.platform.tests.photos import jpeg_with_gps

pytestmark = pytest.mark.django_db

VILLAGE_A = "64.74.01.1002"


def test_citizen_files_a_case_and_gets_a_tracking_code(client: Client):
    # when
    response = client.post("/lapor/", form())
    # then
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/lacak/{case.tracking_code}/?baru=1"
    assert tracking.normalize(case.tracking_code) == case.tracking_code
    assert (case.kind, case.area_id, case.owner_area_id, case.status, case.channel) == (
        "aspirasi",
        VILLAGE_A,
        VILLAGE_A,
        Case.Status.BARU,
        Case.Channel.WEB,
    )
    assert case.escalate_at is not None
    reporter = Reporter.objects.get(case=case)
    assert (reporter.anonymous, reporter.name, reporter.phone) == (True, "", "0812 3456 7890")
    assert list(case.events.values_list("kind", "public")) == [(CaseEvent.Kind.SUBMITTED, True)]
    page = client.get(response["Location"])
    assert case.tracking_code in page.text
    assert "Laporan Anda sudah kami terima" in page.text
    # a stranger given the same address sees the plain tracking page, not "received"
    stranger = Client().get(response["Location"])
    assert case.tracking_code in stranger.text
    assert "Laporan Anda sudah kami terima" not in stranger.text


def test_double_submit_with_the_same_key_creates_one_case(client: Client):
    first = client.post("/lapor/", form())
    second = client.post("/lapor/", form())
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert Reporter.objects.count() == 1


def test_village_typed_by_name_is_resolved_when_it_is_unique(client: Client):
    response = client.post("/lapor/", form(area=None, area_q="bontang baru"))
    assert response.status_code == 302
    assert Case.objects.get().area_id == VILLAGE_A


def test_ambiguous_village_name_offers_choices_and_writes_nothing(client: Client):
    response = client.post("/lapor/", form(area=None, area_q="tanjung laut"))
    assert response.status_code == 400
    assert "Beberapa desa cocok. Pilih salah satu." in response.text
    assert 'value="64.74.02.1001"' in response.text
    assert 'value="64.74.02.1006"' in response.text
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"area": "64.74.01"}, "Desa/kelurahan tidak dikenal."),
        ({"area": None}, "Pilih desa atau kelurahan tempat kejadian."),
        ({"description": "   "}, "Bidang ini tidak boleh kosong."),
        ({"category": "999"}, "Masukkan pilihan yang valid. 999 bukan salah satu"),
        ({"anonymous": None, "name": ""}, "Isi nama Anda, atau centang “anonim”."),
        ({"phone": "telepon saya"}, "Nomor HP hanya berisi angka, 8–20 digit."),
        ({"category": "PENGAMANAN"}, "Masukkan pilihan yang valid."),
    ],
)
def test_bad_input_gets_an_indonesian_message_and_writes_nothing(
    client: Client, overrides, message
):
    response = client.post("/lapor/", form(**overrides))
    assert response.status_code == 400
    assert message in response.text
    assert not Case.objects.exists()
    assert not Reporter.objects.exists()


def test_event_security_request_needs_a_date(client: Client):
    category = Category.objects.get(slug="kegiatan-keagamaan")
    response = client.post("/lapor/", form(category=category.pk))
    assert "Tanggal kegiatan wajib diisi untuk permohonan pengamanan." in response.text
    ok = client.post(
        "/lapor/",
        form(
            category=category.pk,
            event_date="2026-12-20",
            event_name="Milad majelis",
            crowd_size="500",
        ),
    )
    assert ok.status_code == 302
    assert Case.objects.get().details == {
        "event_name": "Milad majelis",
        "event_date": "2026-12-20",
        "crowd_size": 500,
    }


def test_photo_is_kept_without_its_exif_and_gps(client: Client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert Image.open(io.BytesIO(jpeg_with_gps())).getexif()  # the original has EXIF
    response = client.post("/lapor/", form(photo=upload))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.photo.name.startswith("cases/")
    assert case.photo.name.endswith(".jpg")
    assert "IMG_0001" not in str(case.photo.name)
    with Image.open(case.photo.path) as stored:
        assert stored.size == (40, 30)
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info


def test_a_form_sent_back_for_its_village_asks_for_the_photo_again_by_name(
    client: Client, settings, tmp_path
):
    # given a report with a photo but no village
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("pasar.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/lapor/", form(photo=upload, area=None))
    # then the form comes back, saying the photo must be chosen again, and nothing is kept
    assert response.status_code == 400
    assert "Foto belum terkirim. Pilih lagi fotonya: pasar.jpg" in response.text
    assert not Case.objects.exists()
    assert list(tmp_path.iterdir()) == []
    # while a form sent back without a photo says nothing of one
    assert "Foto belum terkirim" not in client.post("/lapor/", form(area=None)).text


def test_a_file_that_is_not_a_photo_is_refused(client: Client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("foto.jpg", b"#!/bin/sh\necho hi\n", content_type="image/jpeg")
    response = client.post("/lapor/", form(photo=upload))
    assert response.status_code == 400
    assert "Unggah gambar yang valid" in response.text
    assert not Case.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_oversized_photo_is_refused(client: Client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CASE_PHOTO_MAX_BYTES = 1000
    upload = SimpleUploadedFile(
        "besar.jpg", jpeg_with_gps() + b"\0" * 2000, content_type="image/jpeg"
    )
    response = client.post("/lapor/", form(photo=upload))
    assert response.status_code == 400
    assert "Foto terlalu besar" in response.text
    assert not Case.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_oversized_request_is_refused_before_it_is_read(client: Client, settings):
    settings.MAX_REQUEST_BYTES = 100
    response = client.post("/lapor/", form(description="x" * 500))
    assert response.status_code == 413
    assert "Kiriman terlalu besar" in response.text
    assert not Case.objects.exists()


def test_unwritable_media_gives_a_clear_error_and_no_case(client: Client, settings, tmp_path):
    # given a media directory that cannot be created, whoever runs the test (root included)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    # when
    upload = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/lapor/", form(photo=upload))
    # then
    assert response.status_code == 400
    assert "Foto tidak dapat disimpan saat ini" in response.text
    assert not Case.objects.exists()


def test_tracking_page_is_forgiving_about_how_the_code_is_typed(client: Client):
    client.post("/lapor/", form())
    case = Case.objects.get()
    sloppy = case.tracking_code.lower().replace("-", " ")
    lookup = client.post("/lacak/", {"code": sloppy})
    assert lookup["Location"] == f"/lacak/{case.tracking_code}/"
    page = client.get(f"/lacak/{case.tracking_code}/")
    assert "Baru" in page.text
    assert "0812 3456 7890" not in page.text  # the reporter never shows on the public page


def test_unknown_tracking_code(client: Client):
    response = client.post("/lacak/", {"code": "SNG-2222-2222"})
    assert response.status_code == 400
    assert "Kode lacak tidak ditemukan" in response.text
    assert client.get("/lacak/SNG-2222-2222/").status_code == 404


def test_tracking_codes_avoid_look_alike_characters():
    codes = {tracking.new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert code[:4] == "SNG-"
        assert len(code) == 13
        assert not set(code[4:].replace("-", "")) & set("01ILOUV")
    assert tracking.normalize("sng 7k4q 92xd") == "SNG-7K4Q-92XD"
    assert tracking.normalize("SNG-7K4Q-92X0") is None


def test_intake_queues_its_follow_up_in_the_same_transaction(client: Client):

    # no on-commit hook runs here: the task row is written with the case, not after it
    client.post("/lapor/", form())
    case = Case.objects.get()
    task = DBTaskResult.objects.get(task_path="sinergi.cases.tasks.case_filed_task")
    assert task.args_kwargs == {"args": [], "kwargs": {"case_id": case.pk}}
    assert task.status == "READY"


def test_a_tracking_code_drawn_twice_is_drawn_again(client: Client, monkeypatch):
    client.post("/lapor/", form(idempotency_key="first"))
    taken = Case.objects.get().tracking_code
    draws = iter([taken, taken, "SNG-2345-6789"])
    monkeypatch.setattr(tracking, "new_code", lambda: next(draws))
    response = client.post("/lapor/", form(idempotency_key="second"))
    assert response.status_code == 302
    assert response["Location"] == "/lacak/SNG-2345-6789/?baru=1"
    assert sorted(Case.objects.values_list("tracking_code", flat=True)) == sorted(
        [taken, "SNG-2345-6789"]
    )
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.SUBMITTED).count() == 2


def test_a_repeated_key_without_a_photo_files_nothing_new(client: Client):
    first = client.post("/lapor/", form(idempotency_key="tap"))
    second = client.post("/lapor/", form(idempotency_key="tap"))
    assert first["Location"] == second["Location"]
    # the same key with another body is refused, not answered with the first case
    other = client.post("/lapor/", form(idempotency_key="tap", description="Lain lagi."))
    assert other.status_code == 400
    assert "Formulir ini sudah pernah terkirim dengan isi lain." in other.text
    assert "Lain lagi." in other.text  # what the citizen typed is kept
    assert Case.objects.count() == 1
    assert Reporter.objects.count() == 1
    assert CaseEvent.objects.count() == 1
