"""Activities end to end: what is heard becomes cases, what is promised becomes commitments."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from conftest import VILLAGE_A, earlier_on, make_official, village_today
from sinergi.accounts.models import AuditEvent, User
from sinergi.areas import timezones
from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.engagement import selectors, services
from sinergi.engagement.catalogue import ActivityType, PartnerKind
from sinergi.engagement.models import Activity, ActivityEvent, Aspiration, Partner
from sinergi.engagement.tests.helpers import aspirasi, jumat_curhat, polsek_a, promised
from sinergi.platform.tests.photos import jpeg_with_gps
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db

VILLAGE_A2 = "64.74.01.1001"


def partner_in(
    by: User,
    name: str,
    kind: str = PartnerKind.TOKOH_AGAMA,
    *,
    village: str = VILLAGE_A,
    **more: Any,
) -> Partner:
    """A partner saved by `by` in village A unless told otherwise (`more`: phone, address…)."""
    return services.partner_save(
        by=by, area=Area.objects.get(code=village), kind=kind, name=name, **more
    )


def planned_in_village_a(by: User, kind: str, title: str, **more: Any) -> Activity:
    """An activity of Polsek A planned by `by` in village A (`more`: planned_at, venue, place)."""
    return services.activity_plan(
        by=by,
        unit=polsek_a(),
        kind=kind,
        title=title,
        area=Area.objects.get(code=VILLAGE_A),
        **more,
    )


def photo_with_gps() -> SimpleUploadedFile:
    return SimpleUploadedFile("foto.jpg", jpeg_with_gps(), content_type="image/jpeg")


def test_aspirations_become_cases_in_the_village_forums_inbox_with_the_activity_linked(
    sign_in, bhabin_a
):
    activity = jumat_curhat(bhabin_a, commitments=(("Patroli malam setiap hari", date.today()),))

    cases = list(Case.objects.order_by("pk"))
    assert [c.description for c in cases] == [
        "Minta patroli malam di gang sekolah",
        "Lampu jalan mati",
    ]
    assert {(c.area_id, c.owner_area_id, c.channel) for c in cases} == {
        (VILLAGE_A, VILLAGE_A, Case.Channel.OFFICER)
    }
    assert [a.case_id for a in Aspiration.objects.filter(activity=activity)] == [
        c.pk for c in cases
    ]
    assert activity.status == Activity.Status.REPORTED
    assert list(activity.commitments.values_list("text", "area_id")) == [
        ("Patroli malam setiap hari", VILLAGE_A)
    ]

    client = sign_in(bhabin_a)
    inbox = client.get("/petugas/laporan/").content.decode()
    for case in cases:
        assert case.tracking_code in inbox
    assert "Dari kegiatan: Jumat Curhat di Balai Kelurahan Bontang Baru" in inbox
    page = client.get(f"/petugas/laporan/{cases[0].pk}/").content.decode()
    assert f'href="/petugas/kegiatan/{activity.pk}/"' in page


def test_a_second_report_or_a_replayed_key_files_nothing_twice(bhabin_a):
    first = jumat_curhat(bhabin_a, key="k-1")
    again = jumat_curhat(bhabin_a, key="k-1")
    assert again.pk == first.pk
    assert Case.objects.count() == 2
    with pytest.raises(services.EngagementError):
        services.activity_report(
            activity=first,
            by=bhabin_a,
            report=services.ReportIn(
                held_at=timezone.now(),
                aspirations=[services.AspirationIn(description="lagi", category=aspirasi())],
            ),
        )
    assert Case.objects.count() == 2
    assert Activity.objects.count() == 1


def test_photos_are_stored_without_their_gps(bhabin_a, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    activity = jumat_curhat(bhabin_a, photos=[photo_with_gps()])
    photo = activity.photos.get()
    with Image.open(photo.image.path) as stored:
        assert not stored.getexif()


def test_an_overdue_commitment_tells_its_owner_and_the_leader_above_once(bhabin_a, kapolsek_a):
    User.objects.filter(pk=bhabin_a.pk).update(email="bhabin@example.test")
    User.objects.filter(pk=kapolsek_a.pk).update(email="kapolsek@example.test")
    bhabin_a.refresh_from_db()
    yesterday = timezone.localdate() - timedelta(days=1)
    activity = jumat_curhat(
        bhabin_a,
        commitments=(("Patroli malam setiap hari", yesterday), ("Pasang CCTV", date(2099, 1, 1))),
    )
    assert services.commitments_notify_overdue() == 1
    sent = sorted(promised().values_list("to", flat=True))
    assert sent == ["bhabin@example.test", "kapolsek@example.test"]
    assert all(
        "Patroli malam setiap hari" in body for body in promised().values_list("body", flat=True)
    )
    assert activity.events.filter(kind=ActivityEvent.Kind.COMMITMENT_OVERDUE).count() == 1

    assert services.commitments_notify_overdue() == 0
    assert promised().count() == 2


def test_a_kapolsek_s_overdue_promise_goes_to_the_kapolres(kapolsek_a, kapolres):
    User.objects.filter(pk=kapolsek_a.pk).update(email="kapolsek@example.test")
    User.objects.filter(pk=kapolres.pk).update(email="kapolres@example.test")
    kapolsek_a.refresh_from_db()
    jumat_curhat(kapolsek_a, commitments=(("Patroli", timezone.localdate() - timedelta(days=3)),))
    services.commitments_notify_overdue()
    assert sorted(promised().values_list("to", flat=True)) == [
        "kapolres@example.test",
        "kapolsek@example.test",
    ]


def test_only_a_leader_of_the_unit_or_above_verifies(bhabin_a, kapolsek_a, kapolres):
    activity = jumat_curhat(bhabin_a)
    with pytest.raises(services.EngagementError):
        services.activity_verify(activity=activity, by=bhabin_a)
    assert Activity.objects.get(pk=activity.pk).status == Activity.Status.REPORTED
    services.activity_verify(activity=activity, by=kapolres)
    activity.refresh_from_db()
    assert (activity.status, activity.verified_by_id) == (Activity.Status.VERIFIED, kapolres.pk)


def test_an_officer_outside_the_area_neither_sees_the_partners_contact_nor_edits_the_activity(
    sign_in, bhabin_a, officer_b
):
    partner = partner_in(bhabin_a, "Ustaz Hasan", phone="081311112222", address="Jl. Masjid 1")
    planned = planned_in_village_a(
        bhabin_a,
        ActivityType.JUMAT_CURHAT,
        "Jumat Curhat",
        planned_at=timezone.now() - timedelta(hours=1),
    )
    client = sign_in(officer_b)

    page = client.get(f"/petugas/mitra/{partner.pk}/")
    assert page.status_code == 404
    assert b"081311112222" not in page.content
    assert b"Ustaz Hasan" not in client.get("/petugas/mitra/").content
    api = client.get(f"/api/v1/partners/{partner.pk}")
    assert api.status_code == 404
    assert b"081311112222" not in api.content
    assert client.get("/api/v1/partners").json()["count"] == 0

    response = client.post(
        f"/petugas/kegiatan/{planned.pk}/lapor/",
        {
            "held_at": "2026-01-01T10:00",
            "asp-TOTAL_FORMS": "1",
            "asp-INITIAL_FORMS": "0",
            "asp-0-description": "x",
            "asp-0-category": str(aspirasi().pk),
            "com-TOTAL_FORMS": "0",
            "com-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 404
    planned.refresh_from_db()
    assert planned.status == Activity.Status.PLANNED
    assert Case.objects.count() == 0
    assert client.post(f"/petugas/kegiatan/{planned.pk}/batal/", {"reason": "x"}).status_code == 404
    assert Activity.objects.get(pk=planned.pk).status == Activity.Status.PLANNED
    with pytest.raises(services.EngagementError):
        services.activity_report(
            activity=planned, by=officer_b, report=services.ReportIn(held_at=timezone.now())
        )
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=officer_b).count() >= 3
    )


def test_the_partners_contact_is_shown_in_the_area_and_each_view_is_recorded(sign_in, bhabin_a):
    partner = partner_in(bhabin_a, "Ustaz Hasan", phone="081311112222")
    client = sign_in(bhabin_a)
    assert b"081311112222" in client.get(f"/petugas/mitra/{partner.pk}/").content
    assert client.get(f"/api/v1/partners/{partner.pk}").json()["phone"] == "081311112222"
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED, actor=bhabin_a).count() == 2
    )


def test_a_partner_in_another_village_is_refused(bhabin_a):
    with pytest.raises(services.EngagementError):
        partner_in(bhabin_a, "x", village="64.74.02.1001")
    assert Partner.objects.count() == 0


def test_reporting_records_the_last_engagement_of_the_partners_on_the_village_s_calendar(
    bhabin_a,
):
    # held three days ago at 00.30 in Bontang (WITA): still the day before in Jakarta (WIB)
    held = earlier_on(3).replace(hour=0, minute=30)
    mosque = partner_in(bhabin_a, "Masjid Al-Ikhlas", PartnerKind.RUMAH_IBADAH)
    planned = planned_in_village_a(
        bhabin_a, ActivityType.JUMAT_KELILING, "Jumling", planned_at=held, place=mosque
    )
    services.activity_report(activity=planned, by=bhabin_a, report=services.ReportIn(held_at=held))
    mosque.refresh_from_db()
    # then the mosque was last met on Bontang's day, whichever clock the server keeps
    assert (mosque.last_engaged_on, mosque.last_engaged_subject) == (
        village_today() - timedelta(days=3),
        "Jumling",
    )
    assert timezone.localdate(held) == village_today() - timedelta(days=4)  # Jakarta's day


def test_coverage_shows_which_villages_and_places_had_an_engagement(bhabin_a, kapolsek_a):
    mosque = partner_in(
        kapolsek_a, "Masjid Nurul Huda", PartnerKind.RUMAH_IBADAH, village=VILLAGE_A2
    )
    jumat_curhat(bhabin_a)
    result = selectors.coverage(unit=polsek_a())
    villages = {v.code: v for v in result.villages}
    assert set(villages) == set(
        Area.objects.filter(code__startswith="64.74.01.", level=4).values_list("code", flat=True)
    )
    assert villages[VILLAGE_A].last == village_today()
    assert villages[VILLAGE_A2].last is None
    assert result.villages_30 == 1
    assert result.villages[-1].code == VILLAGE_A  # never-visited first, the visited last
    assert [(p.name, p.last) for p in result.places] == [(mosque.name, None)]
    assert result.places_90 == 0


def test_the_public_pages_show_the_schedule_and_the_promise_but_no_minutes(
    client, bhabin_a, kapolsek_a
):
    upcoming = planned_in_village_a(
        bhabin_a,
        ActivityType.JUMAT_CURHAT,
        "Jumat Curhat Bontang Baru",
        venue="Masjid Al-Ikhlas",
        planned_at=timezone.now() + timedelta(days=4),
    )
    held = jumat_curhat(
        bhabin_a,
        commitments=(("Patroli malam setiap hari", date(2099, 1, 1)),),
        minutes="Rahasia: nama saksi Pak Budi",
    )
    schedule = client.get("/jadwal/64.74/").content.decode()
    assert "Masjid Al-Ikhlas" in schedule
    assert f"/kegiatan/{upcoming.pk}/" in schedule
    # a report its leader has not verified is not public yet
    assert "Patroli malam setiap hari" not in client.get("/komitmen/64.74.01/").content.decode()
    assert client.get(f"/kegiatan/{held.pk}/").status_code == 404
    assert client.get("/api/v1/commitments?area=64.74").json()["count"] == 0
    services.activity_verify(activity=held, by=kapolsek_a)
    board = client.get("/komitmen/64.74.01/").content.decode()
    assert "Patroli malam setiap hari" in board
    assert "bukti pada 0 dari 1 hari" in board  # a daily promise made today, no evidence yet
    client.post("/bahasa/", {"language": "en"})
    assert "evidence on 0 of 1 day" in client.get("/komitmen/64.74.01/").text  # not "1 days"
    client.post("/bahasa/", {"language": "id"})
    public = client.get(f"/kegiatan/{held.pk}/").content.decode()
    assert "Patroli malam setiap hari" in public
    assert "Pak Budi" not in public
    assert "Lampu jalan mati" not in public
    assert client.get("/api/v1/commitments?area=64.74").json()["items"][0]["text"] == (
        "Patroli malam setiap hari"
    )


def test_the_api_filters_by_area(sign_in, bhabin_a, kapolres):
    activity = jumat_curhat(bhabin_a)
    client = sign_in(kapolres)
    assert [a["id"] for a in client.get("/api/v1/activities?area=64.74.01").json()["items"]] == [
        activity.pk
    ]
    assert client.get("/api/v1/activities?area=64.74.02").json()["count"] == 0
    partner_in(bhabin_a, "A")
    assert client.get("/api/v1/partners?area=64.74.01").json()["count"] == 1
    assert client.get("/api/v1/partners?area=64.74.02").json()["count"] == 0
    assert client.get("/api/v1/releases?area=64.74").json()["count"] == 0


def test_the_public_board_counts_each_promise_under_one_heading(client, bhabin_a, kapolsek_a):
    # given a verified Jumat Curhat with one promise past its due date and one still running
    activity = jumat_curhat(
        bhabin_a,
        commitments=(
            ("Patroli malam", village_today() - timedelta(days=2)),
            ("Pasang CCTV", village_today() + timedelta(days=20)),
        ),
    )
    services.activity_verify(activity=activity, by=kapolsek_a)
    # when anyone opens the village's board
    html = client.get(f"/komitmen/{VILLAGE_A}/").content.decode()
    # then the late one is counted as late only, and the counts add up to the promises
    assert re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", html) == [
        ("Berjalan", "1"),
        ("Lewat tenggat", "1"),
        ("Ditepati", "0"),
    ]


def test_an_activity_of_a_programme_s_own_kind_is_of_that_programme(bhabin_a):
    # a Jumat Curhat counts under the Jumat Curhat programme whether or not it was ticked, so the
    # recap's programmes and the board's kinds agree; other programmes ticked stay
    when = timezone.now() + timedelta(days=2)
    plain = planned_in_village_a(bhabin_a, ActivityType.JUMAT_CURHAT, "JC", planned_at=when)
    both = planned_in_village_a(
        bhabin_a, ActivityType.JUMAT_CURHAT, "JC", planned_at=when, programs=["cooling_system"]
    )
    visit = planned_in_village_a(bhabin_a, ActivityType.SILATURAHMI, "Sambang", planned_at=when)
    assert (plain.programs, both.programs, visit.programs) == (
        ["jumat_curhat"],
        ["jumat_curhat", "cooling_system"],
        [],
    )


def test_a_lurah_reads_a_polsek_s_planned_activity_but_neither_reports_nor_cancels_it(
    sign_in, bhabin_a, kapolsek_a
):
    # given the Polsek's Jumat Curhat planned by its Kapolsek, and the Lurah of the village
    planned = planned_in_village_a(
        kapolsek_a,
        ActivityType.JUMAT_CURHAT,
        "Jumat Curhat Polsek",
        planned_at=timezone.now() - timedelta(hours=1),
    )
    lurah = make_official("lurah_a", f"desa:{VILLAGE_A}", Post.Title.KEPALA_DESA)
    client = sign_in(lurah)
    page = client.get(f"/petugas/kegiatan/{planned.pk}/")
    # then she reads it, with neither "Laporkan hasil" nor "Batalkan kegiatan" offered
    assert page.status_code == 200
    assert "Jumat Curhat Polsek" in page.text
    assert "Laporkan hasil" not in page.text
    assert "Batalkan kegiatan" not in page.text
    # and what she posts anyway is refused as a denial, changing nothing
    assert client.get(f"/petugas/kegiatan/{planned.pk}/lapor/").status_code == 404
    cancel = client.post(f"/petugas/kegiatan/{planned.pk}/batal/", {"reason": "Hujan"})
    assert cancel.status_code == 404
    with pytest.raises(services.EngagementError, match="milik Polsek"):
        services.activity_report(
            activity=planned, by=lurah, report=services.ReportIn(held_at=timezone.now())
        )
    with pytest.raises(services.EngagementError, match="milik Polsek"):
        services.activity_cancel(activity=planned, by=lurah, reason="Hujan")
    planned.refresh_from_db()
    assert planned.status == Activity.Status.PLANNED
    assert list(planned.events.values_list("kind", flat=True)) == [ActivityEvent.Kind.PLANNED]
    denied = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=lurah)
    assert denied.count() == 2
    # while the Polsek's Bhabinkamtibmas, who did not plan it, is offered both and may cancel
    officer_page = sign_in(bhabin_a).get(f"/petugas/kegiatan/{planned.pk}/").text
    assert "Laporkan hasil" in officer_page
    assert "Batalkan kegiatan" in officer_page
    services.activity_cancel(activity=planned, by=bhabin_a, reason="Hujan deras")
    assert Activity.objects.get(pk=planned.pk).status == Activity.Status.CANCELLED


def test_an_activity_planned_for_a_later_day_offers_no_report_yet(sign_in, bhabin_a):
    # given a Jumat Curhat planned for Friday next week
    planned = planned_in_village_a(
        bhabin_a,
        ActivityType.JUMAT_CURHAT,
        "Jumat Curhat pekan depan",
        planned_at=timezone.now() + timedelta(days=7),
    )
    page = sign_in(bhabin_a).get(f"/petugas/kegiatan/{planned.pk}/").text
    # then its page says when its outcome is reported, with no button to report it now
    assert "Laporkan hasil" not in page
    assert "Hasilnya dilaporkan mulai hari kegiatan." in page
    assert "Batalkan kegiatan" in page


def test_a_planned_activity_is_moved_to_another_time_and_place_by_who_runs_it(
    sign_in, bhabin_a, kapolsek_a
):
    # given a cooling-system dialogue planned in one tap for Friday 09.00, with no venue
    friday = timezone.now() + timedelta(days=3)
    planned = planned_in_village_a(
        kapolsek_a, ActivityType.DIALOG_KAMTIBMAS, "Dialog cooling system", planned_at=friday
    )
    page = f"/petugas/kegiatan/{planned.pk}/"
    client = sign_in(kapolsek_a)
    assert "Ubah jadwal atau tempat" in client.get(page).text
    # when the Kapolsek moves it a day later, to the mosque
    # typed as the village's clock reads (WITA)
    later = timezones.local(friday + timedelta(days=1), VILLAGE_A).replace(second=0, microsecond=0)
    moved = client.post(
        f"{page}jadwal/",
        {"when": later.strftime("%Y-%m-%dT%H:%M"), "venue": "Masjid Al-Ikhlas"},
        follow=True,
    )
    # then it stands there, its history says when it now is, and the page says so
    assert "Jadwal kegiatan diubah." in moved.text
    planned.refresh_from_db()
    assert (planned.planned_at, planned.venue) == (later, "Masjid Al-Ikhlas")
    event = planned.events.get(kind=ActivityEvent.Kind.RESCHEDULED)
    assert event.data["to"] == {"at": later.isoformat(), "venue": "Masjid Al-Ikhlas"}
    with translation.override("id"):
        when = timezones.shown(later, VILLAGE_A)
    assert f"Kini: {when} · Masjid Al-Ikhlas" in moved.text
    # and a time already past, or a partner of the village, changes nothing
    past = client.post(
        f"{page}jadwal/",
        {"when": "2020-01-03T09:00", "venue": "Balai"},
        follow=True,
    )
    assert "Waktu baru harus sesudah saat ini." in past.text
    # and the form opens again with what was typed
    assert '<details class="card" id="reschedule" open>' in past.text
    assert 'value="2020-01-03T09:00"' in past.text
    assert 'value="Balai"' in past.text
    lurah = make_official("lurah_a", f"desa:{VILLAGE_A}", Post.Title.KEPALA_DESA)
    outsider = sign_in(lurah).post(f"{page}jadwal/", {"when": "2030-01-03T09:00"})
    assert outsider.status_code == 404
    planned.refresh_from_db()
    assert (planned.planned_at, planned.venue) == (later, "Masjid Al-Ikhlas")
    assert planned.events.filter(kind=ActivityEvent.Kind.RESCHEDULED).count() == 1
