"""A Jumat Curhat end to end on real phones: the Bhabinkamtibmas reports it with what was asked
and promised, the Kapolsek verifies it, a Humas editor publishes the release, and anyone reads
the promise on the public commitment board."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import (
    VILLAGE_A,
    NewPhone,
    Phone,
    field_cast,
    fits_the_phone,
    humas_editor_of_the_regency,
)
from sinergi.cases.models import Case
from sinergi.engagement import services
from sinergi.engagement.models import Activity, Commitment
from sinergi.humas.models import Release

pytestmark = pytest.mark.browser

ASKED = ("Mohon patroli malam di gang menuju sekolah", "Lampu penerangan jalan di RT 12 mati")
PROMISE = "Patroli malam setiap hari di gang sekolah"


def report_a_jumat_curhat(officer: Phone) -> None:
    page = officer.page
    page.goto("/petugas/kegiatan/")
    page.get_by_role("link", name="Laporkan kegiatan", exact=True).click()
    expect(page.get_by_role("heading", name="Laporkan kegiatan", level=1)).to_be_visible()
    page.get_by_label("Jenis kegiatan").select_option("jumat_curhat")
    page.locator('input[name="programs"][value="jumat_curhat"]').check()
    # the Bhabinkamtibmas's own village is offered before anything is typed
    page.locator(f'#village-options input[value="{VILLAGE_A}"]').check()
    page.get_by_label("Tempat", exact=True).fill("Balai Kelurahan Bontang Baru")
    page.get_by_label("Jumlah peserta").fill("40")
    page.locator('input[name="partner_groups"][value="warga"]').check()
    page.locator('input[name="topics"][value="pilkada"]').check()

    aspirations = page.locator('[data-rows="asp"] [data-row]')
    expect(aspirations).to_have_count(1)
    aspirations.nth(0).get_by_label("Aspirasi").fill(ASKED[0])
    page.get_by_role("button", name="+ Tambah aspirasi").click()
    expect(aspirations).to_have_count(2)
    aspirations.nth(1).get_by_label("Aspirasi").fill(ASKED[1])

    commitment = page.locator('[data-rows="com"] [data-row]').nth(0)
    commitment.get_by_label("Janji yang disampaikan").fill(PROMISE)
    commitment.get_by_label("Disampaikan oleh (jabatan)").fill("Kapolsek Bontang Utara")
    commitment.get_by_label("Tenggat").fill("2099-12-31")
    page.get_by_label("Notulen / ringkasan").fill(
        "Kapolsek: “Mulai malam ini kami patroli di gang sekolah setiap hari.”"
    )
    fits_the_phone(page, "/tmp/activity-report-360.png")  # noqa: S108 -- for a human to look at
    page.get_by_role("button", name="Kirim laporan kegiatan").click()

    expect(page).to_have_url(re.compile(r"/petugas/kegiatan/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("2 aspirasi menjadi laporan warga")
    expect(page.locator("h1 .status")).to_have_text("Dilaporkan")
    for text in ASKED:
        expect(page.locator("body")).to_contain_text(text)
    expect(page.locator("body")).to_contain_text(PROMISE)
    fits_the_phone(page, "/tmp/activity-page-360.png")  # noqa: S108 -- for a human to look at


def publish_the_release(editor: Phone, activity: Activity) -> str:
    page = editor.page
    page.goto(f"/petugas/kegiatan/{activity.pk}/")
    page.get_by_role("button", name="Buat draf rilis").click()
    expect(page).to_have_url(re.compile(r"/petugas/rilis/\d+/$"))
    headline = page.get_by_label("Judul")
    expect(headline).to_have_value(
        "Polsek Bontang Utara Gelar Jumat Curhat, Warga Sampaikan 2 Aspirasi"
    )
    expect(page.get_by_label("Isi")).to_contain_text("setiap hari di gang sekolah")
    page.get_by_role("button", name="Ajukan ke editor").click()
    expect(page.locator("h1 .status")).to_have_text("Menunggu editor")
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator("h1 .status")).to_have_text("Disetujui editor")
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.locator("h1 .status")).to_have_text("Terbit")
    page.get_by_role("link", name="Lihat berita").click()
    expect(page.locator("article")).to_contain_text("Bontang – Polsek Bontang Utara menggelar")
    fits_the_phone(page, "/tmp/release-360.png")  # noqa: S108 -- for a human to look at
    return page.url


def test_a_jumat_curhat_is_reported_published_and_its_promise_shown(
    new_phone: NewPhone,
) -> None:
    # given the territory, the Bhabinkamtibmas of village A, the Kapolsek and a Humas editor
    bhabin, kapolsek = field_cast()
    editor_user = humas_editor_of_the_regency()

    # when the Bhabinkamtibmas reports the Jumat Curhat on the phone
    officer = new_phone(signed_in_as=bhabin)
    report_a_jumat_curhat(officer)
    activity = Activity.objects.get()
    assert sorted(Case.objects.values_list("description", flat=True)) == sorted(ASKED)
    assert {(c.area_id, c.owner_area_id) for c in Case.objects.all()} == {(VILLAGE_A, VILLAGE_A)}

    # and the Kapolsek verifies it (the page flow of verifying is tested with the client)
    services.activity_verify(activity=activity, by=kapolsek)

    # and the Humas editor turns it into a published release
    editor = new_phone(signed_in_as=editor_user)
    news_url = publish_the_release(editor, activity)
    release = Release.objects.get()
    assert (release.status, release.writer, release.editor) == (
        "published",
        editor_user,
        editor_user,
    )

    # then anyone reads the promise on the public board of the village, and the news page
    citizen = new_phone()
    citizen.page.goto(f"/komitmen/{VILLAGE_A}/")
    board = citizen.page.locator(".results li").filter(has_text=PROMISE)
    expect(board).to_have_count(1)
    expect(board.locator(".status")).to_have_text("Berjalan")
    expect(board).to_contain_text("Kapolsek Bontang Utara")
    fits_the_phone(citizen.page, "/tmp/commitment-board-360.png")  # noqa: S108 -- for a human
    citizen.page.goto(news_url)
    expect(citizen.page.get_by_role("heading", level=1)).to_have_text(release.headline)

    assert Commitment.objects.get().text == PROMISE
    assert officer.errors == []
    assert editor.errors == []
    assert citizen.errors == []
