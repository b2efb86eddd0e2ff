"""The whole Kemendagri tree, imported once (about a minute): what an import writes, that the
same edition again changes nothing, that a re-import corrects in place and retires without
deleting, and that people find their village among 83,762 as they write its name."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sinergi.areas import sources, text
from sinergi.areas.models import Area, AreaWord
from sinergi.areas.services import areas_import
from sinergi.areas.tests.search_territory import KUMPANG_BIS

pytestmark = [pytest.mark.django_db, pytest.mark.full_territory]


def test_the_whole_territory(client: Client):
    # when the whole tree is imported
    result = areas_import()
    # then every level is there, with the edition and the centroids
    counts = [Area.objects.current().filter(level=level).count() for level in (1, 2, 3, 4)]
    assert counts == [38, 514, 7285, 83762]
    assert (result.imported, result.retired) == (91599, 0)
    assert not Area.objects.exclude(edition=sources.edition()).exists()
    assert Area.objects.filter(level=4, latitude__isnull=False).count() > 83000
    # and a second run of the same edition is skipped
    again = areas_import()
    assert (again.skipped, again.imported) == (True, 0)

    every_sukamaju_is_reached_and_kumpang_bis_is_found(client)

    # given an area renamed by hand and one that is gone from the edition
    Area.objects.filter(code="64.74.01.1002").update(name="Salah Ketik", name_key="salah ketik")
    AreaWord.objects.filter(area_id="64.74.01.1002").delete()
    Area.objects.create(
        code="64.74.01.1999",
        parent_id="64.74.01",
        level=4,
        kind="kelurahan",
        name="Lama",
        name_key="lama",
        label="Lama",
        edition="edisi lama",
    )
    # when the edition is imported again by force
    fixed = areas_import(force=True)
    # then only the renamed row is written again, with its words; the old area is retired
    assert (fixed.imported, fixed.changed, fixed.retired) == (91599, 1, 1)
    assert Area.objects.get(code="64.74.01.1002").name == "Bontang Baru"
    assert sorted(
        AreaWord.objects.filter(area_id="64.74.01.1002").values_list("word", flat=True)
    ) == sorted(text.index_words("Bontang Baru"))
    old = Area.objects.get(code="64.74.01.1999")
    assert old.retired_at is not None
    assert not Area.objects.current().filter(code="64.74.01.1999").exists()


def every_sukamaju_is_reached_and_kumpang_bis_is_found(client: Client) -> None:
    # the villages whose name holds "Sukamaju" or "Suka Maju", read straight from the table
    expected = {
        code
        for code, key in Area.objects.current().filter(level=4).values_list("code", "name_key")
        if re.search(r"(^| )suka ?maju", key)
    }
    assert len(expected) == 128
    # then both spellings reach every one of them, page by page, each once
    for typed in ("Sukamaju", "Suka Maju", "Desa Sukamaju"):
        seen: list[str] = []
        for offset in range(0, 140, 20):
            body = client.get(
                "/api/v1/areas", {"q": typed, "level": 4, "limit": 20, "offset": offset}
            ).json()
            assert (body["count"], body["fuzzy"]) == (128, False)
            seen += [a["code"] for a in body["items"]]
        assert len(seen) == len(set(seen)) == 128
        assert set(seen) == expected
    # and Kumpang Bis as people write it, the misspelt one marked as such
    for typed, fuzzy in (
        ("Kumpang Bis Sekadau", False),
        ("Kumpangbis", False),
        ("Kel. Kumpang Bis", False),
        ("Kompang Bis", True),
    ):
        body = client.get("/api/v1/areas", {"q": typed, "level": 4}).json()
        assert (body["count"], body["items"][0]["code"], body["fuzzy"]) == (1, KUMPANG_BIS, fuzzy)
