"""A real phone browser: sign in with password and TOTP, then find a village and read its page.

Chromium comes from the system (/usr/bin/chromium); Playwright never downloads a browser here.
The live server needs a transactional database, which starts empty: each test loads the test
territory and creates its own official.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import ConsoleMessage, Error, Page, expect, sync_playwright

from conftest import DISTRICT_A, PASSWORD, VILLAGE_A, load_test_territory, make_official
from sinergi.accounts.models import AuditEvent, User
from sinergi.units.models import Post

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A cheap Android phone: 360 CSS pixels wide, the design target of sinergi.css.
PHONE_WIDTH = 360
PHONE_HEIGHT = 740
BAD_REQUEST = "Failed to load resource: the server responded with a status of 400 (Bad Request)"


@dataclass
class Phone:
    page: Page
    base_url: str
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        # A Content-Security-Policy violation is reported as a console error.
        if message.type != "error":
            return
        source = message.location["url"].removeprefix(self.base_url)
        self.errors.append(f"{message.text} [{source}]")

    def on_page_error(self, error: Error) -> None:
        self.errors.append(f"pageerror: {error.message}")


@pytest.fixture
def allow_orm_in_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    # Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
    # there unless told otherwise. monkeypatch restores the variable after the test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def phone(live_server: Any, allow_orm_in_event_loop: None) -> Iterator[Phone]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="id-ID",
        )
        page = context.new_page()
        result = Phone(page=page, base_url=live_server.url)
        page.on("console", result.on_console)
        page.on("pageerror", result.on_page_error)
        try:
            yield result
        finally:
            context.close()
            browser.close()


def kapolsek_of_district_a() -> User:
    load_test_territory()
    return make_official("kapolsek_a", f"polsek:{DISTRICT_A}", Post.Title.KAPOLSEK)


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enter_password(page: Page, base_url: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("kapolsek_a")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).to_have_url(f"{base_url}/masuk/kode/?next=/")
    expect(page.get_by_role("heading", name="Kode verifikasi", level=1)).to_be_visible()


def enter_code(page: Page, code: str) -> None:
    page.get_by_label("Kode dari aplikasi autentikator").fill(code)
    page.get_by_role("button", name="Verifikasi", exact=True).click()


def test_official_signs_in_on_a_phone_and_finds_a_village(phone: Phone) -> None:
    # given
    kapolsek = kapolsek_of_district_a()
    page = phone.page

    # when the password and then the current TOTP code are typed
    enter_password(page, phone.base_url)
    enter_code(page, current_code(kapolsek))

    # then the official is signed in with the second factor
    expect(page).to_have_url(f"{phone.base_url}/")
    expect(page.get_by_role("button", name="Keluar", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Akun saya", exact=True)).to_be_visible()
    signed_in = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_SUCCEEDED)
    assert (signed_in.actor, signed_in.subject, signed_in.data) == (
        kapolsek,
        kapolsek,
        {"otp": True},
    )

    # when a village is searched by name: htmx fetches the results, the form is not submitted
    page.goto("/wilayah/")
    with page.expect_response(
        lambda r: (
            urlsplit(r.url).path == "/wilayah/"
            and parse_qs(urlsplit(r.url).query).get("q") == ["bontang baru"]
            and r.request.headers.get("hx-request") == "true"
        )
    ) as autocomplete:
        page.locator("#q").fill("bontang baru")
    results = page.locator("#results")

    # then the result for Bontang Baru appears on the same page
    assert autocomplete.value.status == 200
    expect(page).to_have_url(f"{phone.base_url}/wilayah/")
    expect(results.get_by_text("1 wilayah ditemukan", exact=True)).to_be_visible()
    expect(results.get_by_text(f"Kelurahan · {VILLAGE_A}", exact=True)).to_be_visible()

    # when the result is chosen
    results.get_by_role("link", name="Bontang Baru", exact=True).click()

    # then the village page shows where it is, its Tiga Pilar forum and a drawn map
    expect(page).to_have_url(f"{phone.base_url}/wilayah/{VILLAGE_A}/")
    expect(page.get_by_role("heading", name="Kelurahan Bontang Baru", level=1)).to_be_visible()
    crumbs = page.get_by_role("navigation", name="Letak wilayah")
    expect(crumbs).to_have_text("Kalimantan Timur › Kota Bontang › Bontang Utara › Bontang Baru")
    expect(crumbs.get_by_role("link", name="Kota Bontang", exact=True)).to_have_attribute(
        "href", "/wilayah/64.74/"
    )
    forum = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Tiga Pilar", level=2)
    )
    expect(forum).to_be_visible()
    expect(forum.locator(".seat")).to_have_text(["Kepala Desa/Lurah", "Babinsa", "Bhabinkamtibmas"])
    expect(page.locator("#area-map")).to_have_class(re.compile(r"\bleaflet-container\b"))
    expect(page.locator("#area-map path.leaflet-interactive").first).to_be_attached()

    # then the page fits a 360-px screen, and nothing went wrong in the browser (CSP included)
    page.screenshot(path="/tmp/area-360.png", full_page=True)  # noqa: S108 -- for a human to look at
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert phone.errors == []


def test_wrong_totp_code_is_refused_in_indonesian_on_a_phone(phone: Phone) -> None:
    # given
    kapolsek = kapolsek_of_district_a()
    page = phone.page
    enter_password(page, phone.base_url)
    wrong = f"{(int(current_code(kapolsek)) + 1) % 1_000_000:06d}"

    # when
    enter_code(page, wrong)

    # then the TOTP step comes back with the error, and nobody is signed in
    expect(page).to_have_url(f"{phone.base_url}/masuk/kode/?next=/")
    expect(page.get_by_role("alert")).to_have_text("Kode salah atau sudah kedaluwarsa.")
    expect(page.get_by_role("link", name="Masuk", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Keluar", exact=True)).to_have_count(0)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_SUCCEEDED).exists()
    failed = AuditEvent.objects.filter(kind=AuditEvent.Kind.TOTP_FAILED, subject=kapolsek)
    assert failed.count() == 1
    # the form comes back with status 400 by design, which Chromium logs; nothing else
    assert phone.errors == [f"{BAD_REQUEST} [/masuk/kode/?next=/]"]
