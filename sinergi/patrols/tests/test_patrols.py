from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from conftest import DISTRICT_A, VILLAGE_A
from sinergi.areas.models import Area
from sinergi.cases.models import Case, CaseEvent
from sinergi.messaging.models import Outbox
from sinergi.patrols import selectors, services
from sinergi.patrols.models import CheckIn, Hotspot, HotspotRequest, PatrolEvent
from sinergi.patrols.tests.helpers import (
    FIFTY_M,
    LAT,
    LNG,
    TWO_KM,
    check_in,
    last_night,
    plan_tonight,
    request_patrol,
    tonight_at_one_spot,
)
from sinergi.platform.tests.photos import jpeg

pytestmark = pytest.mark.django_db

OTHER_VILLAGE = "64.74.01.1001"


def test_two_requests_50_m_apart_make_one_hotspot():
    # given
    first = request_patrol(window="22:00-02:00")
    second = request_patrol(lat=LAT + FIFTY_M, place="depan SPBU", window="Malam Minggu")
    # when
    done = services.hotspots_refresh(area_code=DISTRICT_A)
    # then
    hotspot = Hotspot.objects.get()
    assert (done.requests, done.created) == (2, 1)
    assert hotspot.request_count == 2
    assert hotspot.time_windows == ["22:00-02:00", "Malam Minggu"]
    assert set(hotspot.requests.values_list("case_id", flat=True)) == {first.pk, second.pk}


def test_requests_2_km_apart_make_two_hotspots_and_a_refresh_places_nothing_twice():
    request_patrol()
    request_patrol(lat=LAT + TWO_KM, place="Pasar")
    services.hotspots_refresh(area_code=DISTRICT_A)
    again = services.hotspots_refresh(area_code=DISTRICT_A)
    assert Hotspot.objects.count() == 2
    assert again.requests == 0
    assert HotspotRequest.objects.count() == 2


def test_the_same_named_spot_in_a_village_is_one_hotspot_even_without_a_position():
    request_patrol(lat=None, lng=None, place="Lapangan  Bola RT 05")
    request_patrol(lat=None, lng=None, place="lapangan bola rt 05")
    # the same name in another village is another spot
    request_patrol(lat=None, lng=None, place="Lapangan Bola RT 05", village=OTHER_VILLAGE)
    services.hotspots_refresh(area_code=DISTRICT_A)
    assert sorted(Hotspot.objects.values_list("area_id", "request_count")) == [
        (OTHER_VILLAGE, 1),
        (VILLAGE_A, 2),
    ]


def test_hotspots_rank_by_requests_and_related_incidents():
    for _ in range(3):
        request_patrol(lat=LAT + TWO_KM, place="Pasar")
    request_patrol()
    services.hotspots_refresh(area_code=DISTRICT_A)
    assert list(Hotspot.objects.values_list("name", "request_count")) == [
        ("Pasar", 3),
        ("Jl. Letjen S. Parman", 1),
    ]


def test_a_leader_adds_a_hotspot_by_hand_and_requests_nearby_join_it(kapolsek_a):
    spot = services.hotspot_add(
        area=Area.objects.get(code=VILLAGE_A),
        name="Taman Kota",
        by=kapolsek_a,
        latitude=LAT,
        longitude=LNG,
    )
    request_patrol(lat=LAT + FIFTY_M)
    services.hotspots_refresh(area_code=DISTRICT_A)
    spot.refresh_from_db()
    assert (Hotspot.objects.count(), spot.request_count, spot.source) == (1, 1, "manual")


def test_a_check_in_2_km_away_is_flagged_and_tells_nobody(kapolsek_a, bhabin_a):
    # given
    plan, hotspot = tonight_at_one_spot(kapolsek_a, bhabin_a)
    Outbox.objects.all().delete()
    # when
    checkin = check_in(plan, hotspot, bhabin_a, at=(LAT + TWO_KM, LNG))
    # then
    assert checkin.flagged is True
    assert 1990 < (checkin.distance_m or 0) < 2010
    assert PatrolEvent.objects.filter(kind=PatrolEvent.Kind.FLAGGED).count() == 1
    assert Outbox.objects.count() == 0
    assert Case.objects.get().status == Case.Status.BARU


def test_a_check_in_without_a_position_is_flagged(kapolsek_a, bhabin_a):
    plan, hotspot = tonight_at_one_spot(kapolsek_a, bhabin_a)
    checkin = check_in(plan, hotspot, bhabin_a, at=(None, None))
    assert (checkin.flagged, checkin.distance_m) == (True, None)


