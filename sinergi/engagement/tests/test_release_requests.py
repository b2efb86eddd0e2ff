"""A release's requests: kept as read, each filed as a case by a handler of the area, once."""

from __future__ import annotations

import importlib
from datetime import datetime

import pytest
from django.apps import apps

from conftest import DISTRICT_A, VILLAGE_A
from sinergi.accounts.models import AuditEvent, User
from sinergi.areas import timezones
from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category, Reporter
from sinergi.engagement import services
from sinergi.engagement.models import Activity, ActivityEvent, Aspiration
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db

OTHER_VILLAGE_OF_DISTRICT_A = "64.74.01.1001"


def release_activity(by: User, *, area: str = VILLAGE_A) -> Activity:
    record = services.ReleaseRecord(
        unit=Unit.objects.get(key="polsek:64.74.01"),
        kind="jumat_curhat",
        title="Jumat Curhat di Bontang Baru",
        area=Area.objects.get(code=area),
        held_at=datetime(2026, 11, 20, 9, 0, tzinfo=timezones.zone_of(area).info),
        aspirations=["lampu jalan di dermaga diperbaiki", "patroli malam di sekitar pasar"],
        aspiration_askers=["Ibu Eva, warga Guntung"],
        source_url="https://humas.example.test/2026/11/jumat-curhat",
        key=f"https://humas.example.test/2026/11/jumat-curhat/{area}",
    )
    activity, created = services.activity_import(by=by, record=record)
    assert created
    return activity


def filing(category: str = "aspirasi-umum", area: str = VILLAGE_A, **extra: str) -> dict[str, str]:
    return {
        "category": str(Category.objects.get(slug=category).pk),
        "description": "lampu jalan di dermaga diperbaiki",
        "area": area,
        **extra,
    }


def test_requests_are_kept_as_read_with_who_asked_not_written_into_the_minutes(humas_editor):
    activity = release_activity(humas_editor)
    assert activity.minutes == ""
    assert activity.release_requests == [
        {"text": "lampu jalan di dermaga diperbaiki", "who": "Ibu Eva, warga Guntung"},
        {"text": "patroli malam di sekitar pasar", "who": ""},
    ]
    assert Case.objects.count() == 0  # nothing is filed until a person chooses to


def test_a_handler_files_a_request_as_a_case_once_and_the_activity_page_links_it(
    sign_in, humas_editor, kapolsek_a
):
    activity = release_activity(humas_editor)
    client = sign_in(kapolsek_a)
    page = client.get(f"/petugas/kegiatan/{activity.pk}/").content.decode()
    assert "Aspirasi (2)" in page
    assert page.count("Catat sebagai kasus") == 2
    # not verified yet: its public page does not exist, so it is not linked
    assert f'href="/kegiatan/{activity.pk}/"' not in page
    assert "Halaman publik tampil setelah laporan diverifikasi." in page
    url = f"/petugas/kegiatan/{activity.pk}/aspirasi/0/"
    assert f'href="{url}"' in page

    form = client.get(url).content.decode()
    assert "<title>Catat aspirasi sebagai kasus" in form
    assert "Disampaikan oleh Ibu Eva, warga Guntung, menurut rilis" in form
    assert f'value="{VILLAGE_A}" checked' in form  # the activity's own village, already chosen

    first = client.post(url, filing())
    again = client.post(url, filing(category="balap-liar"))  # a double tap, or a colleague
    case = Case.objects.get()
    assert first["Location"] == again["Location"] == f"/petugas/laporan/{case.pk}/"
    assert (case.area_id, case.channel, case.category.slug, case.description) == (
        VILLAGE_A,
        Case.Channel.OFFICER,
        "aspirasi-umum",
        "lampu jalan di dermaga diperbaiki",
    )
    assert case.details == {
        "session": "Jumat Curhat di Bontang Baru",
        "activity": activity.pk,
        "request": 0,
        "release": "https://humas.example.test/2026/11/jumat-curhat",
        "asked_by": "Ibu Eva, warga Guntung",
    }
    # the release's asker never reported it: no name and no phone to call back
    assert list(Reporter.objects.values_list("anonymous", "name", "phone")) == [(True, "", "")]
    assert Aspiration.objects.get().activity_id == activity.pk
    event = ActivityEvent.objects.get(kind=ActivityEvent.Kind.ASPIRATION_FILED)
    assert (event.actor_id, event.message) == (
        kapolsek_a.pk,
        f"{case.tracking_code}: lampu jalan di dermaga diperbaiki",
    )

    shown = client.get(first["Location"]).content.decode()
    assert "<dt>Disampaikan oleh (menurut rilis)</dt><dd>Ibu Eva, warga Guntung</dd>" in shown
    assert "<dt>Request" not in shown  # a key kept for the system, not a fact to read
    # the activity is linked once ("Disampaikan di kegiatan"), not named again below it
    assert "Dari kegiatan" not in shown

    page = client.get(f"/petugas/kegiatan/{activity.pk}/").content.decode()
    assert "Aspirasi (2)" in page
    assert f'<a href="/petugas/laporan/{case.pk}/">{case.tracking_code}</a>' in page
    assert page.count("Catat sebagai kasus") == 1  # only the request still to be filed
    assert client.get(url)["Location"] == f"/petugas/laporan/{case.pk}/"


