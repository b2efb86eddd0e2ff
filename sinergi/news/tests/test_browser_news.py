"""A Humas editor reads a pasted release on a phone: the date is filled and the time is asked
for, each promise names who made it, and the promise reaches the public board only once the
Kapolsek has verified the activity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import (
    VILLAGE_A,
    NewPhone,
    fits_the_phone,
    humas_editor_of_the_regency,
    kapolsek_of_district_a,
    load_test_territory,
)
from sinergi.cases.models import Case
from sinergi.engagement import services
from sinergi.engagement.models import Activity, Commitment
from sinergi.news import services as news_services
from sinergi.news.models import ImportJob
from sinergi.news.tests.helpers import TEXT, TITLE

pytestmark = pytest.mark.browser
PROMISE = "menggelar patroli rutin setiap malam di pasar"


def test_a_read_release_asks_for_the_time_and_its_promise_waits_for_verification(
    new_phone: NewPhone,
) -> None:
    # given the territory, a Humas editor of the Polres and the Kapolsek of district A
    load_test_territory()
    editor_user = humas_editor_of_the_regency()
    kapolsek = kapolsek_of_district_a()
    editor = new_phone(signed_in_as=editor_user)
    page = editor.page

    # when the editor pastes a release
    page.goto("/petugas/rilis/baca/")
    page.get_by_label("Judul rilis").fill(TITLE)
    page.get_by_label("Isi rilis").fill(TEXT)
    page.get_by_role("button", name="Baca rilis").click()

    # then the date is read, the time is asked for, and the promise names who made it
    expect(page.get_by_role("heading", name="Periksa kegiatan dari rilis", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("jam (tidak disebut dalam rilis)")
    expect(page.get_by_label("Tanggal pelaksanaan")).to_have_value("2026-11-20")
    expect(page.get_by_label("Jam pelaksanaan")).to_have_value("")
    expect(page.get_by_label("Komitmen menurut rilis")).to_have_value(
        f"{PROMISE} | Kapolsek Bontang Utara AKP Rudi Santoso"
    )
    fits_the_phone(page, "/tmp/news-review-360.png")  # noqa: S108 -- for a human to look at

    # when the editor fills in the time and saves
    page.get_by_label("Jam pelaksanaan").fill("19:30")
    page.get_by_role("button", name="Simpan kegiatan").click()
    expect(page.get_by_text("Kegiatan dari rilis tersimpan, menunggu verifikasi.")).to_be_visible()
    activity = Activity.objects.get()
    assert Commitment.objects.get().owner_label == "Kapolsek Bontang Utara AKP Rudi Santoso"

    # then the public board does not show the promise yet
    citizen = new_phone()
    citizen.page.goto(f"/komitmen/{VILLAGE_A}/")
    expect(citizen.page.locator(".results li").filter(has_text=PROMISE)).to_have_count(0)

    # when the Kapolsek verifies the activity, then it does
    services.activity_verify(activity=activity, by=kapolsek)
    citizen.page.goto(f"/komitmen/{VILLAGE_A}/")
    board = citizen.page.locator(".results li").filter(has_text=PROMISE)
    expect(board).to_have_count(1)
    expect(board.locator(".status")).to_have_text("Berjalan")
    fits_the_phone(citizen.page, "/tmp/news-board-360.png")  # noqa: S108 -- for a human to look at

    # when the Kapolsek files what the release says residents asked as a case
    officer = new_phone(signed_in_as=kapolsek)
    officer.page.goto(f"/petugas/kegiatan/{activity.pk}/")
    officer.page.get_by_role("link", name="Catat sebagai kasus").first.click()
    officer.page.get_by_label("Jenis").select_option(label="Patroli di tempat rawan")
    officer.page.get_by_label("Tempat yang dimaksud").fill("sekitar pasar")
    fits_the_phone(officer.page, "/tmp/news-request-360.png")  # noqa: S108 -- for a human
    officer.page.get_by_role("button", name="Catat sebagai kasus").click()

    # then it is a case of the village, followed like a report, linked from the activity
    case = Case.objects.get()
    expect(
        officer.page.get_by_text(f"Aspirasi dicatat sebagai kasus {case.tracking_code}.")
    ).to_be_visible()
    assert (case.area_id, case.category.slug, case.place, case.details["request"]) == (
        VILLAGE_A,
        "tempat-rawan",
        "sekitar pasar",
        0,
    )
    officer.page.goto(f"/petugas/kegiatan/{activity.pk}/")
    expect(officer.page.get_by_role("link", name=case.tracking_code)).to_be_visible()
    assert editor.errors == citizen.errors == officer.errors == []


LONG = (
    "Kapolsek Bontang Utara AKP Rudi Santoso menggelar Jumat Curhat di Balai Kelurahan Bontang "
    "Baru, Jumat (20/11/2026). Warga mengeluhkan maraknya balap liar di jalan lingkar pada malam "
    "hari. Ketua RT 05, Darto, menanyakan kepada Kapolsek soal susahnya mengurus SIM bagi warga "
    "kurang mampu. Warga juga meminta patroli malam ditingkatkan di sekitar pasar dan terminal. "
    '"Motor berknalpot brong di jalan lingkar akan kami tertibkan," kata Kapolsek. Setiap '
    "masukan warga akan segera ditindaklanjuti bersama kelurahan, ujarnya."
)


def test_what_a_release_asked_and_promised_shows_whole_on_a_phone(new_phone: NewPhone) -> None:
    # given a Humas editor on a phone, and an invented release with several long requests
    load_test_territory()
    page = new_phone(signed_in_as=humas_editor_of_the_regency()).page
    # when the editor pastes it
    page.goto("/petugas/rilis/baca/")
    page.get_by_label("Isi rilis").fill(LONG)
    page.get_by_role("button", name="Baca rilis").click()
    expect(page.get_by_role("heading", name="Periksa kegiatan dari rilis", level=1)).to_be_visible()
    # then each box holds all it read without scrolling inside it
    for label in ("Aspirasi menurut rilis", "Komitmen menurut rilis"):
        box = page.get_by_label(label)
        expect(box).not_to_have_value("")
        assert box.evaluate("e => e.scrollHeight <= e.clientHeight + 1"), label
    fits_the_phone(page, "/tmp/news-review-long-360.png")  # noqa: S108 -- for a human to look at


def test_a_file_of_releases_is_followed_to_its_end_on_a_phone(
    new_phone: NewPhone, tmp_path: Path
) -> None:
    # given a Humas editor on a phone and a file of one invented release and a broken line
    load_test_territory()
    page = new_phone(signed_in_as=humas_editor_of_the_regency()).page
    upload = tmp_path / "rilis.jsonl"
    upload.write_text(json.dumps({"id": "a", "title": TITLE, "text": TEXT}) + "\n{rusak\n")
    # when the editor uploads it and the worker reads it
    page.goto("/petugas/rilis/baca/")
    page.get_by_label("Berkas JSONL").set_input_files(upload)
    page.get_by_role("button", name="Unggah dan baca").click()
    expect(page.get_by_role("heading", name="rilis.jsonl", level=1)).to_be_visible()
    news_services.import_run(job_id=ImportJob.objects.get().pk)
    page.reload()
    # then the page says it is done, with a bar across its card
    expect(page.get_by_text("2 dari 2 rilis dibaca")).to_be_visible()
    bar = page.get_by_label("Rilis dibaca")
    assert bar.evaluate("e => e.value") == 100
    assert bar.evaluate("e => e.getBoundingClientRect().width >= e.parentElement.clientWidth - 64")
    fits_the_phone(page, "/tmp/news-import-360.png")  # noqa: S108 -- for a human to look at
    # and in English the file is done, not "resolved" like a case
    page.get_by_role("button", name="English").click()
    expect(page.locator("#job")).to_contain_text("Done — 2 of 2 releases read")
    # and the broken line says why in English too, not in the worker's Indonesian
    expect(page.locator("#job")).to_contain_text("line 2: not valid JSON (column 2)")