def test_requesters_are_told_sudah_dipatroli_exactly_once_per_patrolled_hotspot(
    kapolsek_a, bhabin_a
):
    # given two requesters with e-mail and one without a contact, at one spot
    cases = [
        request_patrol(email="satu@example.id"),
        request_patrol(lat=LAT + FIFTY_M, email="dua@example.id"),
        request_patrol(lat=LAT - FIFTY_M, email=""),
    ]
    services.hotspots_refresh(area_code=DISTRICT_A)
    hotspot = Hotspot.objects.get()
    plan = plan_tonight(kapolsek_a, [bhabin_a], [hotspot])
    Outbox.objects.all().delete()
    # when the officer checks in there twice
    for _ in range(2):
        check_in(
            plan,
            hotspot,
            bhabin_a,
            at=(LAT, LNG + 0.0005),
            taken_at=last_night(),
        )
    # then each requester with a contact got exactly one message, and every case moved on
    told = sorted(Outbox.objects.values_list("to", flat=True))
    assert told == ["dua@example.id", "satu@example.id"]
    assert all("sudah dipatroli" in body for body in Outbox.objects.values_list("body", flat=True))
    assert {c.status for c in Case.objects.filter(pk__in=[c.pk for c in cases])} == {
        Case.Status.SELESAI
    }
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.STATUS, public=True).count() == 3
    assert HotspotRequest.objects.filter(notified_at__isnull=True).count() == 0
    assert CheckIn.objects.filter(flagged=False).count() == 2
    assert PatrolEvent.objects.filter(kind=PatrolEvent.Kind.NOTIFIED).count() == 1


def test_a_later_request_at_a_patrolled_spot_is_told_after_the_next_patrol(kapolsek_a, bhabin_a):
    request_patrol(email="satu@example.id")
    services.hotspots_refresh(area_code=DISTRICT_A)
    hotspot = Hotspot.objects.get()
    plan = plan_tonight(kapolsek_a, [bhabin_a], [hotspot])
    check_in(
        plan,
        hotspot,
        bhabin_a,
        taken_at=last_night(),
    )
    request_patrol(email="baru@example.id")
    services.hotspots_refresh(area_code=DISTRICT_A)
    Outbox.objects.all().delete()
    check_in(
        plan,
        hotspot,
        bhabin_a,
        taken_at=last_night(),
    )
    assert list(Outbox.objects.values_list("to", flat=True)) == ["baru@example.id"]


def test_a_check_in_photo_is_kept_without_its_metadata(kapolsek_a, bhabin_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    photo = SimpleUploadedFile("x.jpg", jpeg(), content_type="image/jpeg")
    plan, hotspot = tonight_at_one_spot(kapolsek_a, bhabin_a)
    checkin = check_in(
        plan,
        hotspot,
        bhabin_a,
        photo=photo,
        note="Aman, 3 pemuda dibubarkan.",
    )
    assert checkin.photo.name.startswith("patrols/")
    with Image.open(checkin.photo.path) as stored:
        assert not stored.getexif()


def test_a_night_patrol_is_still_on_the_officer_s_phone_after_midnight(kapolsek_a, bhabin_a):
    # given a plan for one night, 22.00 to 02.00
    request_patrol()
    services.hotspots_refresh(area_code=DISTRICT_A)
    plan = plan_tonight(kapolsek_a, [bhabin_a], [Hotspot.objects.get()])
    night = timezone.localdate()
    zone = timezone.get_current_timezone()
    # then it shows at 23.00 and at 01.00 the next morning, not at 03.00 or the next evening
    at = [
        datetime.combine(night, time(23, 0), tzinfo=zone),
        datetime.combine(night + timedelta(days=1), time(1, 0), tzinfo=zone),
        datetime.combine(night + timedelta(days=1), time(3, 0), tzinfo=zone),
        datetime.combine(night + timedelta(days=1), time(23, 0), tzinfo=zone),
    ]
    shown = [[p.plan for p in selectors.plans_today(user=bhabin_a, now=now)] for now in at]
    assert shown == [[plan], [plan], [], []]


def test_the_scheduled_sweep_places_new_requests_of_every_district_once():
    request_patrol()
    request_patrol(village="64.74.02.1001", place="Terminal")
    assert services.hotspots_refresh_due() == 2
    assert services.hotspots_refresh_due() == 0
    assert sorted(Hotspot.objects.values_list("area_id", flat=True)) == [
        VILLAGE_A,
        "64.74.02.1001",
    ]


def test_an_old_hotspot_falls_in_rank_as_its_requests_age():
    request_patrol()
    services.hotspots_refresh(area_code=DISTRICT_A)
    fresh = Hotspot.objects.get().score
    services.hotspots_refresh(area_code=DISTRICT_A, now=timezone.now() + timedelta(days=60))
    assert Hotspot.objects.get().score < fresh
