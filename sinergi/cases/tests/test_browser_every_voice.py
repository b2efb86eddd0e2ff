"""Every voice reaches someone and hears back, on a 360-px phone: a citizen who left only a phone
number gets the acknowledgement and the resolution by SMS (through a fake gateway on 127.0.0.1,
over real HTTP), and a report from a village whose Tiga Pilar seats are empty reaches the
district at once."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import Page, Route, expect

from conftest import (
    DISTRICT_A,
    VILLAGE_A,
    NewPhone,
    bhabin_of_village_a,
    fits_the_phone,
    kapolsek_of_district_a,
    load_test_territory,
)
from sinergi.cases import services
from sinergi.cases.models import Case, CaseEvent
from sinergi.messaging.models import Outbox
from sinergi.messaging.tests.fakeprovider import FakeProvider, start

pytestmark = pytest.mark.browser

PHONE = "0812 3456 7890"
CATEGORY = "Balap liar / knalpot brong"
RESOLUTION = "Patroli gabungan membubarkan balap liar di depan pasar."


@pytest.fixture
def gateway(settings: Any) -> Iterator[FakeProvider]:
    server, fake = start()
    settings.SMS_SECRET = "rahasia-sms-uji"
    settings.SMS_GATEWAY_URL = f"{fake.url}/sms/send"
    settings.SITE_URL = "https://sinergi.example.id"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=StringIO())


def file(page: Page, *, village: str, phone: str = "", email: str = "") -> tuple[str, str]:
    """Files a report on the public form; returns its code and the reporter's key."""
    page.goto("/lapor/")
    page.get_by_label("Jenis laporan").select_option(label=CATEGORY)
    page.locator("#area_q").fill(village)
    expect(page.locator('#village-options input[type="radio"]')).to_have_count(1)
    page.get_by_label("Apa yang terjadi?").fill("Balap liar tiap malam Minggu di depan pasar.")
    page.get_by_label("Nama", exact=True).fill("Siti Aminah")
    if phone:
        page.get_by_label(re.compile("^Nomor HP/WhatsApp")).fill(phone)
    if email:
        page.get_by_label("Surel (tidak wajib)").fill(email)
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    expect(page.get_by_role("heading", name="Laporan Anda sudah kami terima")).to_be_visible()
    return (
        page.locator("#tracking-code").inner_text().strip(),
        page.locator("#reporter-key").inner_text().strip(),
    )


def test_a_citizen_with_only_a_phone_hears_back_by_sms(
    new_phone: NewPhone, gateway: FakeProvider
) -> None:
    # given the village's Bhabinkamtibmas
    load_test_territory()
    bhabin = bhabin_of_village_a()
    citizen = new_phone()
    # when a citizen who gives only a phone number files a report
    code, key = file(citizen.page, village="bontang baru", phone=PHONE)
    run_worker()
    # then the acknowledgement reaches the phone by SMS: code, key, who handles it, by when
    sms = gateway.sent("sms")
    assert len(sms) == 1
    ack = sms[0].form()
    assert ack["to"] == "+6281234567890"
    assert code in ack["text"]
    assert key in ack["text"]
    assert "Tiga Pilar Kelurahan Bontang Baru" in ack["text"]
    assert re.search(r"paling lambat \d+ \w+ \d{4}, \d\d\.\d\d WITA", ack["text"]), ack["text"]
    assert f"https://sinergi.example.id/lacak/{code}/" in ack["text"]
    assert len(ack["text"]) <= 320  # two SMS at most

    # when the Bhabinkamtibmas resolves it
    case = Case.objects.get(tracking_code=code)
    services.case_take(case=case, by=bhabin)
    services.case_resolve(case=case, by=bhabin, note=RESOLUTION)
    run_worker()
    # then each public step reached the phone too, the resolution with the question
    texts = [r.form()["text"] for r in gateway.sent("sms")]
    assert len(texts) == 3
    assert "Laporan diambil petugas untuk ditangani" in texts[1]
    assert "Laporan selesai ditangani" in texts[2]
    assert RESOLUTION in texts[2]
    assert "Sudah selesai?" in texts[2]
    # every message went once, and the number never sits in the outbox
    assert Outbox.objects.filter(channel="sms", status="sent").count() == 3
    assert not Outbox.objects.filter(to__contains="3456").exists()

    # and the citizen, opening the link from the SMS on another phone, answers with the key
    other = new_phone()
    other.page.goto(f"/lacak/{code}/")
    other.page.get_by_text("Anda pelapor laporan ini?").click()
    other.page.get_by_label("Kunci pelapor (8 huruf/angka dari pesan konfirmasi)").fill(key)
    other.page.get_by_role("button", name="Buka tanggapan pelapor").click()
    expect(other.page.locator(".messages")).to_contain_text("Kunci pelapor cocok")
    other.page.get_by_role("button", name="Ya, sudah selesai", exact=True).click()
    expect(other.page.locator(".timeline")).to_contain_text("Pelapor menyatakan sudah selesai")
    other.page.screenshot(path="/tmp/voice-sms-answered-360.png", full_page=True)  # noqa: S108 -- for a human
    assert citizen.errors == []
    assert other.errors == []