def test_a_village_outside_the_activity_is_refused_and_nothing_is_filed(
    sign_in, humas_editor, kapolsek_a
):
    activity = release_activity(humas_editor)
    client = sign_in(kapolsek_a)
    response = client.post(
        f"/petugas/kegiatan/{activity.pk}/aspirasi/1/",
        filing(area=OTHER_VILLAGE_OF_DISTRICT_A),  # in the kapolsek's district, not the activity's
    )
    assert response.status_code == 400
    assert "Pilih desa/kelurahan di wilayah kegiatan (" in response.content.decode()
    assert (Case.objects.count(), Aspiration.objects.count()) == (0, 0)
    assert not ActivityEvent.objects.filter(kind=ActivityEvent.Kind.ASPIRATION_FILED).exists()


def test_a_district_release_asks_for_the_village_and_files_there(sign_in, humas_editor, kapolsek_a):
    activity = release_activity(humas_editor, area=DISTRICT_A)
    client = sign_in(kapolsek_a)
    url = f"/petugas/kegiatan/{activity.pk}/aspirasi/1/"
    assert " checked" not in client.get(url).content.decode()  # no village is guessed
    missing = client.post(url, {k: v for k, v in filing().items() if k != "area"})
    assert missing.status_code == 400
    assert Case.objects.count() == 0
    client.post(
        url, filing(category="tempat-rawan", area=OTHER_VILLAGE_OF_DISTRICT_A, place="pasar")
    )
    case = Case.objects.get()
    assert (case.area_id, case.category.slug, case.place, case.details["request"]) == (
        OTHER_VILLAGE_OF_DISTRICT_A,
        "tempat-rawan",
        "pasar",
        1,
    )
    assert "asked_by" not in case.details  # the release did not say who asked this one


def test_an_officer_of_another_area_cannot_file_and_the_refusal_is_recorded(
    sign_in, humas_editor, officer_b
):
    activity = release_activity(humas_editor)
    client = sign_in(officer_b)
    url = f"/petugas/kegiatan/{activity.pk}/aspirasi/0/"
    assert client.get(url).status_code == 404
    assert client.post(url, filing()).status_code == 404
    assert Case.objects.count() == 0
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=officer_b).count() == 2
    )


def test_a_request_the_release_does_not_have_is_not_found(sign_in, humas_editor, kapolsek_a):
    activity = release_activity(humas_editor)
    client = sign_in(kapolsek_a)
    assert client.post(f"/petugas/kegiatan/{activity.pk}/aspirasi/2/", filing()).status_code == 404
    assert Case.objects.count() == 0


def test_humas_who_saved_the_release_sees_the_requests_without_filing_them(sign_in, humas_editor):
    activity = release_activity(humas_editor)
    page = sign_in(humas_editor).get(f"/petugas/kegiatan/{activity.pk}/").content.decode()
    assert "patroli malam di sekitar pasar" in page
    assert "Catat sebagai kasus" not in page
    assert page.count("Belum dicatat sebagai kasus") == 2


def test_requests_written_into_the_minutes_before_are_moved_to_the_list(humas_editor):
    activity = release_activity(humas_editor)
    Activity.objects.filter(pk=activity.pk).update(
        release_requests=[],
        minutes="Aspirasi menurut rilis:\n- lampu jalan (Ibu Eva)\n- patroli malam",
    )
    by_hand = release_activity(humas_editor, area=DISTRICT_A)
    Activity.objects.filter(pk=by_hand.pk).update(release_requests=[], minutes="Notulen rapat")
    migration = importlib.import_module("sinergi.engagement.migrations.0003_release_requests")
    migration.requests_from_minutes(apps, None)
    activity.refresh_from_db()
    by_hand.refresh_from_db()
    assert (activity.minutes, activity.release_requests) == (
        "",
        [{"text": "lampu jalan (Ibu Eva)", "who": ""}, {"text": "patroli malam", "who": ""}],
    )
    assert (by_hand.minutes, by_hand.release_requests) == ("Notulen rapat", [])


def test_the_category_list_is_in_the_readers_language(sign_in, humas_editor, kapolsek_a):
    activity = release_activity(humas_editor)
    client = sign_in(kapolsek_a)
    client.post("/bahasa/", {"language": "en"})
    assert "<h2>Aspirations (2)</h2>" in client.get(f"/petugas/kegiatan/{activity.pk}/").text
    form = client.get(f"/petugas/kegiatan/{activity.pk}/aspirasi/0/").content.decode()
    assert "Illegal street racing / loud exhausts</option>" in form
    assert "Balap liar / knalpot brong</option>" not in form
