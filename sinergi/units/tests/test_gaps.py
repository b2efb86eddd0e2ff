"""The staffing gap list: villages whose Tiga Pilar has an empty seat, for those who fill them."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import signed_in
from sinergi.areas.models import Area
from sinergi.cases.tests.helpers import file_web
from sinergi.units import selectors

pytestmark = pytest.mark.django_db


def test_the_gap_list_names_each_village_with_its_empty_seats(kapolsek_a, bhabin_a):
    # given a report waiting in Api-api, where nobody is seated
    file_web(village="64.74.01.1006")
    # when
    gaps = selectors.forum_gaps(Area.objects.get(code="64.74.01"))
    # then every village of Bontang Utara has an empty seat; Api-api first (a report waits)
    assert (gaps.villages, len(gaps.rows), gaps.too_many) == (6, 6, False)
    first = gaps.rows[0]
    assert (first.village.name, first.open_cases) == ("Api-api", 1)
    assert first.missing == ["Kepala Desa/Lurah", "Babinsa", "Bhabinkamtibmas"]
    bontang_baru = next(g for g in gaps.rows if g.village.code == "64.74.01.1002")
    assert bontang_baru.missing == ["Kepala Desa/Lurah", "Babinsa"]


def test_the_page_is_for_leaders_and_operators_of_the_area(client: Client, kapolsek_a, officer_b):
    page = signed_in(client, kapolsek_a).get("/petugas/kursi-kosong/")
    assert page.status_code == 200
    assert "6 dari 6 desa/kelurahan punya kursi kosong." in page.text
    assert "Api-api" in page.text
    # another district's Kapolsek cannot ask for it
    other = signed_in(Client(), officer_b).get("/petugas/kursi-kosong/", {"wilayah": "64.74.01"})
    assert other.status_code == 404


def test_a_field_officer_has_no_gap_list(client: Client, bhabin_a):
    assert signed_in(client, bhabin_a).get("/petugas/kursi-kosong/").status_code == 404
