"""A real phone browser: sign in with password and TOTP, then find a village and read its page.

The phone, Chromium and the sign-in steps are shared browser fixtures in the root conftest.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import (
    DISTRICT_A,
    VILLAGE_A,
    Phone,
    current_code,
    enter_code,
    enter_password,
    fits_the_phone,
    htmx_response,
    load_test_territory,
    make_official,
)
from sinergi.accounts.models import AuditEvent, User
from sinergi.units.models import Post

pytestmark = pytest.mark.browser

BAD_REQUEST = "Failed to load resource: the server responded with a status of 400 (Bad Request)"


def kapolsek_of_district_a() -> User:
    load_test_territory()
    return make_official("kapolsek_a", f"polsek:{DISTRICT_A}", Post.Title.KAPOLSEK)


def test_official_signs_in_on_a_phone_and_finds_a_village(phone: Phone) -> None:
    # given
    kapolsek = kapolsek_of_district_a()
    page = phone.page

    # when the password and then the current TOTP code are typed
    enter_password(page, kapolsek)
    enter_code(page, current_code(kapolsek))

    # then the official is signed in with the second factor, on their work ("Tugas saya");
    # the account and sign-out sit under "Lainnya"
    expect(page).to_have_url(f"{phone.base_url}/petugas/")
    page.locator(".menu-more summary").click()
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
    with page.expect_response(htmx_response("/wilayah/", q="bontang baru")) as autocomplete:
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
    fits_the_phone(page, "/tmp/area-360.png")  # noqa: S108 -- for a human to look at
    assert phone.errors == []


def test_wrong_totp_code_is_refused_in_indonesian_on_a_phone(phone: Phone) -> None:
    # given
    kapolsek = kapolsek_of_district_a()
    page = phone.page
    enter_password(page, kapolsek)
    wrong = f"{(int(current_code(kapolsek)) + 1) % 1_000_000:06d}"

    # when
    enter_code(page, wrong)

    # then the TOTP step comes back with the error, and nobody is signed in
    expect(page).to_have_url(f"{phone.base_url}/masuk/kode/?next=/")
    expect(page.get_by_role("alert")).to_contain_text("Kode salah atau sudah kedaluwarsa.")
    expect(page.locator("#id_token_error")).to_have_text("Kode salah atau sudah kedaluwarsa.")
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("link", name="Masuk", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Keluar", exact=True)).to_have_count(0)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_SUCCEEDED).exists()
    failed = AuditEvent.objects.filter(kind=AuditEvent.Kind.TOTP_FAILED, subject=kapolsek)
    assert failed.count() == 1
    # the form comes back with status 400 by design, which Chromium logs; nothing else
    assert phone.errors == [f"{BAD_REQUEST} [/masuk/kode/?next=/]"]