def test_a_report_from_a_village_with_empty_seats_reaches_the_district(
    new_phone: NewPhone, gateway: FakeProvider
) -> None:
    # given only the district's Kapolsek is seated; Api-api's Tiga Pilar is empty
    load_test_territory()
    kapolsek = kapolsek_of_district_a()
    kapolsek.email = "kapolsek@polri.example"
    kapolsek.save()
    citizen = new_phone()
    # when a citizen reports from Api-api
    code, _key = file(citizen.page, village="api-api", email="siti@example.id")
    # then the success page already says who handles it, and why
    page = citizen.page
    facts = page.locator(".facts")
    expect(facts).to_contain_text("Forkopimcam Kecamatan Bontang Utara")
    expect(page.locator(".timeline")).to_contain_text(
        "Diteruskan ke Kecamatan Bontang Utara karena petugas desa belum tercatat"
    )
    page.screenshot(path="/tmp/voice-empty-seats-360.png", full_page=True)  # noqa: S108 -- for a human
    case = Case.objects.get(tracking_code=code)
    assert (case.area.name, case.owner_area_id) == ("Api-api", DISTRICT_A)
    assert list(case.events.values_list("kind", "public")) == [
        (CaseEvent.Kind.SUBMITTED, True),
        (CaseEvent.Kind.ESCALATED, True),
    ]
    # and the worker tells the district's forum and acknowledges the citizen, once each
    run_worker()
    run_worker()
    assert sorted(Outbox.objects.values_list("to", flat=True)) == [
        "kapolsek@polri.example",
        "siti@example.id",
    ]
    ack = Outbox.objects.get(to="siti@example.id")
    assert "Ditangani oleh: Forkopimcam Kecamatan Bontang Utara" in ack.body
    assert citizen.errors == []


def noise_png(path: str, side: int = 1200) -> str:
    """A photo that does not compress: about 4 MB as PNG."""
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path)
    return path


