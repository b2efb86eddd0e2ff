"""A Kapolres preparing for a Pilkada (real Chromium): opens the dashboard, reads the map of named
villages, finds Bontang Baru at the top of "perlu perhatian" with why, and acts from the list:
hands its oldest late report to the Bhabinkamtibmas, plans a cooling-system dialogue there,
opens the issue."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import (
    DISTRICT_A,
    REGENCY,
    NewPhone,
    kapolres_of_the_regency,
    load_test_territory,
    login_with_totp,
    make_official,
)
from sinergi.cases.models import Case
from sinergi.cases.tests.helpers import file_web
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.tests.helpers import issue_in
from sinergi.engagement.models import Activity
from sinergi.units.models import Post

pytestmark = pytest.mark.browser

TOP = "64.74.01.1002"  # Bontang Baru
# pairs of names, or of a name and a count of late cases, drawn on the map over one another
COVERED_NAMES = """
(() => {
  const names = '.leaflet-tooltip.map-label, .leaflet-tooltip.place-label, .map-count';
  const shown = [...document.querySelectorAll(names)]
    .filter(e => getComputedStyle(e).visibility !== 'hidden')
    .map(e => [e.textContent, e.getBoundingClientRect()]);
  const pairs = [];
  shown.forEach(([a, r], i) => shown.slice(i + 1).forEach(([b, s]) => {
    const over = r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
    if (over) pairs.push([a, b]);
  }));
  return pairs;
})()
"""


def covered_names(page: Page) -> list[list[str]]:
    """The names (and counts) drawn over one another once the map has settled: basemap.js
    moves names apart a frame after a layer is added, so a slow machine is given 5 s."""
    # polled from here: the page's CSP forbids the eval that wait_for_function's text needs
    pairs: list[list[str]] = page.evaluate(COVERED_NAMES)
    for _ in range(50):
        if not pairs:
            break
        page.wait_for_timeout(100)
        pairs = page.evaluate(COVERED_NAMES)
    return pairs


def test_a_kapolres_reads_the_map_and_the_list_and_acts_from_it(
    new_phone: NewPhone,
) -> None:
    # given Kota Bontang scored, a severity-4 SARA issue and a late report in Bontang Baru
    load_test_territory()
    kapolres = kapolres_of_the_regency()
    bhabin = make_official("bhabin_a", f"polsek:{DISTRICT_A}", Post.Title.BHABINKAMTIBMAS, (TOP,))
    index_recompute(under=REGENCY)
    issue = issue_in(
        kapolres,
        "Ketegangan antarpendukung",
        "sara_antargolongan",
        severity=4,
        area=TOP,
        source_reliability="B",
        credibility="2",
    )
    late = file_web(description="Balap liar tiap malam", village=TOP).case
    Case.objects.filter(pk=late.pk).update(escalate_at=timezone.now() - timedelta(hours=2))

    # when the Kapolres opens his dashboard at his desk
    phone = new_phone()
    page = phone.page
    page.set_viewport_size({"width": 1280, "height": 900})
    login_with_totp(page, kapolres)
    page.get_by_role("link", name="Dasbor", exact=True).click()
    expect(page.get_by_role("heading", name="Dasbor — Polres Bontang", level=1)).to_be_visible()
    # then the map shows all 15 villages of the city, named, with the districts
    # the layer is fetched after the page, with the figures and charts (a slow CI gets time)
    expect(page.locator("[data-dashboard-map][data-loaded='15']")).to_be_attached(timeout=15_000)
    expect(page.locator(".map-label").filter(has_text="Bontang Baru")).to_have_count(1)
    # the districts are named by the shared base layer (static/js/basemap.js)
    expect(page.locator(".place-label").filter(has_text="Bontang Utara")).to_have_count(1)
    # Bontang Baru's late report is counted on the map
    expect(page.locator(".map-count")).to_have_text(["1"])
    # and no name covers another, nor that count, at the desk nor on a phone
    assert covered_names(page) == []
    page.set_viewport_size({"width": 360, "height": 740})
    assert covered_names(page) == []
    # where names crowd, the village at the top of the list keeps its name
    expect(page.locator(".map-label").filter(has_text="Bontang Baru")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    # and Bontang Baru leads the list, with why and since when
    first = page.locator("ol.attention > li").first
    expect(first.locator(".place")).to_contain_text("Bontang Baru")
    expect(first.locator(".why")).to_contain_text("Isu: Ketegangan antarpendukung (keparahan 4)")
    expect(first.locator(".why")).to_contain_text("1 laporan lewat tenggat desa")
    page.screenshot(path="/tmp/dashboard.png", full_page=True)  # noqa: S108 -- for a human

    # when he hands the late report to the Bhabinkamtibmas from the list
    first.get_by_label("Petugas").select_option(str(bhabin.pk))
    first.get_by_role("button", name="Tugaskan laporan terlama").click()
    expect(page).to_have_url(re.compile(r"/petugas/dasbor/\?satuan=\d+$"), timeout=15_000)
    expect(page.locator(".messages")).to_contain_text(
        f"Laporan {late.tracking_code} ditugaskan kepada {bhabin.display_name}"
    )
    late.refresh_from_db()
    assert late.taken_by == bhabin

    # and plans a cooling-system dialogue there with one click
    page.locator("ol.attention > li").first.get_by_role(
        "button", name="Rencanakan cooling system"
    ).click()
    expect(page.locator(".messages")).to_contain_text(
        "Dialog cooling system direncanakan di Bontang Baru"
    )
    planned = Activity.objects.get()
    assert (planned.area_id, planned.status, planned.programs) == (
        TOP,
        Activity.Status.PLANNED,
        ["cooling_system"],
    )

    # and back on the dashboard, the list links that plan instead of offering another
    page.get_by_role("link", name="Dasbor", exact=True).click()
    top = page.locator("ol.attention > li").first
    expect(top.locator("a.planned")).to_have_attribute("href", f"/petugas/kegiatan/{planned.pk}/")
    expect(top.locator("a.planned")).to_contain_text("Cooling system direncanakan: Jumat, ")
    expect(top.get_by_role("button", name="Rencanakan cooling system")).to_have_count(0)
    top.screenshot(path="/tmp/dashboard-planned.png")  # noqa: S108 -- for a human

    # and on a phone the planner's action for the next village is on the screen, not off to
    # the side of a table that scrolls
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/petugas/perencana/")
    action = page.locator("table.planner").get_by_role("button", name="Rencanakan cooling system")
    box = action.first.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 360
    # and the weekly charts are charts there, not a strip under their legend
    page.goto("/petugas/dasbor/")
    chart = page.locator('canvas[data-chart="cases"]')
    expect(chart).to_be_visible(timeout=15_000)
    # drawn (a canvas not yet drawn is 300 x 150, a chart's or not)
    expect(page.locator("#dashboard-charts")).to_have_attribute("data-drawn", "1")
    size = chart.bounding_box()
    assert size is not None
    assert size["width"] <= 360
    assert size["height"] >= size["width"]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Dasbor").click()

    # and opens the issue from the list
    page.locator("ol.attention > li").first.get_by_role("link", name="Buka isu").click()
    expect(page).to_have_url(re.compile(rf"/petugas/isu/{issue.pk}/$"))
    expect(page.locator("[data-alert]").first).to_contain_text("Isu baru dengan keparahan 4/5")
    assert phone.errors == []


def test_the_recap_form_shows_only_the_dates_its_period_needs(
    new_phone: NewPhone,
) -> None:
    # given the Kapolres of the city
    load_test_territory()
    kapolres = kapolres_of_the_regency()
    phone = new_phone()
    page = phone.page
    page.set_viewport_size({"width": 1280, "height": 900})
    login_with_totp(page, kapolres)

    # when he opens the recap: a calendar week asks for one day of it
    page.goto(f"{phone.base_url}/petugas/dasbor/rekap/")
    form = page.locator("form.recap-period")
    expect(form.get_by_label("Tanggal dalam minggu")).to_be_visible()
    for hidden in ("Bulan", "Dari", "Sampai"):
        expect(form.get_by_label(hidden, exact=True)).to_be_hidden()

    # when he picks a calendar month, only the month is asked
    form.get_by_label("Periode").select_option("bulan")
    expect(form.get_by_label("Bulan", exact=True)).to_be_visible()
    for hidden in ("Tanggal dalam minggu", "Dari", "Sampai"):
        expect(form.get_by_label(hidden, exact=True)).to_be_hidden()
    form.get_by_label("Bulan", exact=True).fill("2026-11")
    form.get_by_role("button", name="Tampilkan").click()

    # then the month's recap shows, its form still on the month
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rekap bulanan Polres Bontang, November 2026"
    )
    expect(form.get_by_label("Periode")).to_have_value("bulan")
    expect(form.get_by_label("Tanggal dalam minggu")).to_be_hidden()

    # and a range asks for its two ends
    form.get_by_label("Periode").select_option("rentang")
    expect(form.get_by_label("Dari")).to_be_visible()
    expect(form.get_by_label("Sampai")).to_be_visible()
    expect(form.get_by_label("Bulan", exact=True)).to_be_hidden()
    assert phone.errors == []
