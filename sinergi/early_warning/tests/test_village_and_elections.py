"""The village index page (every indicator explained, the trend) and the election calendar
pages (view, add, correct and remove stages; the villages rescored at once)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import DISTRICT_A, REGENCY, VILLAGE_A
from sinergi.areas.models import Area
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.models import Election, ElectionStage, VillageIndex, VillageIndexHistory

pytestmark = pytest.mark.django_db


def test_the_village_page_explains_each_indicator_and_shows_the_trend(sign_in, kapolres):
    today = timezone.localdate()
    index_recompute(today - dt.timedelta(days=2), under=DISTRICT_A)
    index_recompute(under=DISTRICT_A)
    page = sign_in(kapolres).get(f"/petugas/indeks/{VILLAGE_A}/").text
    current = VillageIndex.objects.get(area_id=VILLAGE_A)
    for label in (
        "Riwayat kejadian",
        "Kerawanan sosial",
        "Dinamika politik",
        "Lingkungan informasi",
        "Kapasitas: keterlibatan",
    ):
        assert label in page
    assert 'id="index-trend"' in page
    # the reader is told what the score means, not pointed at a file of the repository
    assert "bukan ramalan" in page
    assert ".md" not in page
    assert VillageIndexHistory.objects.filter(area_id=VILLAGE_A).count() == 2
    assert f"{current.score}" in page
    district = sign_in(kapolres).get(f"/petugas/indeks/{DISTRICT_A}/").text
    assert f"/petugas/indeks/{VILLAGE_A}/" in district


def test_officer_b_cannot_open_the_index_of_village_a(sign_in, officer_b):
    index_recompute(under=DISTRICT_A)
    assert sign_in(officer_b).get(f"/petugas/indeks/{VILLAGE_A}/").status_code == 404


def test_a_leader_adds_an_election_and_its_stage_and_the_index_follows(sign_in, kapolres):
    index_recompute(under=REGENCY)
    before = VillageIndex.objects.get(area_id=VILLAGE_A).score
    client = sign_in(kapolres)
    today = timezone.localdate()
    response = client.post(
        "/petugas/pemilihan/baru/",
        {
            "name": "Pilkada Kota Bontang",
            "kind": "pilkada",
            "area": REGENCY,
            "vote_on": (today + dt.timedelta(days=20)).isoformat(),
        },
    )
    election = Election.objects.get()
    assert response["Location"] == f"/petugas/pemilihan/{election.pk}/"
    client.post(
        f"/petugas/pemilihan/{election.pk}/",
        {
            "step": "tahapan",
            "name": "Masa kampanye",
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=10)).isoformat(),
            "intensity": "0.7",
        },
    )
    stage = ElectionStage.objects.get()
    after = VillageIndex.objects.get(area_id=VILLAGE_A).score
    assert round(after - before, 2) == 8.4  # 20 points x 60 % x 0.7, at once
    assert "Masa kampanye" in client.get("/petugas/pemilihan/").text
    # in English a stage ends; it is not "Resolved" like a case
    client.post("/bahasa/", {"language": "en"})
    english = client.get(f"/petugas/pemilihan/{election.pk}/").text
    assert "Ends</label>" in english
    # on a phone the stage's dates sit under its name, beside its intensity: two columns
    assert '<th class="num">Intensity (0–1)</th>' in english
    assert "Resolved" not in english
    client.post("/bahasa/", {"language": "id"})
    # a stage that ends before it starts is refused and changes nothing
    response = client.post(
        f"/petugas/pemilihan/{election.pk}/",
        {
            "step": "tahapan",
            "stage": stage.pk,
            "name": "Masa kampanye",
            "starts_on": today.isoformat(),
            "ends_on": (today - dt.timedelta(days=1)).isoformat(),
            "intensity": "0.9",
        },
    )
    assert response.status_code == 400
    assert ElectionStage.objects.get().intensity == 0.7
    client.post(f"/petugas/pemilihan/{election.pk}/", {"step": "hapus", "stage": stage.pk})
    assert ElectionStage.objects.count() == 0
    assert VillageIndex.objects.get(area_id=VILLAGE_A).score == before


def test_officer_b_cannot_change_the_stages_of_district_a(sign_in, kapolsek_a, officer_b):
    today = timezone.localdate()
    election = Election.objects.create(
        name="Pilkades Bontang Baru",
        kind="pilkades",
        area=Area.objects.get(code=VILLAGE_A),
        vote_on=today,
    )
    stage = ElectionStage.objects.create(
        election=election, name="Kampanye", starts_on=today, ends_on=today, intensity=0.5
    )
    client = sign_in(officer_b)
    assert client.get(f"/petugas/pemilihan/{election.pk}/").status_code == 404
    client.post(f"/petugas/pemilihan/{election.pk}/", {"step": "hapus", "stage": stage.pk})
    assert ElectionStage.objects.count() == 1
    page = sign_in(kapolsek_a).get(f"/petugas/pemilihan/{election.pk}/").text
    assert "Hapus tahapan" in page
