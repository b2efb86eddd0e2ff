"""'Tugas saya' lists the reports that need the officer: those they hold and the untaken ones at
their forums, never one another officer holds."""

from __future__ import annotations

import pytest

from conftest import VILLAGE_A, make_official
from sinergi.cases import services
from sinergi.cases.tests.helpers import file_web
from sinergi.home.landing import ROWS, tasks_for
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db


def test_my_tasks_list_what_i_hold_and_what_waits_at_my_forum(sign_in, bhabin_a, kapolsek_a):
    babinsa = make_official("babinsa_a", "koramil:64.74.01", Post.Title.BABINSA, (VILLAGE_A,))
    waiting = file_web(description="Menunggu diambil.").case
    held_by_bhabin = file_web(description="Dipegang Bhabin.").case
    services.case_take(case=held_by_bhabin, by=bhabin_a)
    handed = file_web(description="Diserahkan ke Babinsa.").case
    services.case_assign(case=handed, to=babinsa, by=kapolsek_a)
    # the Babinsa sees what was handed to him and what waits untaken, not the Bhabin's case
    assert {c.pk for c in tasks_for(babinsa).cases} == {waiting.pk, handed.pk}
    page = sign_in(babinsa).get("/petugas/").text
    assert "Anda pegang" in page
    assert f'href="/petugas/laporan/{held_by_bhabin.pk}/"' not in page
    # past the list's length, the page says how many more wait in the inbox
    for n in range(ROWS):
        file_web(description=f"Laporan ke-{n}.")
    assert tasks_for(babinsa).cases_more == 2
    assert "dan 2 lagi di kotak laporan" in sign_in(babinsa).get("/petugas/").text
