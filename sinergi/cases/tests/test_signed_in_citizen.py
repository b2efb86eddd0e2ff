"""A signed-in citizen: their own reports, a form that knows them, and no officers' menu."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import signed_in
from sinergi.cases.models import Case
from sinergi.cases.services import ReporterIn
from sinergi.cases.tests.helpers import file_web

pytestmark = pytest.mark.django_db


def file_as(user=None, description: str = "Balap liar.") -> Case:
    return file_web(description=description, reporter=ReporterIn(user=user)).case


def test_a_citizen_sees_their_own_reports_and_no_one_elses(client: Client, citizen):
    mine = file_as(citizen)
    theirs = file_as(None)
    page = signed_in(client, citizen).get("/laporan-saya/")
    assert page.status_code == 200
    assert mine.tracking_code in page.text
    assert theirs.tracking_code not in page.text


def test_the_form_knows_the_citizen_and_the_menu_is_theirs(client: Client, citizen):
    citizen.email = "warga@example.id"
    citizen.phone = "081211112222"
    citizen.save()
    page = signed_in(client, citizen).get("/lapor/").text
    assert 'value="warga@example.id"' in page
    assert 'value="081211112222"' in page
    assert 'value="Warga Uji"' in page
    assert "Laporan saya" in page
    for officers_only in ("/petugas/laporan/", "/petugas/patroli/", "/petugas/dasbor/"):
        assert officers_only not in page
    # the logo leads a citizen to the front page, not to the officers' "Tugas saya" (a 404)
    assert '<li class="menu-brand"><a href="/">' in page


def test_an_official_keeps_the_officers_menu(client: Client, bhabin_a):
    page = signed_in(client, bhabin_a).get("/lapor/").text
    assert 'href="/petugas/laporan/"' in page  # the menu's "Laporan": the officer's inbox
    assert '<li class="menu-brand"><a href="/petugas/">' in page  # the logo: "Tugas saya"
    assert 'value="081200000000"' not in page  # an officer reporting is not reporting as self


def test_anyone_else_is_asked_to_sign_in(client: Client):
    response = client.get("/laporan-saya/")
    assert (response.status_code, response["Location"]) == (302, "/masuk/?next=/laporan-saya/")
