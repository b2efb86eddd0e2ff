from __future__ import annotations

import pytest
from django.test import Client

from sinergi.areas import selectors
from sinergi.areas.models import Area

pytestmark = pytest.mark.django_db


def codes(page: selectors.Page) -> list[str]:
    return [a.code for a in page.items]


def test_name_prefix_finds_villages_best_match_first():
    # when
    page = selectors.area_search(q="bontang", level=4)
    # then
    assert page.count == 3
    assert codes(page) == ["64.74.01.1002", "64.74.01.1001", "64.74.02.1005"]


def test_two_words_must_both_start_words_of_the_name():
    page = selectors.area_search(q="tanjung laut")
    assert codes(page) == ["64.74.02.1001", "64.74.02.1006"]


def test_search_ignores_case_accents_and_punctuation():
    assert codes(selectors.area_search(q="BONTANG-báru")) == ["64.74.01.1002"]


def test_code_prefix_lists_the_subtree():
    page = selectors.area_search(q="64.74.01", limit=3)
    assert page.count == 1 + 6
    assert codes(page) == ["64.74.01", "64.74.01.1001", "64.74.01.1002"]


def test_undotted_code_is_understood():
    assert codes(selectors.area_search(q="6474011002")) == ["64.74.01.1002"]


def test_parent_filter_lists_children():
    page = selectors.area_search(parent="64.74", limit=10)
    assert codes(page) == ["64.74.03", "64.74.02", "64.74.01"]  # by name: Barat, Selatan, Utara


def test_nothing_matches_gives_an_empty_page():
    page = selectors.area_search(q="zzzz")
    assert (page.count, page.items) == (0, [])


def test_nearest_village_to_a_point_in_bontang_baru():
    village = Area.objects.get(code="64.74.01.1002")
    # given a point a few metres from the centroid
    found = selectors.area_nearest_village(
        latitude=(village.latitude or 0) + 0.0001, longitude=village.longitude or 0
    )
    # then
    assert found is not None
    assert found.area.code == "64.74.01.1002"
    assert 5 < found.distance_m < 20


def test_nearest_villages_nearest_first_on_both_sides_of_a_border():
    # a point between Bontang Baru and its neighbours: the three nearest, nearest first
    found = selectors.area_nearest_villages(latitude=0.1450, longitude=117.4930)
    assert [n.area.code for n in found] == ["64.74.01.1002", "64.74.01.1005", "64.74.01.1006"]
    assert [round(n.distance_m) for n in found] == sorted(round(n.distance_m) for n in found)
    # the nearest is the one the single look-up gives
    single = selectors.area_nearest_village(latitude=0.1450, longitude=117.4930)
    assert single is not None
    assert single.area.code == "64.74.01.1002"


def test_nearest_village_far_out_at_sea_is_none():
    assert selectors.area_nearest_village(latitude=-30.0, longitude=80.0) is None
    assert selectors.area_nearest_villages(latitude=-30.0, longitude=80.0) == []


def test_search_page_and_its_htmx_fragment(client: Client):
    page = client.get("/wilayah/", {"q": "bontang baru"})
    fragment = client.get("/wilayah/", {"q": "bontang baru"}, headers={"HX-Request": "true"})
    assert page.status_code == fragment.status_code == 200
    assert "<html" in page.text
    assert "<html" not in fragment.text
    assert "/wilayah/64.74.01.1002/" in fragment.text


def test_search_page_with_an_unknown_level_says_so(client: Client):
    response = client.get("/wilayah/", {"q": "bontang", "level": "9"})
    assert response.status_code == 400
    assert "Tingkat wilayah tidak dikenal." in response.text


def test_area_page_shows_tree_forum_and_map(client: Client):
    response = client.get("/wilayah/64.74.01.1002/")
    assert response.status_code == 200
    text = response.text
    assert 'href="/wilayah/64.74/"' in text
    assert 'href="/wilayah/64.74.01/"' in text
    assert "Tiga Pilar" in text
    assert "Bhabinkamtibmas" in text
    assert "Babinsa" in text
    assert 'data-map data-lat="0.144141"' in text
    # the units that answer for the village, from the village up
    for unit in (
        "Kelurahan Bontang Baru",
        "Polsek Bontang Utara",
        "Polres Bontang",
        "Koramil Bontang Utara",
    ):
        assert unit in text


def test_unknown_area_page_is_404_in_indonesian(client: Client):
    response = client.get("/wilayah/99.99/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
