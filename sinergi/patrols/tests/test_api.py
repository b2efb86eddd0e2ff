from __future__ import annotations

import pytest
from django.test import Client

from conftest import DISTRICT_A
from sinergi.accounts.models import User
from sinergi.accounts.services import api_token_create
from sinergi.patrols import events, services
from sinergi.patrols.models import Hotspot
from sinergi.patrols.tests.helpers import ask_security, plan_tonight, request_patrol

pytestmark = pytest.mark.django_db


def token_client(user: User) -> Client:
    _, key = api_token_create(user=user, name="integrasi")
    return Client(headers={"authorization": f"Bearer {key}"})


@pytest.fixture
def district_a(kapolsek_a, bhabin_a):
    request_patrol()
    services.hotspots_refresh(area_code=DISTRICT_A)
    plan = plan_tonight(kapolsek_a, [bhabin_a], [Hotspot.objects.get()])
    event = events.event_request_open(case=ask_security(5000))
    return plan, event


def test_the_kapolres_lists_hotspots_patrols_and_event_requests(kapolres, district_a):
    plan, event = district_a
    client = token_client(kapolres)
    hotspots = client.get("/api/v1/hotspots").json()
    patrols = client.get("/api/v1/patrols").json()
    requests = client.get("/api/v1/event-requests").json()
    assert (hotspots["count"], hotspots["items"][0]["request_count"]) == (1, 1)
    assert patrols["items"][0]["route"][0]["name"] == "Jl. Letjen S. Parman"
    assert (requests["items"][0]["owner_area"], requests["items"][0]["level"]) == ("64.74", 2)
    assert client.get(f"/api/v1/patrols/{plan.pk}").status_code == 200
    assert client.get(f"/api/v1/event-requests/{event.pk}").status_code == 200


def test_officer_b_gets_nothing_of_district_a_through_the_api(officer_b, district_a):
    plan, event = district_a
    client = token_client(officer_b)
    for path in ("/api/v1/hotspots", "/api/v1/patrols", "/api/v1/event-requests"):
        assert client.get(path).json()["count"] == 0
    hotspot = Hotspot.objects.get()
    assert client.get(f"/api/v1/hotspots/{hotspot.pk}").status_code == 404
    assert client.get(f"/api/v1/patrols/{plan.pk}").status_code == 404
    assert client.get(f"/api/v1/event-requests/{event.pk}").status_code == 404


def test_the_patrol_api_needs_credentials(client):
    assert client.get("/api/v1/patrols").status_code == 401
