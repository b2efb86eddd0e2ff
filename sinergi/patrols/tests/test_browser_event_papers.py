"""An event request on real screens: the Bhabinkamtibmas fills in the event heard at a Jumat
Curhat, the Kapolres approves it, names the personnel and prints the decision letter and the
surat perintah (real Chromium, the PDFs fetched with the browser's own session)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import (
    NewPhone,
    bhabin_of_village_a,
    kapolres_of_the_regency,
    load_test_territory,
)
from sinergi.patrols.models import EventRequest
from sinergi.patrols.tests.helpers import heard_at_a_jumat_curhat

pytestmark = pytest.mark.browser


def test_an_event_heard_at_a_jumat_curhat_is_filled_in_approved_and_printed(
    new_phone: NewPhone,
) -> None:
    # given a request for security heard at a Jumat Curhat in Bontang Baru
    load_test_territory()
    bhabin = bhabin_of_village_a()
    kapolres = kapolres_of_the_regency()
    request = heard_at_a_jumat_curhat(bhabin)
    day = timezone.localdate() + dt.timedelta(days=12)

    # when the Bhabinkamtibmas fills in what the organiser told him
    officer = new_phone(signed_in_as=bhabin)
    page = officer.page
    page.goto(f"/petugas/pengamanan/{request.pk}/")
    expect(page.locator(".notice")).to_contain_text("Belum diketahui")
    page.get_by_label("Nama kegiatan").fill("Hari jadi Majelis Sholawat Bontang")
    page.get_by_label("Penyelenggara").fill("Majelis Sholawat Bontang")
    page.get_by_label("Tempat", exact=True).fill("Lapangan Bontang Baru")
    page.get_by_label("Tanggal kegiatan").fill(day.isoformat())
    page.get_by_label("Waktu").fill("19.00–22.00 WITA")
    page.get_by_label("Perkiraan peserta").fill("3000")
    page.get_by_role("button", name="Simpan data kegiatan").click()
    expect(page.locator(".messages")).to_contain_text("Data kegiatan disimpan")
    expect(page.locator(".facts")).to_contain_text("Polres (Kapolres)")  # 3,000: the Kapolres

    # and the Kapolres ticks the documents, approves, and names his personnel
    leader = new_phone(signed_in_as=kapolres)
    page = leader.page
    page.goto(f"/petugas/pengamanan/{request.pk}/")
    for box in page.locator('input[name="documents"]').all():
        box.check()
    page.get_by_role("button", name="Simpan kelengkapan").click()
    page.get_by_role("radio", name="Setujui").check()
    page.get_by_label("Syarat (jika disetujui)").fill("Selesai sebelum pukul 22.00 WITA.")
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.locator("h1 .status")).to_have_text("Disetujui")
    page.get_by_label("Sabhara").fill("20")
    page.get_by_label("Personel yang diperintahkan").fill(
        "Aipda Agus Prasetyo, 84051234, pintu masuk\nBripka Eko Saputra, 85061122, parkir"
    )
    page.get_by_role("button", name="Simpan rencana personel").click()
    expect(page.locator("body")).to_contain_text("Aipda Agus Prasetyo (84051234) — pintu masuk")
    # the after-event report waits for the event's day
    expect(page.locator("body")).to_contain_text("Laporan pasca kegiatan dapat dikirim mulai")

    # then both papers print as PDFs in the browser's session
    for name in ("Surat jawaban (PDF)", "Surat perintah (PDF)"):
        href = page.get_by_role("link", name=name).get_attribute("href")
        assert href is not None
        pdf = page.request.get(href)
        assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
        assert pdf.body().startswith(b"%PDF-")
        Path(f"/tmp/{href.rsplit('/', 1)[-1]}").write_bytes(pdf.body())  # noqa: S108 -- for a human
    found = EventRequest.objects.get()
    assert (found.status, found.crowd_size, len(found.personnel["people"])) == ("approved", 3000, 2)
    assert officer.errors == leader.errors == []
