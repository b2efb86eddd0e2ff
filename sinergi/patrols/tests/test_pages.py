from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import DISTRICT_A
from sinergi.accounts.models import AuditEvent
from sinergi.patrols import services
from sinergi.patrols.models import CheckIn, Hotspot, HotspotRequest, PatrolEvent
from sinergi.patrols.tests.helpers import (
    FIFTY_M,
    LAT,
    LNG,
    one_spot,
    plan_tonight,
    request_patrol,
    tonight_at_one_spot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tonight(kapolsek_a, bhabin_a):
    return tonight_at_one_spot(kapolsek_a, bhabin_a)


def test_the_officer_sees_today_s_plan_and_checks_in_on_the_spot(sign_in, bhabin_a, tonight):
    plan, hotspot = tonight
    client = sign_in(bhabin_a)
    page = client.get(reverse("patrols:today"))
    assert page.status_code == 200
    assert "Jl. Letjen S. Parman" in page.content.decode()
    url = reverse("patrols:checkin", args=[plan.pk, hotspot.pk])
    response = client.post(url, {"latitude": LAT, "longitude": LNG, "accuracy": 8, "note": "aman"})
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert (checkin.officer, checkin.flagged, checkin.note) == (bhabin_a, False, "aman")


def test_a_check_in_at_a_spot_without_a_position_says_so_not_that_the_phone_sent_none(
    sign_in, bhabin_a, tonight
):
    plan, hotspot = tonight
    Hotspot.objects.filter(pk=hotspot.pk).update(latitude=None, longitude=None)
    client = sign_in(bhabin_a)
    url = reverse("patrols:checkin", args=[plan.pk, hotspot.pk])
    page = client.post(url, {"latitude": LAT, "longitude": LNG, "accuracy": 8}, follow=True).text
    assert "Titik ini belum punya koordinat, jadi jaraknya tidak dapat diukur" in page
    assert "tanpa lokasi" not in page
    checkin = CheckIn.objects.get()
    assert (checkin.latitude, checkin.distance_m, checkin.flagged) == (LAT, None, True)


def test_officer_b_can_neither_see_nor_check_in_to_the_plan_of_district_a(
    sign_in, officer_b, tonight
):
    # given
    plan, hotspot = tonight
    events = PatrolEvent.objects.count()
    client = sign_in(officer_b)
    # when
    seen = client.get(reverse("patrols:plan", args=[plan.pk]))
    posted = client.post(
        reverse("patrols:checkin", args=[plan.pk, hotspot.pk]), {"latitude": LAT, "longitude": LNG}
    )
    listed = client.get(reverse("patrols:plans"))
    spots = client.get(reverse("patrols:hotspots"))
    today = client.get(reverse("patrols:today"))
    # then
    assert (seen.status_code, posted.status_code) == (404, 404)
    assert "Patroli malam" not in listed.content.decode()
    assert "Jl. Letjen S. Parman" not in spots.content.decode()
    assert "Jl. Letjen S. Parman" not in today.content.decode()
    assert CheckIn.objects.count() == 0
    assert PatrolEvent.objects.count() == events
    assert HotspotRequest.objects.filter(notified_at__isnull=False).count() == 0
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED).count() == 2


def test_the_kapolsek_plans_a_patrol_from_the_ranked_hotspots(sign_in, kapolsek_a, bhabin_a):
    hotspot = one_spot()
    client = sign_in(kapolsek_a)
    assert "Jl. Letjen S. Parman" in client.get(reverse("patrols:hotspots")).content.decode()
    response = client.post(
        reverse("patrols:plan_new"),
        {
            "title": "Patroli malam Minggu",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "weekdays": ["5", "6"],
            "time_start": "22:00",
            "time_end": "02:00",
            "route": [hotspot.pk],
            "officers": [bhabin_a.pk],
        },
    )
    assert response.status_code == 302
    plan = bhabin_a.patrol_plans.get()
    assert (plan.weekdays, list(plan.stops.values_list("hotspot_id", flat=True))) == (
        [5, 6],
        [hotspot.pk],
    )


def test_the_kapolsek_adds_a_hotspot_heard_at_jumat_curhat(sign_in, kapolsek_a):
    client = sign_in(kapolsek_a)
    response = client.post(
        reverse("patrols:hotspots"),
        {"area": "64.74.01.1002", "name": "Gang Mawar", "time_window": "malam"},
    )
    assert response.status_code == 302
    assert Hotspot.objects.get().source == Hotspot.Source.MANUAL


def test_a_leader_regroups_new_requests_from_the_page(sign_in, kapolsek_a):
    request_patrol()
    client = sign_in(kapolsek_a)
    client.post(reverse("patrols:hotspots"), {"action": "refresh"})
    assert Hotspot.objects.get().request_count == 1
    # counted as English counts: one request, no incidents
    client.post("/bahasa/", {"language": "en"})
    assert "1 request · 0 incidents" in client.get(reverse("patrols:hotspots")).text


def test_the_kapolsek_sees_this_month_s_figures_on_the_plans_page(sign_in, kapolsek_a, tonight):
    page = sign_in(kapolsek_a).get(reverse("patrols:plans")).content.decode()
    assert "Kunjungan direncanakan / dilaksanakan" in page
    assert "Patroli malam" in page


def test_the_hotspot_and_plan_lists_do_not_grow_in_queries_with_rows(sign_in, kapolsek_a, bhabin_a):
    client = sign_in(kapolsek_a)

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    request_patrol()
    services.hotspots_refresh(area_code=DISTRICT_A)
    plan_tonight(kapolsek_a, [bhabin_a], list(Hotspot.objects.all()))
    one = (count(reverse("patrols:hotspots")), count(reverse("patrols:plans")))
    for n in range(1, 6):
        request_patrol(lat=LAT + n * 100 * FIFTY_M, place=f"Titik {n}")
    services.hotspots_refresh(area_code=DISTRICT_A)
    plan_tonight(kapolsek_a, [bhabin_a], list(Hotspot.objects.all()))
    assert (count(reverse("patrols:hotspots")), count(reverse("patrols:plans"))) == one
