from __future__ import annotations

import pytest
from django.test import Client

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.units.forums import tier_forum
from sinergi.units.models import Post, Unit
from sinergi.units.services import post_assign, units_generate_default

pytestmark = pytest.mark.django_db


def test_default_structure_follows_the_territory():
    polres = Unit.objects.get(key="polres:64.74")
    polsek = Unit.objects.get(key="polsek:64.74.01")
    assert (polres.name, polres.kind, polres.parent.name) == (
        "Polres Bontang",
        Unit.Kind.POLRES,
        "Polda Kalimantan Timur",
    )
    assert (polsek.name, polsek.parent, polsek.tier) == ("Polsek Bontang Utara", polres, 3)
    assert list(polsek.areas.values_list("code", flat=True)) == ["64.74.01"]
    assert Unit.objects.get(key="koramil:64.74.01").parent.key == "kodim:64.74"
    assert Unit.objects.get(key="desa:64.74.01.1002").name == "Kelurahan Bontang Baru"
    assert Unit.objects.get(key="kesbangpol:63.11").name == "Bakesbangpol Kabupaten Balangan"
    villages = Area.objects.filter(level=4).count()
    districts = Area.objects.filter(level=3).count()
    assert Unit.objects.filter(kind=Unit.Kind.POLSEK).count() == districts
    assert Unit.objects.filter(kind__in=[Unit.Kind.DESA, Unit.Kind.KELURAHAN]).count() == villages


def test_second_run_creates_nothing_and_keeps_edits():
    # given a renamed unit
    Unit.objects.filter(key="polres:64.74").update(name="Polres Bontang (ubah)")
    before = Unit.objects.count()
    # when
    result = units_generate_default()
    # then
    assert (result.created, result.existing) == (0, before)
    assert Unit.objects.count() == before
    assert Unit.objects.get(key="polres:64.74").name == "Polres Bontang (ubah)"


def test_village_tier_forum_is_the_three_pillars(bhabin_a):
    # given the other two pillars of village A
    babinsa = User.objects.create_user(username="babinsa", name="Babinsa A")
    lurah = User.objects.create_user(username="lurah", name="Lurah A")
    village = Area.objects.get(code="64.74.01.1002")
    post_assign(
        user=babinsa,
        unit=Unit.objects.get(key="koramil:64.74.01"),
        title=Post.Title.BABINSA,
        areas=[village],
    )
    post_assign(
        user=lurah, unit=Unit.objects.get(key="desa:64.74.01.1002"), title=Post.Title.KEPALA_DESA
    )
    # when
    forum = tier_forum(village)
    # then
    assert forum.name == "Tiga Pilar"
    assert [(s.title, [p.user.username for p in s.posts]) for s in forum.seats] == [
        ("kepala_desa", ["lurah"]),
        ("babinsa", ["babinsa"]),
        ("bhabinkamtibmas", ["bhabin_a"]),
    ]
    # and the neighbouring village's forum has empty seats
    other = tier_forum(Area.objects.get(code="64.74.01.1001"))
    assert [s.posts for s in other.seats] == [[], [], []]


def test_district_and_regency_forums(kapolsek_a, kapolres, officer_b):
    district = tier_forum(Area.objects.get(code="64.74.01"))
    assert district.name == "Forkopimcam"
    assert [p.user.username for p in district.posts] == ["kapolsek_a"]
    regency = tier_forum(Area.objects.get(code="64.74"))
    assert regency.name == "Forkopimda"
    assert [s.title for s in regency.seats] == ["bupati", "dandim", "kapolres", "kaban_kesbangpol"]
    assert [p.user.username for p in regency.posts] == ["kapolres"]


def test_a_post_cannot_name_a_village_outside_its_unit(citizen):
    unit = Unit.objects.get(key="polsek:64.74.01")
    outside = Area.objects.get(code="64.74.02.1001")
    with pytest.raises(ValueError, match="outside the areas of Polsek Bontang Utara"):
        post_assign(user=citizen, unit=unit, title=Post.Title.BHABINKAMTIBMAS, areas=[outside])
    assert not Post.objects.filter(user=citizen).exists()


def test_units_api_lists_who_serves_a_village(client: Client):
    body = client.get("/api/v1/units", {"area": "64.74.01.1002", "institution": "polri"}).json()
    assert body["count"] == 3
    assert [u["name"] for u in body["items"]] == [
        "Polda Kalimantan Timur",
        "Polres Bontang",
        "Polsek Bontang Utara",
    ]


def test_units_api_rejects_unknown_kind(client: Client):
    response = client.get("/api/v1/units", {"kind": "batalyon"})
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["fields"]] == ["kind"]


def test_unit_api_detail_lists_posts_without_contacts(client: Client, kapolsek_a):
    unit = Unit.objects.get(key="polsek:64.74.01")
    body = client.get(f"/api/v1/units/{unit.pk}").json()
    assert [(p["title"], p["person_name"]) for p in body["posts"]] == [("kapolsek", "Kapolsek_A")]
    assert "phone" not in str(body)
    assert client.get("/api/v1/units/0").status_code == 404


def test_unit_page(client: Client, kapolsek_a):
    unit = Unit.objects.get(key="polsek:64.74.01")
    response = client.get(f"/satuan/{unit.pk}/")
    assert response.status_code == 200
    assert "Polsek Bontang Utara" in response.text
    assert "Kapolsek_A" in response.text
    assert client.get("/satuan/0/").status_code == 404
