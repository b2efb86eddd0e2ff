"""The Bhabinkamtibmas on a weak signal, on a real phone (Chromium, 360 px): partners ticked and
added on the spot, a report sent with the network cut and restored (exactly one record arrives,
with its photos), photos kept through a form error, a draft that survives closing the browser."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import (
    DISTRICT_A,
    VILLAGE_A,
    NewPhone,
    Phone,
    bhabin_of_village_a,
    fits_the_phone,
    kapolsek_of_district_a,
    load_test_territory,
    login_with_totp,
)
from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.engagement import services
from sinergi.engagement.catalogue import ActivityType, PartnerKind
from sinergi.engagement.models import Activity, ActivityPhoto, Partner
from sinergi.engagement.tests.helpers import ASKED, fill_the_report
from sinergi.units.models import Unit

pytestmark = pytest.mark.browser


def bhabin() -> User:
    load_test_territory()
    return bhabin_of_village_a()


def eventually(page: Page, script: str, seconds: float = 20) -> None:
    """Waits until the page's script is true (page.wait_for_function evaluates a string, which
    our Content-Security-Policy forbids)."""
    for _ in range(int(seconds * 4)):
        if page.evaluate(script):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"never true: {script}")


def ready_for_offline(page: Page) -> None:
    """The landing page registered the service worker and it keeps the officer's pages."""
    eventually(page, "navigator.serviceWorker.controller !== null")
    eventually(
        page,
        "caches.open('sinergi-pages').then(c => c.match('/petugas/kegiatan/lapor/'))"
        ".then(r => !!r)",
    )


