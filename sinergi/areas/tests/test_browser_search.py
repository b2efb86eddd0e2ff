"""Finding a village on a 360-px phone, in real Chromium: the case form's picker and /wilayah/,
with the real names of the issue (Kumpang Bis in Sekadau, the Sukamaju villages)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import Phone, fits_the_phone, htmx_response, load_test_territory
from sinergi.areas.services import areas_import
from sinergi.areas.tests.search_territory import KUMPANG_BIS, SEARCH_TERRITORY

pytestmark = pytest.mark.browser


@pytest.fixture
def search_phone(phone: Phone) -> Phone:
    load_test_territory()
    areas_import(only=SEARCH_TERRITORY)
    return phone


def search_village(page: Page, typed: str) -> None:
    with page.expect_response(htmx_response("/wilayah/", pick="1")):
        page.locator("#area_q").fill(typed)


def test_case_form_picker_pages_narrows_and_forgives_a_slip(search_phone: Phone):
    page = search_phone.page
    page.goto("/lapor/")
    options = page.locator("#village-options")

    # 23 villages are called Sukamaju or Suka Maju here: 20 shown, with the count
    search_village(page, "Sukamaju")
    expect(options.locator("#pick-count")).to_have_text(
        "23 desa/kelurahan cocok · tambahkan nama kecamatan atau kabupaten untuk mempersempit"
    )
    expect(options.get_by_role("radio")).to_have_count(20)
    # the rest on request, by keyboard: the button says how many, the focus goes to the first
    more = options.get_by_role("button", name="Tampilkan 3 lagi (20 dari 23 ditampilkan)")
    more.focus()
    page.keyboard.press("Enter")
    expect(options.get_by_role("radio")).to_have_count(23)
    expect(options.get_by_role("button")).to_have_count(0)
    expect(options.get_by_role("radio").nth(20)).to_be_focused()
    fits_the_phone(page, "/tmp/search-picker-sukamaju-360.png")  # noqa: S108 -- for a human
    # a choice made among the later ones is the one the form sends
    page.keyboard.press("Space")
    expect(options.get_by_role("radio").nth(20)).to_be_checked()

    # "Suka Maju" finds the same 23
    search_village(page, "Suka Maju")
    expect(options.locator("#pick-count")).to_contain_text("23 desa/kelurahan cocok")

    # the name with its regency narrows to one, which is chosen
    search_village(page, "Kumpang Bis Sekadau")
    expect(options.get_by_role("radio")).to_have_count(1)
    expect(options.locator(f'input[value="{KUMPANG_BIS}"]')).to_be_checked()
    expect(options.locator("label")).to_have_text(
        "Kumpang Bis Kumpang Bis, Belitang Hilir, Kabupaten Sekadau, Kalimantan Barat"
    )
    # written as one word, with "Desa" before it
    search_village(page, "Desa Kumpangbis")
    expect(options.locator(f'input[value="{KUMPANG_BIS}"]')).to_be_checked()

    # a letter off: offered as a similar name, never chosen by itself
    search_village(page, "Kompang Bis")
    expect(options.locator("#pick-count")).to_have_text(
        "Tidak ada yang persis cocok; 1 nama yang mirip:"
    )
    village = options.locator(f'input[value="{KUMPANG_BIS}"]')
    expect(village).not_to_be_checked()
    village.check()
    expect(village).to_be_checked()
    fits_the_phone(page, "/tmp/search-picker-fuzzy-360.png")  # noqa: S108 -- a screenshot to look at
    assert search_phone.errors == []


def test_search_page_counts_and_turns_pages(search_phone: Phone):
    page = search_phone.page
    page.goto("/wilayah/")
    page.get_by_label("Tingkat").select_option(label="Desa/Kelurahan")
    page.get_by_label("Nama atau kode wilayah").fill("sukamaju")
    page.get_by_role("button", name="Cari", exact=True).click()
    results = page.locator("#results")
    expect(results.locator("#results-count")).to_have_text(
        "23 desa/kelurahan ditemukan · menampilkan 1–20"
    )
    expect(results.locator("ul.results > li")).to_have_count(20)
    pager = page.get_by_role("navigation", name="Halaman hasil pencarian")
    expect(pager).to_contain_text("Halaman 1 dari 2")
    fits_the_phone(page, "/tmp/search-page-sukamaju-360.png")  # noqa: S108 -- a screenshot to look at
    pager.get_by_role("link", name="Berikutnya ›").click()
    expect(results.locator("#results-count")).to_have_text(
        "23 desa/kelurahan ditemukan · menampilkan 21–23"
    )
    expect(results.locator("ul.results > li")).to_have_count(3)
    expect(pager).to_contain_text("Halaman 2 dari 2")

    # the same in English
    page.get_by_role("button", name="English").click()
    expect(results.locator("#results-count")).to_have_text("23 villages found · showing 21–23")
    expect(page.get_by_role("navigation", name="Search result pages")).to_contain_text(
        "Page 2 of 2"
    )
    fits_the_phone(page, "/tmp/search-page-sukamaju-en-360.png")  # noqa: S108 -- a screenshot to look at
    assert search_phone.errors == []


def test_search_page_location_button_lists_the_three_nearest(search_phone: Phone):
    page = search_phone.page
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 0.1450, "longitude": 117.4930})
    page.goto("/wilayah/")
    page.get_by_role("button", name="Gunakan lokasi saya", exact=True).click()
    results = page.locator("#results")
    expect(results.get_by_role("heading", name="Desa/kelurahan terdekat")).to_be_visible()
    expect(results.locator("li")).to_have_text(
        [
            re.compile(r"^Bontang Baru ± 120 m\s*Bontang Baru, Bontang Utara, Kota Bontang"),
            re.compile(r"^Gunung Elai ± 1,6 km\s*Gunung Elai, Bontang Utara"),
            re.compile(r"^Api-api ± 1,6 km\s*Api-api, Bontang Utara"),
        ]
    )
    fits_the_phone(page, "/tmp/search-nearest-360.png")  # noqa: S108 -- a screenshot to look at
    results.get_by_role("link", name="Gunung Elai").click()
    expect(page).to_have_url(re.compile(r"/wilayah/64\.74\.01\.1005/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelurahan Gunung Elai")
    assert search_phone.errors == []