def test_a_refused_upload_keeps_every_field_and_the_form_shows_what_each_kind_needs(
    new_phone: NewPhone, settings: Any, tmp_path: Any
) -> None:
    load_test_territory()
    settings.MAX_REQUEST_BYTES = 300_000  # so that even the phone's smaller photo is refused
    page = new_phone().page
    page.goto("/lapor/")
    # the fields an event request needs show with that kind, and go with another
    event_date = page.get_by_label("Tanggal kegiatan")
    expect(event_date).to_be_hidden()
    page.get_by_label("Jenis laporan").select_option(label="Pengamanan kegiatan keagamaan")
    expect(event_date).to_be_visible()
    page.get_by_label("Jenis laporan").select_option(label=CATEGORY)
    expect(event_date).to_be_hidden()
    # the phone field is a phone field, and long text counts its room
    expect(page.locator('input[name="phone"]')).to_have_attribute("type", "tel")
    page.locator("#area_q").fill("bontang baru")
    expect(page.locator('#village-options input[type="radio"]')).to_be_checked()
    page.get_by_label("Apa yang terjadi?").fill("Balap liar tiap malam di depan pasar.")
    expect(page.locator(".counter")).to_have_text("37 / 5000")
    page.get_by_label("Nama", exact=True).fill("Siti Aminah")
    page.get_by_label(re.compile("^Nomor HP/WhatsApp")).fill(PHONE)
    # a big photo is made smaller on the phone before it goes
    page.get_by_label("Foto (tidak wajib)").set_input_files(noise_png(str(tmp_path / "a.png")))
    expect(page.get_by_text(re.compile(r"Foto dikecilkan menjadi [\d,]+ MB"))).to_be_visible()
    # when the server still refuses the upload
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    # then it says what to do, and everything typed is back
    expect(page.get_by_role("alert").first).to_contain_text("Kiriman terlalu besar")
    expect(page.get_by_label("Apa yang terjadi?")).to_have_value(
        "Balap liar tiap malam di depan pasar."
    )
    expect(page.get_by_label("Nama", exact=True)).to_have_value("Siti Aminah")
    expect(page.get_by_label(re.compile("^Nomor HP/WhatsApp"))).to_have_value(PHONE)
    expect(page.locator(f'#village-options input[value="{VILLAGE_A}"]')).to_be_checked()
    page.screenshot(path="/tmp/voice-413-360.png", full_page=True)  # noqa: S108 -- for a human
    assert not Case.objects.exists()
    # and without the photo it goes through at once
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    expect(page.get_by_role("heading", name="Laporan Anda sudah kami terima")).to_be_visible()
    case = Case.objects.get()
    assert (case.area_id, case.description) == (VILLAGE_A, "Balap liar tiap malam di depan pasar.")
    assert case.reporters.get().phone == PHONE


def test_a_form_sent_back_opens_on_its_errors(new_phone: NewPhone) -> None:
    load_test_territory()
    page = new_phone().page
    page.goto("/lapor/")
    page.get_by_label("Jenis laporan").select_option(label=CATEGORY)
    page.locator("#area_q").fill("bontang baru")
    expect(page.locator('#village-options input[type="radio"]')).to_be_checked()
    page.get_by_label("Nama", exact=True).fill("Siti Aminah")
    page.mouse.wheel(0, 2000)  # the send button is far down a phone's screen
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    # the page comes back on the list of what to fix, focused, with a link to each field
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Ada isian yang perlu diperbaiki:")
    expect(summary).to_contain_text("Apa yang terjadi?: Bidang ini tidak boleh kosong.")
    summary.get_by_role("link", name="Apa yang terjadi?").click()
    expect(page.get_by_label("Apa yang terjadi?")).to_be_focused()
    expect(page.get_by_label("Nama", exact=True)).to_have_value("Siti Aminah")
    assert not Case.objects.exists()


def test_a_report_sent_without_its_village_lists_the_village_among_the_errors(
    new_phone: NewPhone,
) -> None:
    # given a citizen on a phone who describes what happened but picks no village
    load_test_territory()
    page = new_phone().page
    page.goto("/lapor/")
    page.get_by_label("Jenis laporan").select_option(label=CATEGORY)
    page.get_by_label("Apa yang terjadi?").fill("Balap liar tiap malam di depan pasar.")
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    # then the list of what to fix names the village too, and its link leads to the search
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Desa/kelurahan: Pilih desa atau kelurahan tempat kejadian.")
    summary.get_by_role("link", name="Desa/kelurahan").click()
    expect(page.locator("#area_q")).to_be_focused()
    expect(page.get_by_label("Apa yang terjadi?")).to_have_value(
        "Balap liar tiap malam di depan pasar."
    )
    assert not Case.objects.exists()


