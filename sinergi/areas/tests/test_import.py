from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sinergi.areas import sources
from sinergi.areas.models import Area, AreaWord
from sinergi.areas.services import areas_import

pytestmark = pytest.mark.django_db


@pytest.mark.full_territory
def test_full_import_loads_the_whole_kemendagri_tree():
    # when
    result = areas_import()
    # then
    counts = [Area.objects.current().filter(level=level).count() for level in (1, 2, 3, 4)]
    assert counts == [38, 514, 7285, 83762]
    assert result.imported == 91599
    assert not Area.objects.exclude(edition=sources.edition()).exists()
    with_point = Area.objects.filter(level=4, latitude__isnull=False).count()
    assert with_point > 83000
    # and a second run of the same edition is skipped
    again = areas_import()
    assert (again.skipped, again.imported) == (True, 0)


def test_import_writes_tree_labels_kinds_and_words():
    area = Area.objects.get(code="64.74.01.1002")
    assert (area.parent_id, area.level, area.kind, area.postal_code) == (
        "64.74.01", 4, Area.Kind.KELURAHAN, "75311",
    )  # fmt: skip
    assert area.label == "Bontang Baru, Bontang Utara, Kota Bontang, Kalimantan Timur"
    assert Area.objects.get(code="64.74").kind == Area.Kind.KOTA
    assert Area.objects.get(code="63.11").kind == Area.Kind.KABUPATEN
    # each word, and the name as one word ("Bontangbaru" finds it)
    assert sorted(AreaWord.objects.filter(area=area).values_list("word", flat=True)) == [
        "baru", "bontang", "bontangbaru",
    ]  # fmt: skip
    # the words a search may match: the name's, then its parents', runs of words also as one
    assert area.search_key == (
        "bontang baru bontangbaru | utara bontangutara kota kotabontang kalimantan timur "
        "kalimantantimur"
    )


def test_reimport_updates_in_place_and_never_deletes(bhabin_a):
    # given an area renamed by hand and one that is gone from the edition
    Area.objects.filter(code="64.74.01.1002").update(name="Salah Ketik")
    Area.objects.create(
        code="64.74.01.1999", parent_id="64.74.01", level=4, kind="kelurahan", name="Lama",
        name_key="lama", label="Lama", edition="edisi lama",
    )  # fmt: skip
    # when a full re-import runs
    areas_import(force=True)
    # then the name is corrected, the old area is retired but still there
    assert Area.objects.get(code="64.74.01.1002").name == "Bontang Baru"
    old = Area.objects.get(code="64.74.01.1999")
    assert old.retired_at is not None
    assert not Area.objects.current().filter(code="64.74.01.1999").exists()


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
