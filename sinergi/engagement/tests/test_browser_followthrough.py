"""Follow-through on real phones: the Kapolsek returns a report for correction and the
Bhabinkamtibmas fixes it; a promise is closed with the patrol check-ins that kept it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import (
    NewPhone,
    field_cast,
    fits_the_phone,
)
from sinergi.engagement.models import Activity, Commitment, CommitmentEvidence
from sinergi.engagement.tests.helpers import jumat_curhat, promise
from sinergi.patrols.services import checkin_record
from sinergi.patrols.tests.helpers import FIFTY_M, LAT, LNG, marked_spot, plan_tonight

pytestmark = pytest.mark.browser


def test_a_report_is_returned_for_correction_and_resubmitted(
    new_phone: NewPhone,
) -> None:
    # given a Jumat Curhat reported by the Bhabinkamtibmas without its attendance
    bhabin, kapolsek = field_cast()
    activity = jumat_curhat(bhabin, minutes="Warga hadir di balai.")
    Activity.objects.filter(pk=activity.pk).update(attendance=None)

    # when the Kapolsek returns it with a note
    leader = new_phone(signed_in_as=kapolsek)
    page = leader.page
    page.goto("/petugas/kegiatan/")
    page.get_by_role("link", name=activity.title).first.click()
    page.get_by_text("Kembalikan untuk perbaikan").click()
    page.get_by_label("Yang harus diperbaiki").fill("Jumlah peserta belum diisi.")
    page.get_by_role("button", name="Kembalikan ke petugas").click()
    expect(page.locator("h1 .status")).to_have_text("Dikembalikan untuk perbaikan")

    # then the officer finds it on the calendar, corrects it and sends it again
    officer = new_phone(signed_in_as=bhabin)
    page = officer.page
    page.goto("/petugas/kegiatan/")
    expect(page.locator(".warning")).to_contain_text("Jumlah peserta belum diisi.")
    page.locator(".warning").get_by_role("link", name=activity.title).click()
    expect(page).to_have_url(re.compile(rf"/petugas/kegiatan/{activity.pk}/perbaiki/$"))
    page.get_by_label("Jumlah peserta").fill("45")
    fits_the_phone(page, "/tmp/activity-correct-360.png")  # noqa: S108 -- for a human to look at
    page.get_by_role("button", name="Kirim perbaikan").click()
    expect(page.locator("h1 .status")).to_have_text("Dilaporkan")

    # and the Kapolsek verifies the corrected report
    page = leader.page
    page.reload()
    page.get_by_role("button", name="Verifikasi laporan").click()
    expect(page.locator("h1 .status")).to_have_text("Diverifikasi")
    activity.refresh_from_db()
    assert (activity.status, activity.attendance) == (Activity.Status.VERIFIED, 45)
    assert leader.errors == officer.errors == []


def test_a_promise_is_closed_with_the_checkins_that_kept_it(
    new_phone: NewPhone,
) -> None:
    # given a promise of extra night patrols at a hotspot, and two check-ins there tonight
    bhabin, kapolsek = field_cast()
    commitment = promise(
        bhabin,
        "menambah patroli malam di Simpang Cendana",
        due=timezone.localdate() + timedelta(days=7),
    )
    spot = marked_spot(kapolsek)
    plan = plan_tonight(kapolsek, [bhabin], [spot])
    for _ in range(2):
        checkin_record(
            plan=plan, hotspot=spot, officer=bhabin, latitude=LAT + FIFTY_M, longitude=LNG
        )

    # when the Bhabinkamtibmas opens the promise, closing it with text alone is refused
    officer = new_phone(signed_in_as=bhabin)
    page = officer.page
    page.goto(f"/petugas/kegiatan/{commitment.activity_id}/")
    page.get_by_role("link", name=commitment.text).click()
    page.get_by_label("Yang dilakukan / alasan").fill("Patroli sudah ditambah")
    page.locator("#close").get_by_role("button", name="Simpan").click()
    expect(page.locator(".messages")).to_contain_text("Lampirkan bukti dulu")

    # then he links the two check-ins and closes it as kept
    checks = page.locator('input[name="checkin"]')
    expect(checks).to_have_count(2)
    checks.nth(0).check()
    checks.nth(1).check()
    page.get_by_role("button", name="Kaitkan yang dipilih").click()
    expect(page.locator(".messages")).to_contain_text("2 bukti dikaitkan")
    expect(page.locator("#evidence li")).to_have_count(2)
    page.get_by_label("Yang dilakukan / alasan").fill("Patroli malam ditambah dua kali")
    page.locator("#close").get_by_role("button", name="Simpan").click()
    expect(page.locator("h1 .status")).to_have_text("Ditepati")
    fits_the_phone(page, "/tmp/commitment-kept-360.png")  # noqa: S108 -- for a human to look at
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    assert sorted(CommitmentEvidence.objects.values_list("kind", flat=True)) == [
        "checkin",
        "checkin",
    ]
    assert officer.errors == []
