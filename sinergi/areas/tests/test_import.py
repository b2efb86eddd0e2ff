from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sinergi.areas import services, sources
from sinergi.areas.models import Area, AreaWord

pytestmark = pytest.mark.django_db


def test_import_writes_tree_labels_kinds_and_words():
    area = Area.objects.get(code="64.74.01.1002")
    assert (area.parent_id, area.level, area.kind, area.postal_code) == (
        "64.74.01",
        4,
        Area.Kind.KELURAHAN,
        "75311",
    )
    assert area.label == "Bontang Baru, Bontang Utara, Kota Bontang, Kalimantan Timur"
    assert Area.objects.get(code="64.74").kind == Area.Kind.KOTA
    assert Area.objects.get(code="63.11").kind == Area.Kind.KABUPATEN
    # each word, and the name as one word ("Bontangbaru" finds it)
    assert sorted(AreaWord.objects.filter(area=area).values_list("word", flat=True)) == [
        "baru",
        "bontang",
        "bontangbaru",
    ]
    # the words a search may match: the name's, then its parents', runs of words also as one
    assert area.search_key == (
        "bontang baru bontangbaru | utara bontangutara kota kotabontang kalimantan timur "
        "kalimantantimur"
    )


def test_command_refuses_a_malformed_code():
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_areas", "--only", "64.7x", stderr=err)
    assert exit_info.value.code == 2
    assert "Not an area code: '64.7x'" in err.getvalue()


def test_command_partial_import_prints_what_it_did():
    out = StringIO()
    call_command("import_areas", "--only", "64.74.01", stdout=out)
    assert out.getvalue().startswith("Imported 9 areas")  # province, regency, district, 6 villages


def test_unknown_command_option_is_an_error():
    with pytest.raises(CommandError):
        call_command("import_areas", "--nope")


def test_a_part_of_the_territory_reads_as_the_whole_would():
    # a partial import reads only its provinces' centroids: its areas are the whole read's, to
    # the last coordinate (Bontang: its province, the city, its districts and villages)
    part = services._selected(sources.read_names(), ["64.74"])
    whole = [a for a in sources.read_all() if a.code in part]
    assert list(sources.read_all(part, provinces={"64"})) == whole
    assert len(whole) == 1 + 1 + 3 + 15  # province, city, districts, villages
    assert sum(a.latitude is not None for a in whole) == len(whole)
