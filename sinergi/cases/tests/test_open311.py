"""Open311 GeoReport v2 at /open311/v2/: public cases out, filing in with an API key."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import UTC, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from sinergi.accounts.models import ApiToken, AuditEvent, User
from sinergi.accounts.services import api_token_create, api_token_revoke
from sinergi.areas.models import Area
from sinergi.cases import services, tracking
from sinergi.cases.models import Case, CaseEvent, Category, Reporter
from sinergi.cases.tests.helpers import PUBLIC_SERVICES, V2, file_case
from sinergi.home.demo import open311_demo_key

pytestmark = pytest.mark.django_db

BONTANG_BARU = "64.74.01.1002"
BONTANG_BARU_LABEL = "Bontang Baru, Bontang Utara, Kota Bontang, Kalimantan Timur"
BAD_KEY = [{"code": 403, "description": "A valid api_key is required to post a service request."}]
NOT_FOUND = [{"code": 404, "description": "No service request with this id."}]
UNKNOWN_SERVICE = [
    {"code": 404, "description": "Unknown service_code: see services.xml or services.json."}
]


def parse(response: Any) -> ET.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<')
    return ET.fromstring(response.content)  # noqa: S314 -- our own response, not outside input


def rows(element: ET.Element) -> list[list[tuple[str, str | None]]]:
    return [[(field.tag, field.text) for field in item] for item in element]


def w3c(moment: Any) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def age(case: Case, days: int) -> Case:
    Case.objects.filter(pk=case.pk).update(created_at=timezone.now() - timedelta(days=days))
    return case


def codes(response: Any) -> list[str]:
    assert response.status_code == 200
    return [item["service_request_id"] for item in response.json()]


@pytest.fixture
def api_key(kapolres: User, bhabin_a: User) -> str:
    # Bontang Baru's Bhabinkamtibmas is seated: a case filed there stays with the village
    _, key = api_token_create(user=kapolres, name="Aplikasi kota")
    return key


def form(key: str, **overrides: str) -> dict[str, str]:
    data = {
        "api_key": key,
        "service_code": "balap-liar",
        "lat": "0.1441",
        "long": "117.4937",
        "description": "Balap liar setiap malam Minggu di Jl. Ahmad Yani.",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def nothing_written() -> bool:
    return not (Case.objects.exists() or Reporter.objects.exists() or CaseEvent.objects.exists())


# -- discovery and services ---------------------------------------------------------------------


def test_discovery_names_the_endpoint_in_both_formats(client: Client, settings):
    settings.DEMO = settings.DEBUG = False
    expected = {
        "changeset": "2026-11-22T00:00:00Z",
        "contact": "The Sinergi operators of testserver.",
        "key_service": "API keys are issued by a Sinergi administrator "
        "(manage.py create_api_token <username> <purpose>).",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": "http://testserver/open311/v2/",
                "changeset": "2026-11-22T00:00:00Z",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    response = client.get(f"{V2}discovery.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == expected

    root = parse(client.get(f"{V2}discovery.xml"))
    assert root.tag == "discovery"
    assert [(e.tag, e.text) for e in root] == [
        ("changeset", expected["changeset"]),
        ("contact", expected["contact"]),
        ("key_service", expected["key_service"]),
        ("endpoints", None),
    ]
    (endpoint,) = root.findall("endpoints/endpoint")
    assert [(e.tag, e.text) for e in endpoint] == [
        ("specification", "http://wiki.open311.org/GeoReport_v2"),
        ("url", "http://testserver/open311/v2/"),
        ("changeset", "2026-11-22T00:00:00Z"),
        ("type", "production"),
        ("formats", None),
    ]
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml", "application/json"]


def test_discovery_says_test_in_demo_mode(client: Client, settings):
    settings.DEMO = True
    assert client.get(f"{V2}discovery.json").json()["endpoints"][0]["type"] == "test"


def test_services_are_the_active_public_categories(client: Client):
    # given a public category that was retired
    Category.objects.filter(slug="kenakalan-remaja").update(active=False)
    # when
    body = client.get(f"{V2}services.json").json()
    # then confidential (konflik-warga), withheld (narkoba) and inactive ones are not offered
    assert [s["service_code"] for s in body] == [
        s for s in PUBLIC_SERVICES if s != "kenakalan-remaja"
    ]
    assert body[1] == {
        "service_code": "balap-liar",
        "service_name": "Balap liar / knalpot brong",
        "description": "Balap liar / knalpot brong",
        "metadata": False,
        "type": "realtime",
        "keywords": "balap,liar",
        "group": "Aspirasi / keluhan kamtibmas",
    }


def test_services_in_xml(client: Client):
    root = parse(client.get(f"{V2}services.xml"))
    assert root.tag == "services"
    assert {s.tag for s in root} == {"service"}
    assert [s.findtext("service_code") for s in root] == PUBLIC_SERVICES
    assert rows(root)[6] == [
        ("service_code", "tempat-rawan"),
        ("service_name", "Patroli di tempat rawan"),
        ("description", "Patroli di tempat rawan"),
        ("metadata", "false"),
        ("type", "realtime"),
        ("keywords", "tempat,rawan"),
        ("group", "Permintaan patroli"),
    ]


def test_service_definition_has_no_attributes_and_hidden_services_do_not_exist(client: Client):
    assert client.get(f"{V2}services/balap-liar.json").json() == {
        "service_code": "balap-liar",
        "attributes": [],
    }
    root = parse(client.get(f"{V2}services/balap-liar.xml"))
    assert (root.tag, [(e.tag, e.text) for e in root]) == (
        "service_definition",
        [("service_code", "balap-liar"), ("attributes", None)],
    )
    for code in ("konflik-warga", "narkoba", "tidak-ada"):
        response = client.get(f"{V2}services/{code}.json")
        assert (response.status_code, response.json()) == (404, UNKNOWN_SERVICE)


# -- reading requests ---------------------------------------------------------------------------


def test_confidential_withheld_and_merged_cases_never_leave(client: Client):
    # given one public case and three that must stay inside
    public = file_case()
    confidential = file_case("konflik-warga", description="Sengketa batas tanah.")
    withheld = file_case("narkoba", description="Transaksi di rumah kos.")
    merged = file_case()
    Case.objects.filter(pk=merged.pk).update(status=Case.Status.DIGABUNG, merged_into=public)
    hidden = [confidential.tracking_code, withheld.tracking_code, merged.tracking_code]
    # then the list shows only the public one, in both formats and with every filter
    assert codes(client.get(f"{V2}requests.json")) == [public.tracking_code]
    root = parse(client.get(f"{V2}requests.xml"))
    assert [r.findtext("service_request_id") for r in root] == [public.tracking_code]
    assert codes(client.get(f"{V2}requests.json", {"service_request_id": ",".join(hidden)})) == []
    assert codes(client.get(f"{V2}requests.json", {"service_code": "konflik-warga,narkoba"})) == []
    # and one by one they answer exactly like a code that does not exist
    missing_json = client.get(f"{V2}requests/SNG-2222-2222.json")
    missing_xml = client.get(f"{V2}requests/SNG-2222-2222.xml")
    assert (missing_json.status_code, missing_json.json()) == (404, NOT_FOUND)
    for code in hidden:
        as_json = client.get(f"{V2}requests/{code}.json")
        as_xml = client.get(f"{V2}requests/{code}.xml")
        assert (as_json.status_code, as_json.content) == (404, missing_json.content)
        assert (as_xml.status_code, as_xml.content) == (404, missing_xml.content)
        token = client.get(f"{V2}tokens/{code}.json")
        assert (token.status_code, token.json()) == (
            404,
            [{"code": 404, "description": "No service request for this token."}],
        )
    for text in ("Sengketa", "Transaksi", "Bu Ani", "081234567890", "ani@example.org"):
        assert text not in client.get(f"{V2}requests.json").text


def test_one_request_shows_its_public_part_and_never_the_reporter(client: Client, bhabin_a: User):
    # given a case taken, answered publicly, noted internally
    case = file_case(place="Jl. Ahmad Yani depan SD 1", latitude=0.1502, longitude=117.4874)
    services.case_take(case=case, by=bhabin_a)
    services.case_reply(case=case, by=bhabin_a, message="Sudah kami patroli malam ini.")
    services.case_note(case=case, by=bhabin_a, message="Pelapor kerabat saksi.")
    case.refresh_from_db()
    village = Area.objects.get(code=BONTANG_BARU)
    # when
    response = client.get(f"{V2}requests/{case.tracking_code.lower()}.json")
    # then
    assert response.json() == [
        {
            "service_request_id": case.tracking_code,
            "status": "open",
            "status_notes": "Sudah kami patroli malam ini.",
            "service_name": "Balap liar / knalpot brong",
            "service_code": "balap-liar",
            "description": "Balap liar tiap malam.",
            "agency_responsible": BONTANG_BARU_LABEL,
            "requested_datetime": w3c(case.created_at),
            "updated_datetime": w3c(case.updated_at),
            # the reporter's typed address and phone position never leave: the village's do
            "address": BONTANG_BARU_LABEL,
            "address_id": BONTANG_BARU,
            "zipcode": "75311",
            "lat": round(village.latitude, 5),
            "long": round(village.longitude, 5),
            "media_url": None,
        }
    ]
    assert (round(village.latitude, 4), round(village.longitude, 4)) != (0.1502, 117.4874)
    for private in ("Pelapor kerabat", "Bu Ani", "081234567890", "ani@example.org", "Ahmad Yani"):
        assert private not in response.text


def test_a_closed_request_says_when_it_closed_and_why(client: Client, bhabin_a: User):
    # given a resolved case without coordinates or a place
    case = file_case()
    services.case_resolve(case=case, by=bhabin_a, note="Pelaku sudah dibina.")
    case.refresh_from_db()
    village = Area.objects.get(code=BONTANG_BARU)
    # when
    root = parse(client.get(f"{V2}requests/{case.tracking_code}.xml"))
    # then the address and the point are the village's, updated_datetime the close time
    assert (root.tag, [r.tag for r in root]) == ("service_requests", ["request"])
    assert rows(root) == [
        [
            ("service_request_id", case.tracking_code),
            ("status", "closed"),
            ("status_notes", "Pelaku sudah dibina."),
            ("service_name", "Balap liar / knalpot brong"),
            ("service_code", "balap-liar"),
            ("description", "Balap liar tiap malam."),
            ("agency_responsible", BONTANG_BARU_LABEL),
            ("requested_datetime", w3c(case.created_at)),
            ("updated_datetime", w3c(case.closed_at)),
            ("address", BONTANG_BARU_LABEL),
            ("address_id", BONTANG_BARU),
            ("zipcode", "75311"),
            ("lat", str(round(village.latitude, 5))),
            ("long", str(round(village.longitude, 5))),
            ("media_url", None),
        ]
    ]


def test_status_filter(client: Client, bhabin_a: User):
    # given an open, a resolved and a rejected case
    open_case = file_case()
    resolved = file_case()
    services.case_resolve(case=resolved, by=bhabin_a, note="Selesai.")
    rejected = file_case()
    services.case_reject(case=rejected, by=bhabin_a, reason="Bukan wewenang kami.")
    url = f"{V2}requests.json"
    # then (newest first)
    assert codes(client.get(url, {"status": "open"})) == [open_case.tracking_code]
    assert codes(client.get(url, {"status": "closed"})) == [
        rejected.tracking_code,
        resolved.tracking_code,
    ]
    everything = [rejected.tracking_code, resolved.tracking_code, open_case.tracking_code]
    assert codes(client.get(url, {"status": "open,closed"})) == everything
    assert codes(client.get(url, {"status": ""})) == everything
    assert codes(client.get(url)) == everything


def test_service_code_and_id_filters(client: Client):
    patrol = file_case("tempat-rawan")
    racing = file_case("balap-liar")
    url = f"{V2}requests.json"
    assert codes(client.get(url, {"service_code": "tempat-rawan"})) == [patrol.tracking_code]
    assert codes(client.get(url, {"service_code": "balap-liar, tempat-rawan"})) == [
        racing.tracking_code,
        patrol.tracking_code,
    ]
    # a list of ids overrides every other filter, as the spec says
    assert codes(
        client.get(url, {"service_request_id": patrol.tracking_code, "status": "closed"})
    ) == [patrol.tracking_code]


def test_date_window_filters(client: Client):
    # given cases filed 10, 100 and 200 days ago
    recent, older, oldest = age(file_case(), 10), age(file_case(), 100), age(file_case(), 200)
    now = timezone.now()
    url = f"{V2}requests.json"

    def iso(days: int) -> str:
        return (now - timedelta(days=days)).isoformat(timespec="seconds")

    # then by default only the last 90 days
    assert codes(client.get(url)) == [recent.tracking_code]
    # both ends
    assert codes(client.get(url, {"start_date": iso(120), "end_date": iso(80)})) == [
        older.tracking_code
    ]
    # a start alone reaches 90 days forward, an end alone 90 days back
    assert codes(client.get(url, {"start_date": iso(210)})) == [oldest.tracking_code]
    assert codes(client.get(url, {"end_date": iso(95)})) == [older.tracking_code]
    # "Z" works, and so does a "+07:00" whose "+" the client forgot to encode
    z = (now - timedelta(days=15)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert codes(client.get(url, {"start_date": z})) == [recent.tracking_code]
    unencoded = (now - timedelta(days=15)).astimezone(timezone.get_fixed_timezone(420)).isoformat()
    assert "+07:00" in unencoded
    assert codes(client.get(f"{url}?start_date={unencoded}")) == [recent.tracking_code]


@pytest.mark.parametrize(
    ("params", "description"),
    [
        (
            {"start_date": "kemarin"},
            "start_date must be an ISO 8601 date and time with a time "
            "zone, e.g. 2026-01-31T08:00:00+08:00 or 2026-01-31T00:00:00Z.",
        ),
        (
            {"end_date": "2026-13-01T00:00:00Z"},
            "end_date must be an ISO 8601 date and time with a "
            "time zone, e.g. 2026-01-31T08:00:00+08:00 or 2026-01-31T00:00:00Z.",
        ),
        (
            {"start_date": "2026-01-01T00:00:00"},
            "start_date must be an ISO 8601 date and time with "
            "a time zone, e.g. 2026-01-31T08:00:00+08:00 or 2026-01-31T00:00:00Z.",
        ),
        (
            {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
            "end_date is before start_date.",
        ),
        (
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-02T00:00:00Z"},
            "start_date and end_date may be at most 90 days apart.",
        ),
        ({"start_date": "9999-12-31T00:00:00Z"}, "start_date or end_date is out of range."),
        ({"status": "pending"}, "status must be open, closed or both (comma-separated)."),
    ],
)
def test_bad_query_is_400_in_the_spec_shape(client: Client, params, description):
    file_case()
    response = client.get(f"{V2}requests.json", params)
    assert (response.status_code, response.json()) == (
        400,
        [{"code": 400, "description": description}],
    )
    root = parse(client.get(f"{V2}requests.xml", params))
    assert (root.tag, rows(root)) == (
        "errors",
        [[("code", "400"), ("description", description)]],
    )


def test_the_list_is_one_query(client: Client, django_assert_num_queries, bhabin_a: User):
    for _ in range(3):
        case = file_case()
        services.case_reply(case=case, by=bhabin_a, message="Ditindaklanjuti.")
    with django_assert_num_queries(1):
        response = client.get(f"{V2}requests.json")
    assert [r["status_notes"] for r in response.json()] == ["Ditindaklanjuti."] * 3


# -- filing requests ----------------------------------------------------------------------------


def test_post_with_lat_long_files_one_case_in_bontang_baru(client: Client, api_key, kapolres):
    # when
    response = client.post(
        f"{V2}requests.json",
        form(
            api_key,
            first_name="Siti",
            last_name="Aminah",
            phone="0811 2222 3333",
            email="siti@example.org",
            address_string="Depan Masjid Al-Ikhlas",
            media_url="https://foto.example.org/balap.jpg",
            device_id="ponsel-1",
            account_id="77",
        ),
    )
    # then
    case = Case.objects.get()
    code = case.tracking_code
    key = tracking.reporter_key(case.reporters.get().pk)
    assert (response.status_code, response.json()) == (
        201,
        [
            {
                "service_request_id": code,
                "token": code,
                "service_notice": f"Case filed. Follow it with tracking code {code} at "
                f"http://testserver/lacak/{code}/ The reporter's private key is {key} "
                "(private link: "
                f"http://testserver/lacak/{code}/?k={key}).",
                "account_id": None,
            }
        ],
    )
    assert (case.channel, case.category.slug, case.area_id, case.owner_area_id, case.status) == (
        "open311",
        "balap-liar",
        BONTANG_BARU,
        BONTANG_BARU,
        "baru",
    )
    assert (case.description, case.place, case.latitude, case.longitude, case.details) == (
        "Balap liar setiap malam Minggu di Jl. Ahmad Yani.",
        "Depan Masjid Al-Ikhlas",
        0.1441,
        117.4937,
        {"media_url": "https://foto.example.org/balap.jpg"},
    )
    reporter = Reporter.objects.get()
    assert (reporter.anonymous, reporter.name, reporter.phone, reporter.email, reporter.user) == (
        False,
        "Siti Aminah",
        "0811 2222 3333",
        "siti@example.org",
        None,
    )
    assert list(case.events.values_list("kind", "actor")) == [("submitted", kapolres.pk)]
    # and the token leads to the request, in both formats
    token = client.get(f"{V2}tokens/{code}.json")
    assert (token.status_code, token.json()) == (
        200,
        [{"service_request_id": code, "token": code}],
    )
    assert rows(parse(client.get(f"{V2}tokens/{code}.xml"))) == [
        [("service_request_id", code), ("token", code)]
    ]
    # and what it shows publicly carries the media link but not the reporter
    shown = client.get(f"{V2}requests/{code}.json")
    assert shown.json()[0]["media_url"] == "https://foto.example.org/balap.jpg"
    assert shown.json()[0]["address"] == BONTANG_BARU_LABEL
    for private in ("Siti", "Aminah", "0811 2222 3333", "siti@example.org", "Al-Ikhlas", key):
        assert private not in shown.text


def test_post_with_address_id_in_xml(client: Client, api_key):
    # when
    response = client.post(
        f"{V2}requests.xml", form(api_key, lat=None, long=None, address_id=BONTANG_BARU)
    )
    # then
    case = Case.objects.get()
    code = case.tracking_code
    key = tracking.reporter_key(case.reporters.get().pk)
    assert response.status_code == 201
    assert rows(parse(response)) == [
        [
            ("service_request_id", code),
            ("token", code),
            (
                "service_notice",
                f"Case filed. Follow it with tracking code {code} at "
                f"http://testserver/lacak/{code}/ The reporter's private key is "
                f"{key} (private link: http://testserver/lacak/{code}/?k={key}).",
            ),
            ("account_id", None),
        ]
    ]
    assert (case.area_id, case.latitude, case.longitude, case.place) == (
        BONTANG_BARU,
        None,
        None,
        "",
    )
    assert (Reporter.objects.get().anonymous, Reporter.objects.get().name) == (True, "")


def test_the_same_idempotency_key_twice_files_one_case(
    client: Client, api_key, kapolres, officer_b
):
    # when an integration retries with the same key
    first = client.post(f"{V2}requests.json", form(api_key), headers={"Idempotency-Key": "k-1"})
    again = client.post(f"{V2}requests.json", form(api_key), headers={"Idempotency-Key": "k-1"})
    # then
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    case = Case.objects.get()
    assert re.fullmatch(rf"open311:{kapolres.pk}:[0-9a-f]{{40}}", case.idempotency_key)
    assert (Reporter.objects.count(), CaseEvent.objects.count()) == (1, 1)
    # and the key belongs to its sender: another integration's "k-1" is another case
    _, other_key = api_token_create(user=officer_b, name="lain")
    other = client.post(f"{V2}requests.json", form(other_key), headers={"Idempotency-Key": "k-1"})
    assert other.status_code == 201
    assert Case.objects.count() == 2


@pytest.mark.parametrize("key", ["", "sng_salah", "revoked"])
def test_a_bad_api_key_is_403_and_writes_nothing(client: Client, kapolres, key):
    # given
    if key == "revoked":
        token, key = api_token_create(user=kapolres, name="lama")
        api_token_revoke(token=token)
    # when
    as_json = client.post(f"{V2}requests.json", form(key))
    as_xml = client.post(f"{V2}requests.xml", form(key))
    # then
    assert (as_json.status_code, as_json.json()) == (403, BAD_KEY)
    assert (as_xml.status_code, rows(parse(as_xml))) == (
        403,
        [[("code", "403"), ("description", BAD_KEY[0]["description"])]],
    )
    assert nothing_written()
    denied = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED)
    assert denied.count() == (2 if key else 0)


@pytest.mark.parametrize(
    ("overrides", "description"),
    [
        ({"description": None}, "description is required."),
        ({"description": "   "}, "description is required."),
        ({"description": "x" * 4001}, "description may have at most 4000 characters."),
        ({"service_code": ""}, "service_code is required."),
        ({"lat": "91"}, "lat must be between -90 and 90."),
        ({"lat": "nan"}, "lat must be between -90 and 90."),
        ({"long": "-181"}, "long must be between -180 and 180."),
        ({"lat": "nol koma satu"}, "lat and long must be decimal degrees (WGS84)."),
        ({"long": None}, "lat and long must be sent together."),
        (
            {"lat": None, "long": None, "address_string": "Bontang Baru"},
            "A location is required: lat and long, or address_id.",
        ),
        (
            {"lat": "51.5", "long": "-0.12"},
            "No village is known near lat/long; send address_id instead.",
        ),
        (
            {"lat": None, "long": None, "address_id": "64.74.01"},
            "address_id must be the code of a village, e.g. 64.74.01.1002.",
        ),
        ({"email": "bukan-surel"}, "email is not a valid address."),
        ({"phone": "telepon saya"}, "phone must be 8 to 20 digits, spaces or dashes, e.g. +62811…"),
        (
            {"media_url": "javascript:alert(1)"},
            "media_url must be an http(s) URL of at most 500 characters.",
        ),
        (
            {"media_url": "https://foto.example.org/" + "a" * 480},
            "media_url must be an http(s) URL of at most 500 characters.",
        ),
    ],
)
def test_bad_input_is_400_and_writes_nothing(client: Client, api_key, overrides, description):
    response = client.post(f"{V2}requests.json", form(api_key, **overrides))
    assert (response.status_code, response.json()) == (
        400,
        [{"code": 400, "description": description}],
    )
    assert nothing_written()


@pytest.mark.parametrize("service_code", ["tidak-ada", "konflik-warga", "narkoba", "retired"])
def test_a_service_code_we_do_not_offer_is_404_and_writes_nothing(
    client: Client, api_key, service_code
):
    # the spec answers an unknown service_code with 404; hidden and retired ones are unknown here
    if service_code == "retired":
        Category.objects.filter(slug="kenakalan-remaja").update(active=False)
        service_code = "kenakalan-remaja"
    response = client.post(f"{V2}requests.json", form(api_key, service_code=service_code))
    assert (response.status_code, response.json()) == (404, UNKNOWN_SERVICE)
    assert nothing_written()


def test_a_long_idempotency_key_is_refused(client: Client, api_key):
    response = client.post(
        f"{V2}requests.json", form(api_key), headers={"Idempotency-Key": "k" * 65}
    )
    assert (response.status_code, response.json()) == (
        400,
        [{"code": 400, "description": "Idempotency-Key may have at most 64 characters."}],
    )
    assert nothing_written()


def test_post_needs_no_csrf_token(api_key):
    # machines authenticate with api_key; there is no session for a forged request to ride on
    response = Client(enforce_csrf_checks=True).post(f"{V2}requests.json", form(api_key))
    assert response.status_code == 201
    assert Case.objects.count() == 1


def test_xml_escapes_what_citizens_write(client: Client, api_key):
    # given a description with markup, an ampersand and a control character XML cannot carry
    client.post(f"{V2}requests.json", form(api_key, description="Ada <script>&\x0b di sini"))
    code = Case.objects.get().tracking_code
    # when
    response = client.get(f"{V2}requests/{code}.xml")
    # then the markup is text, and the document still parses
    assert b"<description>Ada &lt;script&gt;&amp; di sini</description>" in response.content
    assert b"<script>" not in response.content
    assert parse(response).findtext("request/description") == "Ada <script>& di sini"
    assert client.get(f"{V2}requests/{code}.json").json()[0]["description"] == (
        "Ada <script>&\x0b di sini"
    )


# -- formats and methods ------------------------------------------------------------------------


def test_unknown_formats_and_paths_are_404_in_the_spec_shape(client: Client):
    for path in ("services.csv", "requests.html", "requests/SNG-2222-2222.yaml", "tidak-ada"):
        response = client.get(f"{V2}{path}")
        assert (response.status_code, rows(parse(response))) == (
            404,
            [
                [
                    ("code", "404"),
                    (
                        "description",
                        "Unknown format: use .xml or .json."
                        if "." in path
                        else "No such Open311 resource.",
                    ),
                ]
            ],
        )


def test_a_stray_post_gets_the_spec_404_not_a_csrf_page():
    response = Client(enforce_csrf_checks=True).post(f"{V2}laporan.json", {"api_key": "x"})
    assert (response.status_code, response.json()) == (
        404,
        [{"code": 404, "description": "No such Open311 resource."}],
    )


def test_other_methods_are_405(client: Client, api_key):
    response = client.delete(f"{V2}requests.json")
    assert (response.status_code, response["Allow"], response.json()) == (
        405,
        "GET, POST",
        [{"code": 405, "description": "Method not allowed: use GET or POST."}],
    )
    response = client.post(f"{V2}services.xml", {"api_key": api_key})
    assert (response.status_code, response["Allow"]) == (405, "GET")
    assert rows(parse(response)) == [
        [("code", "405"), ("description", "Method not allowed: use GET.")]
    ]
    assert client.put(f"{V2}requests/SNG-2222-2222.json").status_code == 405
    assert nothing_written()


# -- demo ---------------------------------------------------------------------------------------


def test_load_demo_prints_a_working_open311_key_every_time(client: Client, settings):
    # given
    settings.DEMO = True
    key = open311_demo_key()
    assert re.fullmatch(r"sng_demo_[0-9a-f]{32}", key)
    # when it runs twice
    outputs = []
    for _ in range(2):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        outputs.append(out.getvalue().splitlines())
    # then
    assert [lines[-1] for lines in outputs] == [f"Open311 demo API key: {key}"] * 2
    token = ApiToken.objects.get(name="Open311 demo")
    assert (token.user.username, ApiToken.objects.count()) == ("admin", 1)
    assert client.post(f"{V2}requests.json", form(key)).status_code == 201


def test_load_demo_makes_no_key_outside_demo_mode(settings):
    settings.DEMO = False
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "Open311 demo API key: none (made only with SINERGI_DEMO=true and the demo admin)"
    )
    assert not ApiToken.objects.exists()
