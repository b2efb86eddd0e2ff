"""Each role lands on its work ("Tugas saya"), with a menu of only what it can open, in one row
of a 360-px phone with fingers-sized targets; and no page shows a doubled rank, Django's
"- Select an option -" or a raw field key."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import (
    PASSWORD,
    PHONE_WIDTH,
    VILLAGE_A,
    NewPhone,
    bhabin_of_village_a,
    humas_editor_of_the_regency,
    kapolres_of_the_regency,
    kapolsek_of_district_a,
    load_test_territory,
    make_official,
)
from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.engagement import services as engagement
from sinergi.engagement.catalogue import ActivityType
from sinergi.engagement.models import Activity
from sinergi.engagement.tests.helpers import jumat_curhat, polsek_a, promise
from sinergi.patrols import events
from sinergi.patrols.services import checkin_record, hotspot_add
from sinergi.patrols.tests.helpers import ask_security, heard_at_a_jumat_curhat, plan_tonight
from sinergi.units.models import Post

SPOT = "Simpang Cendana"
PLANNED = "Sambang ke Masjid Al-Ikhlas"


def field_world() -> dict[str, Any]:
    """A Bhabinkamtibmas whose name was typed with the rank, and the work waiting in district A."""
    bhabin = bhabin_of_village_a()
    bhabin.rank, bhabin.name = "Aipda", "Aipda Agus Prasetyo"
    bhabin.save()
    kapolsek = kapolsek_of_district_a()
    village = Area.objects.get(code=VILLAGE_A)
    spot = hotspot_add(area=village, name=SPOT, by=kapolsek)
    plan = plan_tonight(kapolsek, [bhabin], [spot])
    checkin_record(plan=plan, hotspot=spot, officer=bhabin, latitude=None, longitude=None)
    engagement.activity_plan(
        by=bhabin,
        unit=polsek_a(),
        kind=ActivityType.SILATURAHMI,
        title=PLANNED,
        area=village,
        planned_at=timezone.now() - timedelta(hours=1),
    )
    reported = jumat_curhat(bhabin)
    security = events.event_request_open(case=ask_security(300))
    return {
        "bhabin": bhabin,
        "kapolsek": kapolsek,
        "reported": reported,
        "security": security,
    }


def menu_fits_one_row(page: Page) -> list[str]:
    """The row's items: one line, inside the phone's width, each at least 44 px each way."""
    boxes = page.evaluate(
        "[...document.querySelectorAll('.menu-row > li > a, .menu-row > li > details > summary')]"
        ".map(e => { const r = e.getBoundingClientRect();"
        " return [e.textContent.trim(), r.top, r.right, r.width, r.height]; })"
    )
    assert len({round(top) for _t, top, _r, _w, _h in boxes}) == 1, boxes
    assert all(right <= PHONE_WIDTH for _t, _top, right, _w, _h in boxes), boxes
    assert all(w >= 44 and h >= 44 for _t, _top, _r, w, h in boxes), boxes
    # the rest opens under "Lainnya", each a finger-sized target
    page.locator(".menu-more summary").click()
    heights = page.evaluate(
        "[...document.querySelectorAll('.menu-more ul a, .menu-more ul button')]"
        ".map(e => e.getBoundingClientRect().height)"
    )
    assert heights, heights
    assert min(heights) >= 44, heights
    page.locator(".menu-more summary").click()
    return [text for text, *_rest in boxes]


def clean(page: Page) -> None:
    text = page.locator("body").inner_text()
    assert "Aipda Aipda" not in text
    assert "Select an option" not in text


@pytest.mark.browser
def test_each_role_lands_on_its_work(new_phone: NewPhone) -> None:
    load_test_territory()
    world = field_world()
    editor = humas_editor_of_the_regency()

    # the Bhabinkamtibmas: today's route, what to report, the villages' open cases
    officer = new_phone(signed_in_as=world["bhabin"])
    page = officer.page
    expect(page.locator("main")).to_contain_text("Aipda Agus Prasetyo ·")
    expect(page.locator("#today-route")).to_contain_text(SPOT)
    expect(page.locator("#to-report")).to_contain_text(PLANNED)
    expect(page.locator("#open-cases")).to_contain_text("Gangguan kamtibmas di lingkungan")
    expect(page.locator("#decisions")).to_have_count(0)
    assert menu_fits_one_row(page) == [
        "Sinergi",
        "Tugas",
        "Laporan",
        "Kegiatan",
        "Patroli",
        "☰Lainnya",
    ]
    expect(page.locator('.menu-row a[aria-current="page"]')).to_have_text("Tugas")
    clean(page)
    page.screenshot(path="/tmp/landing-bhabin-360.png", full_page=True)  # noqa: S108 -- for a human

    # the Kapolsek: what waits for a decision or verification
    leader = new_phone(signed_in_as=world["kapolsek"])
    decisions = leader.page.locator("#decisions")
    expect(decisions).to_contain_text(world["reported"].title)
    expect(decisions).to_contain_text(SPOT)
    expect(decisions).to_contain_text("Milad ke-10 Majelis Taklim")
    assert menu_fits_one_row(leader.page)[1:3] == ["Tugas", "Dasbor"]
    clean(leader.page)
    leader.page.screenshot(path="/tmp/landing-kapolsek-360.png", full_page=True)  # noqa: S108 -- a screenshot to look at

    # the Humas editor: the releases waiting for the editor, and no field officer's menu
    desk = new_phone(signed_in_as=editor)
    expect(desk.page.locator("#releases h2")).to_have_text("Rilis menunggu editor")
    expect(desk.page.locator("#today-route")).to_have_count(0)
    row = menu_fits_one_row(desk.page)
    assert "Rilis" in row
    assert "Patroli" not in row

    # in English, whose labels are longer, the rows still fit the phone
    english = [
        (leader, ["Tasks", "Dashboard", "Report", "Activities", "☰Other"]),
        (desk, ["Tasks", "Releases", "Reader", "Activities", "☰Other"]),
    ]
    for phone, labels in english:
        phone.page.get_by_role("button", name="English").click()
        expect(phone.page.locator("html")).to_have_attribute("lang", "en")
        phone.page.wait_for_load_state("load")  # the style sheet too
        assert menu_fits_one_row(phone.page)[1:] == labels
    for phone in (officer, leader, desk):
        assert phone.errors == []


def test_a_signed_in_citizen_s_menu_fits_the_phone_and_its_logo_leads_home(
    new_phone: NewPhone,
) -> None:
    load_test_territory()
    User.objects.create_user(username="warga", password=PASSWORD, name="Warga Uji")
    page = new_phone().page
    page.goto("/masuk/?next=/laporan-saya/")
    page.get_by_label("Nama pengguna").fill("warga")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Laporan saya", level=1)).to_be_visible()
    # "Laporan saya" goes onto two lines rather than past the phone's edge (it was 366 px)
    assert menu_fits_one_row(page) == [
        "Sinergi",
        "Lapor",
        "Laporan saya",
        "Lacak",
        "Wilayah",
        "☰Lainnya",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    page.locator(".menu-brand a").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Halaman tidak ditemukan")


PAGES = (
    "/petugas/",
    "/petugas/kegiatan/",
    "/petugas/kegiatan/lapor/",
    "/petugas/kegiatan/rencana/",
    "/petugas/patroli/",
    "/petugas/patroli/titik/",
    "/petugas/patroli/tinjau/",
    "/petugas/patroli/rencana/",
    "/petugas/patroli/rencana/baru/",
    "/petugas/pengamanan/",
    "/petugas/mitra/",
    "/petugas/mitra/baru/",
    "/petugas/laporan/",
    "/lapor/",
)


@pytest.mark.django_db
def test_no_page_shows_a_doubled_rank_a_select_an_option_or_a_raw_key(
    sign_in: Callable[[User], Client],
) -> None:
    world = field_world()
    activity = Activity.objects.filter(status=Activity.Status.REPORTED).get()
    security = world["security"]
    for user in (world["bhabin"], world["kapolsek"]):
        client = sign_in(user)
        pages = [
            *PAGES,
            f"/petugas/kegiatan/{activity.pk}/",
            f"/petugas/pengamanan/{security.pk}/",
            f"/petugas/laporan/{security.case_id}/",
        ]
        for address in pages:
            response = client.get(address)
            # a leader's page is not the Bhabinkamtibmas's to open
            leaders_only = address in {"/petugas/patroli/rencana/baru/"}
            expected = 404 if leaders_only and user == world["bhabin"] else 200
            assert response.status_code == expected, address
            body = response.content.decode()
            assert "Aipda Aipda" not in body, address
            assert "Select an option" not in body, address
            for key in ("event_name", "crowd_size", "time_window", "organiser"):
                assert f">{key}<" not in body, (address, key)


@pytest.mark.django_db
def test_a_late_promise_leads_to_its_own_page_and_names_who_made_and_who_holds_it(
    sign_in: Callable[[User], Client],
) -> None:
    # given the Bhabinkamtibmas's promise, made in the Kapolres's name, late by a day
    load_test_territory()
    bhabin, kapolsek = bhabin_of_village_a(), kapolsek_of_district_a()
    late = promise(bhabin, "Patroli malam di pasar", due=timezone.localdate() - timedelta(days=1))
    late.owner_label = "Kapolres Bontang"
    late.save()
    # then the Kapolsek's "Janji lewat tenggat" links the promise, not its activity, and says
    # who promised and who holds it
    page = sign_in(kapolsek).get("/petugas/").text
    row = page.split("Janji lewat tenggat")[1].split("</li>")[0]
    assert f'href="/petugas/komitmen/{late.pk}/"' in row
    assert f"Kapolres Bontang · dipegang {bhabin.display_name}" in row
    # not on the Lurah's, who can do nothing about a Polsek's promise
    lurah = make_official("lurah_a", f"desa:{VILLAGE_A}", Post.Title.KEPALA_DESA)
    assert "Patroli malam di pasar" not in sign_in(lurah).get("/petugas/").text
    # and the holder's own list does too, in red once late
    mine = sign_in(bhabin).get("/petugas/").text.split('id="my-promises"')[1].split("</li>")[0]
    assert f'href="/petugas/komitmen/{late.pk}/"' in mine
    assert 'class="error"' in mine
    # and the promise's page names both
    promise_page = sign_in(bhabin).get(f"/petugas/komitmen/{late.pk}/").text
    assert "Kapolres Bontang" in promise_page
    assert f"<dt>Dipegang oleh</dt><dd>{bhabin.display_name}</dd>" in promise_page


@pytest.mark.django_db
def test_a_district_scale_event_waits_on_the_kapolsek_not_on_the_kapolres(
    sign_in: Callable[[User], Client],
) -> None:
    # given a request for security at a Milad of 300 people: the Polsek's to decide
    load_test_territory()
    kapolsek, kapolres = kapolsek_of_district_a(), kapolres_of_the_regency()
    security = events.event_request_open(case=ask_security(300))
    # then it waits on the Kapolsek's "Tugas saya", not on the Kapolres's
    assert "Milad ke-10 Majelis Taklim" in sign_in(kapolsek).get("/petugas/").text
    assert "Milad ke-10 Majelis Taklim" not in sign_in(kapolres).get("/petugas/").text
    # and one heard at a Jumat Curhat, its date not yet known, says so rather than a dash
    heard = heard_at_a_jumat_curhat(bhabin_of_village_a())
    assert (heard.event_date, heard.level, heard.status) == (None, security.level, security.status)
    row = sign_in(kapolsek).get("/petugas/").text.split(f"/petugas/pengamanan/{heard.pk}/")[1]
    assert "tanggal belum diisi · Bontang Baru" in row.split("</li>")[0]
    # though the Kapolres, above, may still open and decide it from its page
    page = sign_in(kapolres).get(f"/petugas/pengamanan/{security.pk}/")
    assert page.status_code == 200
    assert "Milad ke-10 Majelis Taklim" in page.text
