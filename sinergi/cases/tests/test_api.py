from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sinergi.accounts.models import AuditEvent, User
from sinergi.accounts.services import api_token_create
from sinergi.cases.models import Case, Reporter

pytestmark = pytest.mark.django_db


def token_client(user: User) -> Client:
    _, key = api_token_create(user=user, name="integrasi")
    return Client(headers={"Authorization": f"Bearer {key}"})


def payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "category": "tempat-rawan",
        "area": "64.74.01.1002",
        "description": "Gang gelap dekat sekolah rawan jambret.",
        "details": {"time_window": "18.00-22.00"},
        "reporter": {"anonymous": False, "name": "Bu RT", "phone": "081311112222"},
    }
    body.update(overrides)
    return body


def test_integration_files_a_case_once_per_idempotency_key(kapolres, bhabin_a):
    client = token_client(kapolres)
    first = client.post(
        "/api/v1/cases",
        payload(),
        content_type="application/json",
        headers={"Idempotency-Key": "abc-1"},
    )
    again = client.post(
        "/api/v1/cases",
        payload(),
        content_type="application/json",
        headers={"Idempotency-Key": "abc-1"},
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    body = first.json()
    assert (body["kind"], body["category"], body["area"], body["owner_area"], body["status"]) == (
        "patroli",
        "tempat-rawan",
        "64.74.01.1002",
        "64.74.01.1002",
        "baru",
    )
    case = Case.objects.get()
    assert (case.channel, case.details) == ("api", {"time_window": "18.00-22.00"})
    assert Reporter.objects.get().phone == "081311112222"
    assert "081311112222" not in first.text


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "tidak-ada"}, None),
        ({"area": "64.74.01"}, "area"),
        ({"area": "99.99.99.9999"}, None),
        ({"description": ""}, "description"),
        ({"latitude": 100}, "latitude"),
        ({"reporter": {"phone": "abc"}}, "reporter.phone"),
        ({"reporter": {"email": "bukan-surel"}}, "reporter.email"),
    ],
)
def test_bad_payloads_get_422_and_write_nothing(kapolres, overrides, field):
    response = token_client(kapolres).post(
        "/api/v1/cases", payload(**overrides), content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    if field:
        assert [f["field"] for f in body["fields"]] == [f"payload.{field}"]
    else:
        assert body["error"] == "invalid_input"
    assert not Case.objects.exists()


def test_malformed_json_is_a_clear_error(kapolres):
    response = token_client(kapolres).post(
        "/api/v1/cases", "{not json", content_type="application/json"
    )
    assert response.status_code in {400, 422}
    assert not Case.objects.exists()


def test_officer_b_cannot_list_or_read_village_a_cases(kapolres, officer_b):
    created = token_client(kapolres).post(
        "/api/v1/cases", payload(), content_type="application/json"
    )
    case_id = created.json()["id"]
    client_b = token_client(officer_b)
    listing = client_b.get("/api/v1/cases")
    assert (listing.json()["count"], listing.json()["items"]) == (0, [])
    one = client_b.get(f"/api/v1/cases/{case_id}")
    assert one.status_code == 404
    assert one.json() == {"error": "not_found", "message": "No case with this id.", "fields": []}
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=officer_b).count() == 1
    )
    assert token_client(kapolres).get("/api/v1/cases").json()["count"] == 1


def test_cases_api_needs_credentials():
    assert Client().get("/api/v1/cases").status_code == 401
    response = Client().post("/api/v1/cases", payload(), content_type="application/json")
    assert response.status_code == 401
    assert not Case.objects.exists()


def test_categories_are_public():
    body = Client().get("/api/v1/cases/categories").json()
    assert {
        "slug": "narkoba",
        "kind": "informasi",
        "name": "Penyalahgunaan narkoba",
        "privacy": "withheld",
        "sla_hours": [24, 24, 48, 72],
    } in body


def test_a_long_idempotency_key_fits_and_still_deduplicates(kapolres):
    client = token_client(kapolres)
    key = "x" * 64
    first = client.post(
        "/api/v1/cases",
        payload(),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )
    again = client.post(
        "/api/v1/cases",
        payload(),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert Case.objects.count() == 1
