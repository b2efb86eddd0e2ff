"""Requests that arrive through the public form at /lapor/ reach hotspots and event routing."""

from __future__ import annotations

import pytest

from conftest import DISTRICT_A, VILLAGE_A
from sinergi.cases.models import Case, Category
from sinergi.patrols import events, services
from sinergi.patrols.models import Hotspot
from sinergi.patrols.tests.helpers import FIFTY_M, LAT, LNG

pytestmark = pytest.mark.django_db


def lapor(client, slug: str, key: str, **extra: object) -> Case:
    data = {
        "category": Category.objects.get(slug=slug).pk,
        "area": VILLAGE_A,
        "description": "Mohon bantuan.",
        "anonymous": "on",
        "idempotency_key": key,
        **extra,
    }
    response = client.post("/lapor/", data)
    assert response.status_code == 302
    # the form's key is this browser's own (hashed with it): the case is found by its code
    return Case.objects.get(tracking_code=response["Location"].split("/")[2])


def test_two_patrol_requests_from_the_form_with_the_phone_s_position_make_one_hotspot(client):
    lapor(client, "tempat-rawan", "a", latitude=LAT, longitude=LNG, time_window="malam")
    lapor(client, "tempat-rawan", "b", latitude=LAT + FIFTY_M, longitude=LNG)
    services.hotspots_refresh(area_code=DISTRICT_A)
    assert Hotspot.objects.get().request_count == 2


def test_an_event_request_from_the_form_carries_organiser_time_and_reach(client):
    case = lapor(
        client,
        "kegiatan-keagamaan",
        "c",
        event_name="Milad MUI",
        event_date="2026-12-20",
        event_time="08.00–12.00",
        organiser="MUI Kota Bontang",
        crowd_size=500,
        reach="kabupaten",
    )
    request = events.event_request_open(case=case)
    case.refresh_from_db()
    assert (request.organiser, request.event_time, request.level) == (
        "MUI Kota Bontang",
        "08.00–12.00",
        2,
    )
    assert case.owner_area_id == "64.74"