def test_every_partner_kind_is_ticked_and_one_is_added_on_the_spot(phone: Phone) -> None:
    # given a registered partner of every kind in the Bhabinkamtibmas's village
    officer = bhabin()
    village = Area.objects.get(code=VILLAGE_A)
    partners = [
        Partner.objects.create(kind=kind, name=f"Mitra {kind}", area=village)
        for kind in PartnerKind.values
    ]
    page = phone.page
    login_with_totp(page, officer)
    page.goto("/petugas/kegiatan/lapor/")
    fill_the_report(page, with_photos=False)
    # when every partner is ticked and a partner met for the first time is added
    for partner in partners:
        page.locator(f'input[name="partners"][value="{partner.pk}"]').check()
    page.get_by_role("button", name="+ Tambah mitra baru").click()
    new = page.locator('[data-rows="mitra"] [data-row]').nth(0)
    new.get_by_label("Nama mitra baru").fill("Pak Darto")
    new.get_by_label("Jenis mitra").select_option("perangkat_desa")
    fits_the_phone(page, "/tmp/report-partners-360.png")  # noqa: S108 -- for a human to look at
    page.get_by_role("button", name="Kirim laporan kegiatan").click()
    # then the report is saved with all of them
    expect(page).to_have_url(re.compile(r"/petugas/kegiatan/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("1 aspirasi menjadi laporan warga")
    activity = Activity.objects.get()
    darto = Partner.objects.get(name="Pak Darto")
    assert sorted(activity.partners.values_list("pk", flat=True)) == sorted(
        [p.pk for p in partners] + [darto.pk]
    )
    assert (darto.area_id, darto.kind) == (VILLAGE_A, "perangkat_desa")
    assert phone.errors == []


# Moves the waiting report's time to yesterday 14.05 in the phone's store; returns "d/m" of it
KEPT_YESTERDAY_AT_1405 = """() => new Promise((done, fail) => {
  const open = indexedDB.open("sinergi");
  open.onerror = fail;
  open.onsuccess = () => {
    const store = open.result.transaction("outbox", "readwrite").objectStore("outbox");
    const day = new Date();
    day.setDate(day.getDate() - 1);
    day.setHours(14, 5, 0, 0);
    store.getAll().onsuccess = (e) => {
      const [item] = e.target.result;
      item.created = day.getTime();
      store.put(item).onsuccess = () =>
        window.SinergiOutbox.render().then(() => done(`${day.getDate()}/${day.getMonth() + 1}`));
    };
  };
})"""


def test_a_report_sent_without_signal_arrives_once_with_its_photos(
    new_phone: NewPhone,
) -> None:
    # given the Bhabinkamtibmas signed in: the app keeps the officer's pages on the phone
    officer = bhabin()
    phone = new_phone(signed_in_as=officer, service_workers=True)
    page = phone.page
    ready_for_offline(page)
    page.goto("/petugas/kegiatan/lapor/")
    fill_the_report(page)
    # when the signal is gone as the report is sent
    page.context.set_offline(True)
    page.get_by_role("button", name="Kirim laporan kegiatan").click()
    # then it waits on the phone, says so, and nothing has reached the server
    outbox = page.locator("#outbox")
    expect(outbox).to_be_visible()
    expect(outbox.locator("[data-outbox-count]")).to_have_text("1")
    expect(outbox.locator("li[data-state=waiting]")).to_contain_text("Menunggu sinyal")
    expect(page.locator(".messages")).to_contain_text("Tersimpan di ponsel")
    assert Activity.objects.count() == 0
    fits_the_phone(page, "/tmp/report-waiting-360.png")  # noqa: S108 -- for a human to look at
    # and a report still waiting the next day says which day it was kept
    kept = page.evaluate(KEPT_YESTERDAY_AT_1405)
    expect(outbox.locator("li[data-state=waiting]")).to_contain_text(f"{kept} 14.05")
    # when the signal returns
    page.context.set_offline(False)
    # then exactly one report arrives, with both photos and its aspiration, and the officer
    # sees it confirmed
    expect(outbox.locator("li[data-state=done]")).to_contain_text("Terkirim", timeout=30_000)
    expect(outbox.locator("[data-outbox-count]")).to_have_text("0")
    expect(outbox.locator("li[data-state=done]")).to_contain_text(
        "1 aspirasi menjadi laporan warga"
    )
    # and the page no longer says it is kept on the phone
    expect(page.locator("main .messages li", has_text="Tersimpan di ponsel")).to_have_count(0)
    activity = Activity.objects.get()
    assert ActivityPhoto.objects.filter(activity=activity).count() == 2
    assert list(Case.objects.values_list("description", "place")) == [
        (ASKED, "Gang Mawar dekat SD 005")
    ]
    # and a second round of sending (another tab, a timer) sends nothing again
    page.evaluate("window.SinergiOutbox.flush()")
    page.reload()
    assert Activity.objects.count() == 1
    assert ActivityPhoto.objects.count() == 2
    assert [e for e in phone.errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


def test_a_report_without_its_village_is_not_kept_to_fail_later(new_phone: NewPhone) -> None:
    # given the Kapolsek, whose district's villages are offered with none chosen, on the phone
    load_test_territory()
    phone = new_phone(signed_in_as=kapolsek_of_district_a(), service_workers=True)
    page = phone.page
    ready_for_offline(page)
    page.goto("/petugas/kegiatan/lapor/")
    page.get_by_label("Tempat", exact=True).fill("Balai Kelurahan Bontang Baru")
    # when the report is sent without a signal and without its village
    page.context.set_offline(True)
    send = page.get_by_role("button", name="Kirim laporan kegiatan")
    send.click()
    # then the phone says what is missing at once, keeps nothing to fail later, and the form
    # keeps what was typed
    expect(page.locator("[data-send-status]")).to_have_text(
        "Tanpa sinyal, laporan belum disimpan karena belum lengkap. Lengkapi dulu: "
        "Desa/kelurahan tempat kegiatan."
    )
    assert page.evaluate("window.SinergiOutbox.render().then(() => 0)") == 0
    expect(page.locator("fieldset.has-error .error")).to_have_text(
        "Tanpa sinyal, laporan belum disimpan karena belum lengkap. Lengkapi dulu: "
        "Desa/kelurahan tempat kegiatan."
    )
    expect(page.locator("#outbox [data-outbox-count]")).to_have_text("0")
    expect(page.get_by_label("Tempat", exact=True)).to_have_value("Balai Kelurahan Bontang Baru")
    expect(send).to_be_enabled()
    fits_the_phone(page, "/tmp/report-incomplete-360.png")  # noqa: S108 -- for a human to look at
    # when the village is chosen and it is sent again, still without a signal
    page.locator(f'#village-options input[value="{VILLAGE_A}"]').check()
    send.click()
    expect(page.locator(".messages")).to_contain_text("Tersimpan di ponsel")
    expect(page.locator("#outbox [data-outbox-count]")).to_have_text("1")
    # then it arrives once, in that village, when the signal returns
    page.context.set_offline(False)
    expect(page.locator("#outbox li[data-state=done]")).to_contain_text("Terkirim", timeout=30_000)
    activity = Activity.objects.get()
    assert (activity.area_id, activity.venue) == (VILLAGE_A, "Balai Kelurahan Bontang Baru")
    assert [e for e in phone.errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


def test_a_report_whose_answer_is_lost_is_sent_again_and_kept_once(phone: Phone) -> None:
    # given the report reaches the server but the answer never reaches the phone
    officer = bhabin()
    page = phone.page
    login_with_totp(page, officer)
    page.goto("/petugas/kegiatan/lapor/")
    fill_the_report(page)
    cut = {"done": False}

    def lose_the_answer(route: object) -> None:
        if cut["done"]:
            route.continue_()  # type: ignore[attr-defined]
            return
        cut["done"] = True
        route.fetch()  # type: ignore[attr-defined]  # the server writes the report …
        route.abort("internetdisconnected")  # type: ignore[attr-defined]  # … the phone hears nothing

    posts: list[str] = []
    page.on(
        "request",
        lambda r: posts.append(r.url) if r.method == "POST" and "/lapor/" in r.url else None,
    )
    page.route("**/petugas/kegiatan/lapor/", lose_the_answer)
    page.get_by_role("button", name="Kirim laporan kegiatan").click()
    # then the phone keeps it and, the signal being there, sends it again with the same key:
    # the server recognises it (one report, two photos, one case) and the officer sees it sent
    expect(page.locator("#outbox li[data-state=done]")).to_have_count(1, timeout=30_000)
    assert len(posts) == 2
    assert Activity.objects.count() == 1
    assert ActivityPhoto.objects.count() == 2
    assert Case.objects.count() == 1


def test_a_form_error_keeps_the_photos_and_a_draft_survives_closing_the_browser(
    phone: Phone,
) -> None:
    officer = bhabin()
    page = phone.page
    login_with_totp(page, officer)
    page.goto("/petugas/kegiatan/lapor/")
    fill_the_report(page)
    # a promise without its due date: the server refuses the report
    promise = page.locator('[data-rows="com"] [data-row]').nth(0)
    promise.get_by_label("Janji yang disampaikan").fill("Patroli malam setiap hari")
    page.get_by_role("button", name="Kirim laporan kegiatan").click()
    expect(page.locator('[data-rows="com"] .error')).to_contain_text(
        "Bidang ini tidak boleh kosong"
    )
    # the photos are still chosen, and what was typed is still there
    assert page.evaluate("document.querySelector('input[name=photos]').files.length") == 2
    expect(page.get_by_label("Tempat", exact=True)).to_have_value("Balai Kelurahan Bontang Baru")
    assert Activity.objects.count() == 0
    # when the browser is closed and opened again (the draft is on the phone)
    promise.get_by_label("Tenggat").fill("2099-12-31")
    page.wait_for_timeout(600)  # the draft is saved 300 ms after the last change
    context = page.context
    page.close()
    again = context.new_page()
    again.goto("/petugas/kegiatan/lapor/")
    expect(again.locator(".draft-note")).to_contain_text("Draf dipulihkan")
    assert again.evaluate("document.querySelector('input[name=photos]').files.length") == 2
    expect(again.get_by_label("Jumlah peserta")).to_have_value("35")
    expect(
        again.locator('[data-rows="com"] [data-row]').nth(0).get_by_label("Tenggat")
    ).to_have_value("2099-12-31")
    again.get_by_role("button", name="Kirim laporan kegiatan").click()
    expect(again).to_have_url(re.compile(r"/petugas/kegiatan/\d+/$"))
    expect(again.locator(".messages")).to_contain_text("Laporan kegiatan tersimpan")
    assert ActivityPhoto.objects.count() == 2
    # the draft is gone once the report is in
    again.goto("/petugas/kegiatan/lapor/")
    expect(again.locator(".draft-note")).to_have_count(0)


def test_an_aspiration_s_point_is_picked_on_the_map_without_tiles(phone: Phone) -> None:
    officer = bhabin()
    page = phone.page
    login_with_totp(page, officer)
    page.goto("/petugas/kegiatan/lapor/")
    fill_the_report(page, with_photos=False)
    row = page.locator('[data-rows="asp"] [data-row]').nth(0)
    row.get_by_text("Pilih titiknya di peta").click()
    picker = row.locator("[data-pick-map]")
    # no tile server: the base layer is the named centroids around the village
    expect(picker).to_have_attribute("data-base-loaded", re.compile(r"^[1-9]"))
    expect(picker.locator(".place-label").first).to_be_visible()
    picker.click(position={"x": 100, "y": 80})
    expect(row.locator("[data-locate-status]")).to_contain_text("Lokasi tersimpan")
    row.screenshot(path="/tmp/aspiration-map-360.png")  # noqa: S108 -- for a human to look at
    page.get_by_role("button", name="Kirim laporan kegiatan").click()
    expect(page.locator(".messages")).to_contain_text("1 aspirasi menjadi laporan warga")
    case = Case.objects.get()
    village = Area.objects.get(code=VILLAGE_A)
    assert case.latitude is not None
    assert case.longitude is not None
    # picked near the village it was opened on (zoom 15: a few hundred metres across)
    assert abs(case.latitude - (village.latitude or 0)) < 0.01
    assert abs(case.longitude - (village.longitude or 0)) < 0.01
    assert phone.errors == []


def test_a_planned_activity_reported_without_signal_is_not_offered_again(
    new_phone: NewPhone,
) -> None:
    # given a Dialog Kamtibmas planned for today in the Bhabinkamtibmas's village, its report
    # page kept on the phone
    officer = bhabin()
    planned = services.activity_plan(
        by=officer,
        unit=Unit.objects.get(key=f"polsek:{DISTRICT_A}"),
        kind=ActivityType.DIALOG_KAMTIBMAS,
        title="Dialog Kamtibmas RT 07",
        area=Area.objects.get(code=VILLAGE_A),
        planned_at=timezone.now() - timedelta(hours=1),
        venue="Balai RT 07",
    )
    address = f"/petugas/kegiatan/{planned.pk}/lapor/"
    phone = new_phone(signed_in_as=officer, service_workers=True)
    page = phone.page
    eventually(page, f"caches.open('sinergi-pages').then(c => c.match('{address}')).then(r => !!r)")
    page.goto(address)
    page.get_by_label("Jumlah peserta").fill("20")
    # when it is sent without a signal
    page.context.set_offline(True)
    page.get_by_role("button", name="Kirim laporan kegiatan").click()
    # then the page, kept from before, does not offer the blank report again but says where it is
    note = page.locator("[data-once-note]")
    expect(note).to_have_text(
        "Laporan kegiatan ini tersimpan di ponsel dan dikirim otomatis saat ada sinyal."
    )
    expect(page.get_by_role("button", name="Kirim laporan kegiatan")).to_be_hidden()
    fits_the_phone(page, "/tmp/report-planned-waiting-360.png")  # noqa: S108 -- for a human to look at
    # and once the signal returns it says it was sent, and the activity is reported once
    page.context.set_offline(False)
    expect(note).to_have_text("Laporan kegiatan ini sudah terkirim.", timeout=30_000)
    expect(page.get_by_role("button", name="Kirim laporan kegiatan")).to_be_hidden()
    planned.refresh_from_db()
    assert (planned.status, planned.attendance) == (Activity.Status.REPORTED, 20)
    assert Activity.objects.count() == 1
