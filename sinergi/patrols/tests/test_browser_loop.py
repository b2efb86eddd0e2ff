"""From aspiration to patrol evidence without breaks, on real phones: a Bhabinkamtibmas hears
"tingkatkan patroli di Gang Mawar" at a Jumat Curhat and records the place; the Kapolsek groups
the request into a hotspot named after that place (not the meeting hall); the officer checks in
there (flagged: the spot had no position yet); the Kapolsek accepts it from "Tugas saya"; the
spot takes the officer's position and the requester is told."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import (
    NewPhone,
    field_cast,
)
from sinergi.cases.models import Case, Category
from sinergi.engagement.tests.helpers import fill_the_report
from sinergi.messaging.models import Outbox
from sinergi.patrols.models import CheckIn, Hotspot
from sinergi.patrols.tests.helpers import LAT, LNG, plan_tonight

pytestmark = pytest.mark.browser

PLACE = "Gang Mawar dekat SD 005"


def test_an_aspiration_becomes_a_hotspot_an_accepted_check_in_and_a_told_requester(
    new_phone: NewPhone,
) -> None:
    bhabin, kapolsek = field_cast()
    patrol = Category.objects.get(slug="tempat-rawan")

    # the Bhabinkamtibmas reports the Jumat Curhat: the aspiration names its own place
    officer = new_phone(signed_in_as=bhabin)
    page = officer.page
    page.goto("/petugas/kegiatan/lapor/")
    fill_the_report(page, with_photos=False)
    row = page.locator('[data-rows="asp"] [data-row]').nth(0)
    row.get_by_label("Jenis").select_option(str(patrol.pk))
    row.get_by_text("Kontak warga (tidak wajib)").click()
    row.get_by_label("Nomor HP (tidak wajib)").fill("081234567890")
    page.get_by_role("button", name="Kirim laporan kegiatan").click()
    expect(page.locator(".messages")).to_contain_text("1 aspirasi menjadi laporan warga")
    request = Case.objects.get()
    assert (request.kind, request.place, request.details["session"]) == (
        "patroli",
        PLACE,
        "Jumat Curhat — Balai Kelurahan Bontang Baru",
    )

    # the Kapolsek groups the new requests: the hotspot is the place, without a position yet
    leader = new_phone(signed_in_as=kapolsek)
    leader.page.goto("/petugas/patroli/titik/")
    leader.page.get_by_role("button", name="Kelompokkan permintaan baru").click()
    expect(leader.page.locator(".messages")).to_contain_text("1 permintaan patroli baru")
    hotspot = Hotspot.objects.get()
    assert (hotspot.name, hotspot.latitude) == (PLACE, None)
    expect(leader.page.locator("#hotspot-list")).to_contain_text(PLACE)
    expect(leader.page.locator("#hotspot-map")).to_have_attribute(
        "data-base-loaded", re.compile(r"^[1-9]")
    )
    plan_tonight(kapolsek, [bhabin], [hotspot])

    # the officer checks in at the spot: kept, but flagged (nothing to measure against)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": LAT, "longitude": LNG, "accuracy": 8})
    page.goto("/petugas/patroli/")
    page.get_by_role("button", name="Saya di sini").click()
    expect(page.locator(".messages")).to_contain_text("ditandai untuk diperiksa pimpinan")
    checkin = CheckIn.objects.get()
    assert (checkin.flagged, checkin.latitude, checkin.longitude) == (True, LAT, LNG)
    told_before = Outbox.objects.filter(data__case=request.pk).count()

    # the Kapolsek finds it on "Tugas saya" and accepts it
    leader.page.goto("/petugas/")
    waiting = leader.page.locator("#decisions")
    expect(waiting).to_contain_text(PLACE)
    waiting.get_by_role("link", name=PLACE).click()
    item = leader.page.locator(f"#checkin-{checkin.pk}")
    item.get_by_label("Terima: hitung sebagai patroli").check()
    item.get_by_role("button", name="Simpan keputusan").click()
    expect(leader.page.locator(".messages")).to_contain_text(f"Kehadiran di {PLACE} diterima.")

    # then the spot is where the officer stood, the request is closed and its requester told
    hotspot.refresh_from_db()
    request.refresh_from_db()
    assert (hotspot.latitude, hotspot.longitude) == (LAT, LNG)
    assert request.status == Case.Status.SELESAI
    assert request.events.filter(public=True, message__contains="sudah dipatroli").count() == 1
    assert Outbox.objects.filter(data__case=request.pk).count() == told_before + 1
    assert CheckIn.objects.get().review == CheckIn.Review.ACCEPTED
    assert officer.errors == []
    assert leader.errors == []
