"""An event request's documents: PDFs and cleaned photos, fetched only through the door."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sinergi.accounts.models import AuditEvent
from sinergi.patrols import events
from sinergi.patrols.models import EventAttachment
from sinergi.patrols.services import PatrolError
from sinergi.patrols.tests.helpers import ask_security
from sinergi.platform.tests.photos import jpeg_with_gps

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_documents_are_kept_cleaned_and_served_only_through_the_door(
    sign_in, kapolres, officer_b, tmp_path, settings, client
):
    settings.MEDIA_ROOT = tmp_path
    request = events.event_request_open(case=ask_security(5000))
    leader = sign_in(kapolres)
    for name, body in (
        ("surat permohonan.pdf", PDF),
        ("../../izin.jpg", jpeg_with_gps("green", (30, 20))),
    ):
        response = leader.post(
            f"/petugas/pengamanan/{request.pk}/",
            {"step": "attach", "file": SimpleUploadedFile(name, body)},
        )
        assert response.status_code == 302
    letter, permit = EventAttachment.objects.order_by("pk")
    assert (letter.name, permit.name) == ("surat permohonan.pdf", "izin.jpg")
    assert letter.file.name.startswith("events/")
    assert letter.file.name.endswith(".pdf")
    with Image.open(permit.file.path) as stored:
        assert not stored.getexif()
    assert request.case.events.filter(kind="noted", message="Lampiran: izin.jpg").count() == 1

    fetched = leader.get(f"/media/{letter.file.name}")
    assert fetched.status_code == 200
    assert b"".join(fetched.streaming_content) == PDF
    assert fetched["Content-Disposition"] == "attachment"

    outsider = sign_in(officer_b)
    assert outsider.get(f"/media/{letter.file.name}").status_code == 404
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=officer_b).exists()
    client.logout()
    assert client.get(f"/media/{permit.file.name}").status_code == 404
    assert client.get("/media/../conftest.py").status_code == 404


def test_anything_but_a_pdf_or_photo_is_refused_and_nothing_is_kept(kapolres, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    request = events.event_request_open(case=ask_security(5000))
    with pytest.raises(PatrolError):
        events.event_attach(
            request=request, upload=SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 100), by=kapolres
        )
    settings.CASE_PHOTO_MAX_BYTES = 10
    with pytest.raises(PatrolError):
        events.event_attach(request=request, upload=SimpleUploadedFile("a.pdf", PDF), by=kapolres)
    assert EventAttachment.objects.count() == 0
    assert list(tmp_path.rglob("*.*")) == []
