"""Finding a village by the names people type, on real names from the Kemendagri tree: Kumpang Bis
in Kabupaten Sekadau, and the villages called Sukamaju or Suka Maju.

The test territory has neither, so this module adds a small part of the tree once
(search_territory.py) in a transaction that is rolled back after the module."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from rapidfuzz import process
from rapidfuzz.distance import OSA

from sinergi.areas import fuzzy, selectors, text
from sinergi.areas.models import Area
from sinergi.areas.services import areas_import
from sinergi.areas.tests.search_territory import KUMPANG_BIS, SEARCH_TERRITORY, SUKAMAJU_COUNT
from sinergi.cases.picker import village_from_post

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def search_territory(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        areas_import(only=SEARCH_TERRITORY)
        yield
        transaction.set_rollback(True)


def codes(page: selectors.Page) -> list[str]:
    return [a.code for a in page.items]


def sukamaju_villages() -> set[str]:
    """The villages whose name, spaces left out, starts with "sukamaju": read straight from the
    table, not through the search."""
    return {
        code
        for code, key in Area.objects.filter(level=4).values_list("code", "name_key")
        if key.replace(" ", "").startswith("sukamaju")
    }


@pytest.mark.parametrize(
    "typed",
    [
        "Kumpang Bis",
        "Kumpangbis",  # written as one word
        "kumpang-bis",
        "Kumpang Bis Sekadau",  # with the regency
        "Kumpang Bis Belitang Hilir",  # with the district
        "Kumpang Bis, Kec. Belitang Hilir, Kab. Sekadau",
        "Desa Kumpang Bis",
        "Ds. Kumpang Bis",
        "Kel. Kumpang Bis",
        "Kelurahan Kumpang Bis",
    ],
)
def test_kumpang_bis_is_found_as_people_write_it(typed: str):
    page = selectors.area_search(q=typed, level=4)
    assert (page.count, codes(page), page.fuzzy) == (1, [KUMPANG_BIS], False)


@pytest.mark.parametrize("typed", ["Kompang Bis", "Kumpang Biss", "Kompangbis", "Kumpnag Bis"])
def test_a_slip_of_a_letter_still_finds_kumpang_bis_marked_as_fuzzy(typed: str):
    page = selectors.area_search(q=typed, level=4)
    assert (page.count, codes(page), page.fuzzy) == (1, [KUMPANG_BIS], True)


def test_a_name_a_letter_off_lists_the_nearest_names_first():
    # "Kumpamg" is no name: Kumpang Bis and Kumpang Ilong are one letter away
    page = selectors.area_search(q="kumpamg", level=4)
    assert page.fuzzy
    assert [(a.code, a.name) for a in page.items] == [
        (KUMPANG_BIS, "Kumpang Bis"),
        ("61.09.06.2006", "Kumpang Ilong"),
    ]


def test_short_words_must_be_typed_right():
    # one letter off a three-letter word is another word ("bis", "bus"); longer words may slip
    assert [fuzzy.slips_allowed(w) for w in ("bis", "maju", "kumpang", "kumpangbis")] == [
        0,
        1,
        1,
        2,
    ]
    assert fuzzy.vocabulary().near("bus") == {}
    assert fuzzy.vocabulary().near("kompang") == {"kumpang": 1}
    assert selectors.area_search(q="bos", level=4).count == 0


def test_sukamaju_and_suka_maju_find_the_same_villages_and_every_page_reaches_them():
    expected = sukamaju_villages()
    assert len(expected) == SUKAMAJU_COUNT
    for typed in ("Sukamaju", "Suka Maju", "SUKA-MAJU", "Desa Sukamaju"):
        # when the citizen walks the pages of 20
        first = selectors.area_search(q=typed, level=4, limit=20)
        second = selectors.area_search(q=typed, level=4, limit=20, offset=20)
        # then every one is reached once, with the count
        assert (first.count, second.count) == (SUKAMAJU_COUNT, SUKAMAJU_COUNT)
        assert (len(first.items), len(second.items)) == (20, 3)
        found = codes(first) + codes(second)
        assert len(found) == len(set(found))
        assert set(found) == expected


def test_the_name_as_typed_comes_before_the_other_spelling():
    sukamaju = [a.name for a in selectors.area_search(q="sukamaju", level=4, limit=30).items]
    suka_maju = [a.name for a in selectors.area_search(q="suka maju", level=4, limit=30).items]
    others = ["Sukamaju Baru", "Sukamaju Kaler", "Sukamaju Kidul"]
    assert sukamaju == ["Sukamaju"] * 9 + ["Suka Maju"] * 11 + others
    assert suka_maju == ["Suka Maju"] * 11 + ["Sukamaju"] * 9 + others


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Sukamaju Bengkayang", ["61.07.10.2003", "61.07.14.2004"]),
        ("Suka Maju Sungai Betung", ["61.07.14.2004"]),
        ("Sukamaju Kec. Suti Semarang", ["61.07.10.2003"]),
        ("Sukamaju Kab. Sekadau", []),  # no Sukamaju in Sekadau
    ],
)
def test_the_district_or_regency_narrows(typed: str, expected: list[str]):
    page = selectors.area_search(q=typed, level=4)
    assert (codes(page), page.count) == (expected, len(expected))


def test_a_village_named_like_its_district_comes_before_the_district_s_other_villages():
    # "Bengkayang": the district and regency of that name first, then what lies in them only
    # if a word of their own name matches (here none)
    page = selectors.area_search(q="bengkayang", limit=5)
    assert [(a.code, a.name) for a in page.items] == [
        ("61.07.04", "Bengkayang"),
        ("61.07", "Kabupaten Bengkayang"),
    ]


def test_near_words_are_every_word_one_slip_away():
    # the shortcut (words sharing the first or the last part) against reading every word
    vocabulary = fuzzy.vocabulary()
    rng = random.Random(18)  # noqa: S311 -- a fixed sample, not a secret
    words = [w for w in vocabulary.words if 4 <= len(w) < fuzzy.SLIP_TWO_FROM]
    for word in rng.sample(words, 200):
        i = rng.randrange(len(word) - 1)
        for slipped in (
            word[:i] + "x" + word[i + 1 :],  # changed
            word[:i] + word[i + 1 :],  # dropped
            word[:i] + "a" + word[i:],  # added
            word[:i] + word[i + 1] + word[i] + word[i + 2 :],  # swapped
        ):
            if vocabulary.starts_a_word(slipped) or fuzzy.slips_allowed(slipped) != 1:
                continue
            every = {
                w
                for w, d, _i in process.extract(
                    slipped, vocabulary.words, scorer=OSA.distance, score_cutoff=1, limit=None
                )
            }
            # all one slip away: the first 20 in alphabetical order when there are more
            assert set(vocabulary.near(slipped)) == set(sorted(every)[: fuzzy.NEAR_WORDS_MAX])
            assert word in every


def test_the_vocabulary_follows_the_word_index():
    # given the words as the process keeps them
    before = fuzzy.vocabulary()
    assert before.starts_a_word("kumpangb")
    # when a part of the territory is imported again unchanged, nothing is written
    areas_import(only=["61.09"])
    assert fuzzy.vocabulary() is before
    # and when a name was changed there, its words get new rows: the process reads them again
    Area.objects.filter(code=KUMPANG_BIS).update(name="Salah Ketik")
    areas_import(only=["61.09"])
    after = fuzzy.vocabulary()
    assert after.words == before.words
    assert after is not before


def test_query_words_drop_kinds_and_readings_join_words():
    assert text.query_words("Kel. Api-api") == ["api", "api"]
    assert text.query_words("Desa") == ["desa"]  # nothing else: the word is the name
    assert text.readings(["suka", "maju", "sekadau"]) == [
        ("suka", "maju", "sekadau"),
        ("suka", "majusekadau"),
        ("sukamaju", "sekadau"),
        ("sukamajusekadau",),
    ]
    assert len(text.readings(["a", "b", "c", "d", "e", "f"])) == 1


def test_api_says_when_the_names_are_near_ones(client: Client):
    exact = client.get("/api/v1/areas", {"q": "kumpang bis sekadau", "level": 4}).json()
    near = client.get("/api/v1/areas", {"q": "kompang bis", "level": 4}).json()
    assert (exact["count"], exact["fuzzy"], exact["items"][0]["code"]) == (1, False, KUMPANG_BIS)
    assert (near["count"], near["fuzzy"], near["items"][0]["code"]) == (1, True, KUMPANG_BIS)


def test_search_page_counts_and_pages_past_twenty(client: Client):
    first = client.get("/wilayah/", {"q": "sukamaju", "level": "4"})
    assert first.status_code == 200
    assert "23 desa/kelurahan ditemukan · menampilkan 1–20" in first.text
    assert len(re.findall(r'<li><a href="/wilayah/\d', first.text)) == 20
    assert "Halaman 1 dari 2" in first.text
    assert 'href="/wilayah/?q=sukamaju&amp;level=4&amp;hal=2" rel="next"' in first.text
    second = client.get("/wilayah/", {"q": "sukamaju", "level": "4", "hal": "2"})
    assert "23 desa/kelurahan ditemukan · menampilkan 21–23" in second.text
    assert len(re.findall(r'<li><a href="/wilayah/\d', second.text)) == 3
    assert 'href="/wilayah/?q=sukamaju&amp;level=4&amp;hal=1" rel="prev"' in second.text
    assert 'rel="next"' not in second.text
    # a page past the end shows the last one; a page that is no number the first
    assert (
        "menampilkan 21–23"
        in client.get("/wilayah/", {"q": "sukamaju", "level": "4", "hal": "9"}).text
    )
    assert (
        "menampilkan 1–20"
        in client.get("/wilayah/", {"q": "sukamaju", "level": "4", "hal": "x"}).text
    )


def test_picker_shows_twenty_then_the_rest_on_request(client: Client):
    htmx = {"HX-Request": "true"}
    first = client.get(
        "/wilayah/", {"area_q": "suka maju", "level": "4", "pick": "1"}, headers=htmx
    )
    assert "23 desa/kelurahan cocok · tambahkan nama kecamatan atau kabupaten" in first.text
    assert first.text.count('type="radio"') == 20
    assert "checked" not in first.text
    more = "/wilayah/?q=suka+maju&amp;level=4&amp;pick=1&amp;hal=2"
    assert f'hx-get="{more}"' in first.text
    assert "Tampilkan 3 lagi (20 dari 23 ditampilkan)" in first.text
    # the next ones come as list items for the same list, the first of them focused
    rest = client.get(more.replace("&amp;", "&"), headers=htmx)
    assert rest.text.count('type="radio"') == 3
    assert rest.text.count(" autofocus") == 1
    assert "<ul" not in rest.text
    assert "Tampilkan" not in rest.text


def test_picker_never_chooses_a_near_name_by_itself(client: Client):
    htmx = {"HX-Request": "true"}
    exact = client.get(
        "/wilayah/", {"area_q": "kumpang bis", "level": "4", "pick": "1"}, headers=htmx
    )
    near = client.get(
        "/wilayah/", {"area_q": "kompang bis", "level": "4", "pick": "1"}, headers=htmx
    )
    assert f'value="{KUMPANG_BIS}" checked' in exact.text
    assert f'value="{KUMPANG_BIS}">' in near.text
    assert "Tidak ada yang persis cocok; 1 nama yang mirip:" in near.text


def test_the_case_form_without_script_says_how_many_match_and_how_to_narrow(rf: Any):
    # many villages: the first ten to choose from, the count, and what to add
    pick = village_from_post(rf.post("/lapor/", {"area_q": "Sukamaju"}))
    assert (pick.village, len(pick.villages)) == (None, 10)
    assert pick.error == (
        "Beberapa desa cocok. Pilih salah satu. Ada 23 desa/kelurahan dengan nama itu; 10 yang "
        "pertama ditampilkan. Tambahkan nama kecamatan atau kabupatennya untuk mempersempit "
        "(mis. “Sukamaju Sekadau”)."
    )
    # the name with its regency: the one village, taken
    pick = village_from_post(rf.post("/lapor/", {"area_q": "Kumpang Bis Sekadau"}))
    assert (pick.village and pick.village.code, pick.error) == (KUMPANG_BIS, "")
    # a letter off: offered, never taken for the citizen
    pick = village_from_post(rf.post("/lapor/", {"area_q": "Kompang Bis"}))
    assert (pick.village, [v.code for v in pick.villages]) == (None, [KUMPANG_BIS])
    assert pick.error == (
        "Tidak ada desa/kelurahan bernama itu. Mungkin salah satu nama yang mirip di bawah ini; "
        "pilih, atau periksa ejaannya."
    )
