"""A case end to end on real phones: a citizen files it without an account, the village's
Bhabinkamtibmas handles it in the inbox, and the citizen follows it by the tracking code.

The phones, Chromium and the sign-in steps are shared browser fixtures in the root conftest.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Route, expect

from conftest import (
    VILLAGE_A,
    NewPhone,
    Phone,
    bhabin_of_village_a,
    fits_the_phone,
    htmx_response,
    load_test_territory,
    login_with_totp,
)
from sinergi.cases.models import Case, CaseEvent
from sinergi.cases.tests.helpers import file_case
from sinergi.messaging.models import Outbox

pytestmark = pytest.mark.browser

CATEGORY = "Balap liar / knalpot brong"
DESCRIPTION = "Tiap malam Minggu ada balap liar dan knalpot brong di Jalan Letjen S. Parman."
EMAIL = "warga.pelapor@example.com"
REPLY = "Kami patroli malam ini."
RESOLUTION = "Patroli gabungan membubarkan balap liar; 4 knalpot brong diamankan."
CODE = re.compile(r"^SNG-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$")


def file_a_case(citizen: Phone) -> str:
    """The public form, as a citizen without an account fills it in; returns the tracking code."""
    page = citizen.page
    page.goto("/lapor/")
    expect(
        page.get_by_role("heading", name="Sampaikan laporan atau aspirasi", level=1)
    ).to_be_visible()
    page.get_by_label("Jenis laporan").select_option(label=CATEGORY)

    # the village search asks htmx for radio buttons; the form is not submitted
    with page.expect_response(htmx_response("/wilayah/", pick="1")) as search:
        page.locator("#area_q").fill("bontang baru")
    assert search.value.status == 200
    expect(page).to_have_url(f"{citizen.base_url}/lapor/")
    options = page.locator("#village-options")
    expect(options.get_by_role("radio")).to_have_count(1)
    village = options.locator(f'input[type="radio"][value="{VILLAGE_A}"]')
    expect(village).to_be_visible()
    village.check()
    expect(village).to_be_checked()

    page.get_by_label("Apa yang terjadi?").fill(DESCRIPTION)
    page.get_by_label("Kirim tanpa nama (anonim)").check()
    page.get_by_label("Surel (tidak wajib)").fill(EMAIL)
    fits_the_phone(page, "/tmp/case-form-360.png")  # noqa: S108 -- for a human to look at
    page.get_by_role("button", name="Kirim laporan", exact=True).click()

    expect(page).to_have_url(re.compile(r"/lacak/SNG-[0-9A-Z]{4}-[0-9A-Z]{4}/\?baru=1$"))
    expect(page.get_by_role("heading", name="Laporan Anda sudah kami terima")).to_be_visible()
    code = page.locator("#tracking-code").inner_text().strip()
    assert CODE.match(code), code
    assert page.url == f"{citizen.base_url}/lacak/{code}/?baru=1"
    # the private key is shown beside the code, with the private link that carries it
    key = page.locator("#reporter-key").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", key), key
    expect(page.locator(f'a[href$="/lacak/{code}/?k={key}"]')).to_be_visible()
    return code


def handle_the_case(officer: Phone, code: str) -> None:
    """The Bhabinkamtibmas takes the case, replies publicly and resolves it."""
    page = officer.page
    page.goto("/petugas/laporan/")
    expect(page.get_by_role("heading", name="Kotak laporan", level=1)).to_be_visible()
    row = page.locator("#inbox-rows li").filter(has=page.get_by_role("link", name=code, exact=True))
    expect(row).to_have_count(1)
    expect(row.locator(".status")).to_have_text("Baru")
    expect(row).to_contain_text(f"{CATEGORY} · Bontang Baru")
    fits_the_phone(page, "/tmp/case-inbox-360.png")  # noqa: S108 -- for a human to look at

    row.get_by_role("link", name=code, exact=True).click()
    expect(page).to_have_url(re.compile(r"/petugas/laporan/\d+/$"))
    badge = page.locator("h1 .status")
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)
    expect(badge).to_have_text("Baru")
    take = page.get_by_role("button", name="Ambil laporan ini", exact=True)
    expect(take).to_be_visible()
    expect(page.get_by_role("button", name="Tandai selesai", exact=True)).to_be_visible()
    fits_the_phone(page, "/tmp/case-page-360.png")  # noqa: S108 -- for a human to look at

    take.click()
    expect(page.locator(".messages")).to_have_text("Laporan ini kini Anda pegang.")
    expect(badge).to_have_text("Diterima")
    expect(take).to_have_count(0)

    page.get_by_label("Balasan untuk pelapor (terlihat publik)").fill(REPLY)
    page.get_by_role("button", name="Kirim balasan", exact=True).click()
    expect(badge).to_have_text("Ditangani")
    expect(page.locator(".timeline")).to_contain_text(REPLY)

    page.get_by_label("Penyelesaian (terlihat pelapor)").fill(RESOLUTION)
    page.get_by_role("button", name="Tandai selesai", exact=True).click()
    expect(badge).to_have_text("Selesai")
    expect(page.locator(".timeline")).to_contain_text(RESOLUTION)
    expect(page.get_by_role("heading", name="Tindakan", level=2)).to_have_count(0)
    expect(page.get_by_role("heading", name="Riwayat", level=2)).to_be_visible()
    fits_the_phone(page, "/tmp/case-page-done-360.png")  # noqa: S108 -- for a human to look at


def follow_the_case(citizen: Phone, code: str) -> None:
    """The citizen types the code sloppily (lower case, spaces) and reads the outcome."""
    page = citizen.page
    page.goto("/lacak/")
    page.get_by_label("Kode lacak").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Lacak", exact=True).click()

    expect(page).to_have_url(f"{citizen.base_url}/lacak/{code}/")
    expect(page.get_by_role("heading", name=f"Laporan {code}", level=1)).to_be_visible()
    expect(page.locator(".facts .status")).to_have_text("Selesai")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text(REPLY)
    expect(timeline).to_contain_text(RESOLUTION)
    expect(page.locator("body")).not_to_contain_text(EMAIL)
    fits_the_phone(page, "/tmp/case-track-360.png")  # noqa: S108 -- for a human to look at

    # this browser filed the case and holds its key: the reporter answers the question
    expect(page.get_by_role("heading", name="Apakah masalahnya sudah selesai?")).to_be_visible()
    page.get_by_role("button", name="Ya, sudah selesai", exact=True).click()
    expect(page.locator(".messages")).to_have_text("Terima kasih atas penilaian Anda.")
    expect(timeline).to_contain_text("Pelapor menyatakan sudah selesai")
    expect(page.get_by_role("heading", name="Apakah masalahnya sudah selesai?")).to_have_count(0)


def a_stranger_cannot_answer(stranger: Phone, code: str) -> None:
    """Anyone holding the code sees the public timeline, and nothing to answer with."""
    page = stranger.page
    page.goto(f"/lacak/{code}/")
    expect(page).to_have_title(f"Laporan {code} · Sinergi")
    expect(page.locator(".timeline")).to_contain_text(RESOLUTION)
    expect(page.get_by_role("button", name="Ya, sudah selesai")).to_have_count(0)
    expect(page.get_by_text("Anda pelapor laporan ini?")).to_be_visible()


def test_citizen_files_a_case_officer_resolves_it_citizen_follows_it(
    new_phone: NewPhone,
) -> None:
    # given the territory and the Bhabinkamtibmas of village A
    load_test_territory()
    bhabin = bhabin_of_village_a()
    citizen = new_phone()

    # when a citizen without an account files a case
    code = file_a_case(citizen)

    # and the Bhabinkamtibmas, on a phone of their own, handles it
    officer = new_phone(signed_in_as=bhabin)
    handle_the_case(officer, code)

    # then a stranger with the code only reads; the citizen, back on their phone, sees the
    # outcome by the tracking code and answers with the key their browser kept
    a_stranger_cannot_answer(new_phone(), code)
    follow_the_case(citizen, code)

    # and the database holds exactly one resolved case with its public steps
    case = Case.objects.get()
    assert (case.tracking_code, case.status, case.taken_by) == (code, Case.Status.SELESAI, bhabin)
    assert list(case.events.order_by("at", "pk").values_list("kind", flat=True)) == [
        CaseEvent.Kind.SUBMITTED,
        CaseEvent.Kind.TAKEN,
        CaseEvent.Kind.REPLIED,
        CaseEvent.Kind.STATUS,
        CaseEvent.Kind.FEEDBACK,
    ]
    reporter = case.reporters.get()
    assert (reporter.anonymous, reporter.name, reporter.email) == (True, "", EMAIL)
    # the reporter hears of every public step after the filing: taken, replied, resolved
    assert list(Outbox.objects.order_by("pk").values_list("to", "subject")) == [
        (EMAIL, f"Laporan {code}: Diterima"),
        (EMAIL, f"Laporan {code}: Ditangani"),
        (EMAIL, f"Laporan {code}: Selesai"),
    ]
    bodies = list(Outbox.objects.order_by("pk").values_list("body", flat=True))
    assert REPLY in bodies[1]
    assert RESOLUTION in bodies[2]

    # and nothing went wrong in either browser (CSP violations included)
    assert citizen.errors == []
    assert officer.errors == []


def locate_then_file(phone: Phone, *, other_village: str | None) -> Case:
    """The citizen lets the phone offer the nearest villages, maybe picks another one, and
    files."""
    page = phone.page
    page.context.grant_permissions(["geolocation"])
    # standing in Bontang Baru, a little off its centre
    page.context.set_geolocation({"latitude": 0.1450, "longitude": 117.4930})
    page.goto("/lapor/")
    expect(page.locator("#what-is-public")).to_contain_text(
        "nama, kontak dan titik lokasi Anda tidak"
    )
    page.get_by_label("Jenis laporan").select_option(label=CATEGORY)
    page.get_by_role("button", name="Gunakan lokasi saya", exact=True).click()
    # the three nearest villages are offered, the nearest chosen, each with its distance
    offered = page.locator('#village-options input[type="radio"]')
    expect(offered).to_have_count(3)
    expect(page.locator("#village-options label")).to_have_text(
        [
            "Bontang Baru ± 120 m · Bontang Baru, Bontang Utara, Kota Bontang, Kalimantan Timur",
            "Gunung Elai ± 1,6 km · Gunung Elai, Bontang Utara, Kota Bontang, Kalimantan Timur",
            "Api-api ± 1,6 km · Api-api, Bontang Utara, Kota Bontang, Kalimantan Timur",
        ]
    )
    expect(page.locator(f'#village-options input[value="{VILLAGE_A}"]')).to_be_checked()
    expect(page.locator("[data-nearest-status]")).to_have_text(
        "Tiga desa/kelurahan terdekat dengan lokasi Anda; pilih yang benar."
    )
    expect(page.locator('input[name="latitude"]')).to_have_value("0.145")
    if other_village == "Api-api":
        # another of the three: the position was taken there too, it stays
        page.get_by_role("radio", name=re.compile(r"^Api-api")).check()
        expect(page.locator('input[name="latitude"]')).to_have_value("0.145")
    elif other_village:
        page.locator("#area_q").fill(other_village)
        # one village found: it is checked, and the phone's position goes
        expect(page.locator('#village-options input[type="radio"]')).to_have_count(1)
        expect(page.locator('#village-options input[type="radio"]')).to_be_checked()
        expect(page.locator('input[name="latitude"]')).to_have_value("")
        expect(page.locator("[data-nearest-status]")).to_have_text(
            "Titik lokasi perangkat dihapus karena Anda memilih desa lain."
        )
    page.get_by_label("Apa yang terjadi?").fill(DESCRIPTION)
    page.get_by_label("Kirim tanpa nama (anonim)").check()
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    expect(page.get_by_role("heading", name="Laporan Anda sudah kami terima")).to_be_visible()
    return Case.objects.get(tracking_code=page.locator("#tracking-code").inner_text().strip())


@pytest.mark.parametrize("other_village", [None, "Api-api", "Tanjung Laut Indah"])
def test_the_phone_position_goes_only_with_the_villages_it_was_taken_in(
    new_phone: NewPhone, other_village: str | None
) -> None:
    load_test_territory()
    phone = new_phone()
    case = locate_then_file(phone, other_village=other_village)
    if other_village is None:
        assert (case.area_id, case.latitude, case.longitude) == (VILLAGE_A, 0.145, 117.493)
    elif other_village == "Api-api":
        assert (case.area.name, case.latitude, case.longitude) == ("Api-api", 0.145, 117.493)
    else:
        assert (case.area.name, case.latitude, case.longitude) == (other_village, None, None)
    assert phone.errors == []


def test_a_reply_and_a_resolution_written_without_signal_reach_the_reporter_once(
    new_phone: NewPhone,
) -> None:
    # given a named citizen's case, open on the Bhabinkamtibmas's phone, kept there
    load_test_territory()
    case = file_case()
    page = new_phone(signed_in_as=bhabin_of_village_a(), service_workers=True).page
    path = f"/petugas/laporan/{case.pk}/"
    page.goto(path)
    kept = f"caches.open('sinergi-pages').then(c => c.match('{path}')).then(r => !!r)"
    for _ in range(80):  # the service worker takes the page over, then keeps it
        if page.evaluate("navigator.serviceWorker.controller !== null") and page.evaluate(kept):
            break
        page.reload()
        page.wait_for_timeout(250)
    mails = Outbox.objects.filter(to="ani@example.org")
    before = mails.count()
    # when the signal is gone as the public reply is sent
    page.context.set_offline(True)
    page.get_by_label("Balasan untuk pelapor (terlihat publik)").fill(REPLY)
    page.get_by_role("button", name="Kirim balasan", exact=True).click()
    # then it waits on the phone, saying so, and nothing has reached the server
    outbox = page.locator("#outbox")
    expect(outbox.locator("[data-outbox-count]")).to_have_text("1")
    expect(outbox.locator("li[data-state=waiting]")).to_contain_text(
        f"Balasan untuk pelapor: {case.tracking_code}"
    )
    expect(page.locator(".messages")).to_contain_text("Tersimpan di ponsel")
    assert not case.events.filter(kind=CaseEvent.Kind.REPLIED).exists()
    fits_the_phone(page, "/tmp/case-reply-waiting-360.png")  # noqa: S108 -- for a human to look at
    # when the signal returns, the reply arrives once and the reporter hears it once
    page.context.set_offline(False)
    expect(outbox.locator("li[data-state=done]")).to_contain_text("Terkirim", timeout=30_000)
    assert list(case.events.filter(kind=CaseEvent.Kind.REPLIED).values_list("message")) == [
        (REPLY,)
    ]
    assert mails.count() == before + 1
    # when the resolution reaches the server but its answer never reaches the phone
    lost = {"done": False}

    def lose_the_answer(route: Route) -> None:
        if lost["done"]:
            route.continue_()
            return
        lost["done"] = True
        route.fetch()  # the server closes the case …
        route.abort("internetdisconnected")  # … the phone hears nothing

    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.route(f"**{path}resolve/", lose_the_answer)
    page.goto(path)
    page.get_by_label("Penyelesaian (terlihat pelapor)").fill(RESOLUTION)
    page.get_by_role("button", name="Tandai selesai", exact=True).click()
    # then the phone sends it again with the same key: the server knows it, so the officer
    # reads it sent (not "already closed"), and the case is closed once, told once
    done = page.locator("#outbox li[data-state=done]")
    expect(done).to_have_count(2, timeout=30_000)
    expect(done.filter(has_text=f"Penyelesaian: {case.tracking_code}")).to_contain_text("Terkirim")
    expect(page.locator("#outbox li[data-state=failed]")).to_have_count(0)
    expect(page.locator("h1 .status")).to_have_text("Selesai")
    assert lost["done"]
    assert [p for p in posts if p.endswith("/resolve/")] == [page.url + "resolve/"] * 2
    case.refresh_from_db()
    assert case.status == Case.Status.SELESAI
    closed = case.events.filter(kind=CaseEvent.Kind.STATUS, data__status=Case.Status.SELESAI)
    assert list(closed.values_list("message", flat=True)) == [RESOLUTION]
    assert mails.count() == before + 2


def test_a_public_reply_refused_for_naming_the_reporter_keeps_its_text_to_fix(
    phone: Phone,
) -> None:
    # given a named citizen's case open on the Bhabinkamtibmas's phone
    load_test_territory()
    case = file_case()
    page = phone.page
    login_with_totp(page, bhabin_of_village_a())
    page.goto(f"/petugas/laporan/{case.pk}/")
    typed = "Bu Ani, kami patroli malam ini."
    reply = page.get_by_label("Balasan untuk pelapor (terlihat publik)")
    # when he sends a public reply that names her
    reply.fill(typed)
    page.get_by_role("button", name="Kirim balasan", exact=True).click()
    # then the refusal stands on the form, whose text stays, and nothing was written
    form = page.locator("form", has=reply)
    expect(form.get_by_role("alert")).to_contain_text("menyebut nama atau nomor telepon pelapor")
    expect(reply).to_have_value(typed)
    assert not case.events.filter(kind=CaseEvent.Kind.REPLIED).exists()
    fits_the_phone(page, "/tmp/case-reply-refused-360.png")  # noqa: S108 -- for a human to look at
    # and once he has left the page, "Perbaiki" in the phone's outbox brings the text back
    page.goto("/petugas/")
    refused = page.locator("#outbox li[data-state=failed]")
    expect(refused).to_contain_text("Ditolak: perlu diperbaiki")
    fix = refused.get_by_role("button", name="Perbaiki")
    fix.click()
    expect(page).to_have_url(re.compile(rf"/petugas/laporan/{case.pk}/$"))
    expect(reply).to_have_value(typed)
    expect(page.get_by_role("status").filter(has_text="Dikembalikan dari ponsel")).to_be_visible()
    expect(form.get_by_role("alert")).to_contain_text("menyebut nama atau nomor telepon pelapor")
    # and fixed, it goes once
    reply.fill("Kami patroli malam ini.")
    page.get_by_role("button", name="Kirim balasan", exact=True).click()
    expect(page.locator(".timeline")).to_contain_text("Kami patroli malam ini.")
    assert case.events.filter(kind=CaseEvent.Kind.REPLIED).count() == 1
    expect(page.locator("#outbox li[data-state=failed]")).to_have_count(0)


def test_back_from_the_received_page_does_not_offer_the_same_report_again(phone: Phone) -> None:
    # given a citizen who filed a report on her phone
    load_test_territory()
    code = file_a_case(phone)
    page = phone.page
    # when she presses Back
    page.go_back()
    # then the form is empty and says her report went, with its code to follow it
    expect(page).to_have_url(f"{phone.base_url}/lapor/")
    said = page.get_by_role("status").filter(has_text="sudah kami terima")
    expect(said).to_contain_text(f"formulir ini untuk laporan lain. Kode lacaknya: {code}")
    expect(said.get_by_role("link", name=code)).to_have_attribute("href", f"/lacak/{code}/")
    expect(page.get_by_label("Apa yang terjadi?")).to_have_value("")
    fits_the_phone(page, "/tmp/case-back-after-filing-360.png")  # noqa: S108 -- for a human
    # and pressing "Kirim laporan" again files nothing
    page.get_by_role("button", name="Kirim laporan", exact=True).click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert Case.objects.count() == 1


def test_an_escalation_goes_through_the_phone_s_outbox_and_is_said_done(phone: Phone) -> None:
    # given a case open on the Bhabinkamtibmas's phone
    load_test_territory()
    case = file_case()
    page = phone.page
    login_with_totp(page, bhabin_of_village_a())
    page.goto(f"/petugas/laporan/{case.pk}/")
    # when he escalates it from "Rujuk, naikkan tingkat, atau tolak"
    page.get_by_text("Rujuk, naikkan tingkat, atau tolak").click()
    page.get_by_label("Mengapa tidak dapat diselesaikan di tingkat ini? (terlihat pelapor)").fill(
        "Perlu penanganan Polsek."
    )
    page.get_by_role("button", name="Naikkan satu tingkat").click()
    # then it is done once, and said so
    expect(page.locator("main .messages")).to_contain_text("Laporan dinaikkan satu tingkat.")
    raised = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    # through the outbox, with the key that keeps a resend from raising it twice
    assert len(raised.data["client_key"]) >= 16