def test_a_report_whose_connection_dropped_comes_back_filled_and_is_filed_once(
    new_phone: NewPhone, tmp_path: Any
) -> None:
    # given a citizen on a phone who fills in the form, with a photo
    load_test_territory()
    page = new_phone().page
    fill_a_report(page, "Balap liar tiap malam di depan pasar.")
    photo = tmp_path / "pasar.jpg"
    Image.new("RGB", (64, 48), "gray").save(photo)
    page.get_by_label("Foto (tidak wajib)").set_input_files(str(photo))
    # when the connection drops as the report is sent
    page.context.set_offline(True)
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    page.wait_for_url(re.compile("^chrome-error://"))
    assert not Case.objects.exists()
    # and the citizen opens the form again once the signal is back
    page.context.set_offline(False)
    page.goto("/lapor/")
    # then everything typed is back, saying why
    expect(page.get_by_role("status").filter(has_text="sebelumnya belum terkirim")).to_be_visible()
    expect(page.get_by_label("Apa yang terjadi?")).to_have_value(
        "Balap liar tiap malam di depan pasar."
    )
    expect(page.get_by_label("Nama", exact=True)).to_have_value("Siti Aminah")
    expect(page.locator(f'#village-options input[value="{VILLAGE_A}"]')).to_be_checked()
    # and the photo, which a tab cannot keep, is asked for again by its name
    expect(page.get_by_role("status").filter(has_text="Foto belum terkirim")).to_have_text(
        "Foto belum terkirim. Pilih lagi fotonya: pasar.jpg"
    )
    fits_the_phone(page, "/tmp/voice-restored-360.png")  # noqa: S108 -- for a human to look at
    # and one press files it once
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    expect(page.get_by_role("heading", name="Laporan Anda sudah kami terima")).to_be_visible()
    case = Case.objects.get()
    assert (case.area_id, case.description) == (VILLAGE_A, "Balap liar tiap malam di depan pasar.")
    # and once filed the form starts empty again
    page.goto("/lapor/")
    expect(page.get_by_label("Apa yang terjadi?")).to_have_value("")
    expect(page.get_by_role("status").filter(has_text="belum terkirim")).to_have_count(0)


def test_a_report_filed_while_its_answer_was_lost_is_not_filed_again(
    new_phone: NewPhone,
) -> None:
    # given a report the server filed, whose answer never reached the phone (the tab kept
    # what was typed, as when the connection drops on the way back)
    load_test_territory()
    page = new_phone().page
    fill_a_report(page, "Lampu jalan di gang sekolah mati.")
    page.route("**/lapor/", lose_the_answer)
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    page.wait_for_url(re.compile("^chrome-error://"))
    first = Case.objects.get()
    page.unroute("**/lapor/")
    # when the citizen opens the form again, finds it filled and sends it
    page.goto("/lapor/")
    expect(page.get_by_label("Apa yang terjadi?")).to_have_value(
        "Lampu jalan di gang sekolah mati."
    )
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    # then the report filed the first time is shown, and there is still one
    expect(page.get_by_role("heading", name="Laporan Anda sudah kami terima")).to_be_visible()
    assert Case.objects.get().pk == first.pk
    assert first.tracking_code in page.content()


def lose_the_answer(route: Route) -> None:
    """The report reaches the server and is filed; its answer never reaches the phone."""
    if route.request.method == "POST":
        answer = route.fetch(max_redirects=0)
        assert answer.status == 302
        route.abort("internetdisconnected")
    else:
        route.continue_()


def fill_a_report(page: Page, description: str) -> None:
    """The public form filled in as a citizen of village A would, not yet sent."""
    page.goto("/lapor/")
    page.get_by_label("Jenis laporan").select_option(label=CATEGORY)
    page.locator("#area_q").fill("bontang baru")
    expect(page.locator('#village-options input[type="radio"]')).to_be_checked()
    page.get_by_label("Apa yang terjadi?").fill(description)
    page.get_by_label("Nama", exact=True).fill("Siti Aminah")
