"""Hostile input on Open311 GeoReport v2: whatever a client sends, the answer is one of the
spec's statuses with the spec's body, and a refused request writes nothing (property-based)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import event, example, given
from hypothesis import strategies as st

from sinergi.accounts.models import User
from sinergi.accounts.services import api_token_create, api_token_revoke
from sinergi.cases.models import Case
from sinergi.cases.tests.helpers import PUBLIC_SERVICES, V2, counts, file_case
from sinergi.platform.tests.hostile import BOUNDED, CHARACTERS, hostile_text, mostly, rolled_back

pytestmark = pytest.mark.django_db

# Every description an Open311 error may carry, by its start (the API's text is English).
DESCRIPTIONS = (
    "A valid api_key is required",
    "Unknown service_code",
    "description is required.",
    "description may have at most",
    "service_code is required.",
    "lat must be between",
    "long must be between",
    "lat and long must be",
    "A location is required",
    "No village is known near",
    "address_id must be the code of a village",
    "email is not a valid address.",
    "phone must be 8 to 20 digits",
    "media_url must be",
    "Idempotency-Key may have at most",
    "The request body is too large.",
    "start_date must be",
    "end_date must be",
    "end_date is before start_date.",
    "start_date and end_date may be at most",
    "start_date or end_date is out of range.",
    "status must be open, closed or both",
    "No service request with this id.",
    "No service request for this token.",
    "No such Open311 resource.",
)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


coordinates = st.one_of(
    st.floats().map(repr),
    st.floats(-200, 200).map(str),
    hostile_text,
    st.sampled_from(["nan", "-inf", "Infinity", "1e400", "0.1441", "117.4937", "0,1441", " 1 "]),
)
posts = st.fixed_dictionaries(
    {
        "api_key": mostly(st.just("valid"), st.just("revoked") | hostile_text),
        "service_code": mostly(
            st.sampled_from(PUBLIC_SERVICES),
            st.sampled_from(["narkoba", "konflik-warga"]) | hostile_text,
        ),
        "description": mostly(st.just("Balap liar setiap malam."), hostile_text),
        "lat": mostly(st.floats(0.10, 0.20).map(str), coordinates),
        "long": mostly(st.floats(117.40, 117.55).map(str), coordinates),
    },
    optional={
        "address_id": st.sampled_from(["64.74.01.1002", "64.74.01", "64.74"]) | hostile_text,
        "email": st.just("siti@example.org") | hostile_text,
        "phone": st.just("0811 2222 3333") | hostile_text,
        "media_url": st.sampled_from(
            [
                "https://foto.example.org/a.jpg",
                "javascript:alert(1)",
                "http://[::1]:80/x",
                "ftp://x/y",
            ]
        )
        | hostile_text,
        "first_name": hostile_text,
        "last_name": hostile_text,
        "address_string": hostile_text,
        "device_id": hostile_text,
        "account_id": hostile_text,
    },
)
header_values = st.text(st.characters(codec="latin-1", exclude_categories=["Cc"]), max_size=80)


def spec_error(response: Any, fmt: str | None = None) -> tuple[int, str]:
    """The (code, description) of a spec error body, checked to be exactly that shape; in the
    format asked for, or else in the one it says it is."""
    if fmt == "json" or (fmt is None and response["Content-Type"].startswith("application/json")):
        assert response["Content-Type"] == "application/json; charset=utf-8"
        ((error),) = response.json()
        assert set(error) == {"code", "description"}
        return error["code"], error["description"]
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 -- our own response
    assert (root.tag, [e.tag for e in root]) == ("errors", ["error"])
    assert [e.tag for e in root[0]] == ["code", "description"]
    return int(root.findtext("error/code") or 0), root.findtext("error/description") or ""


@pytest.fixture
def keys(kapolres: User, settings: Any) -> dict[str, str]:
    settings.RATE_LIMIT_INTAKE_PER_MINUTE = 0  # test_ratelimit.py tests the limit
    token, revoked = api_token_create(user=kapolres, name="dicabut")

    api_token_revoke(token=token)
    return {"valid": api_token_create(user=kapolres, name="kota")[1], "revoked": revoked}


@given(fields=posts, fmt=st.sampled_from(["json", "xml"]), idempotency_key=optional(header_values))
@BOUNDED
def test_a_post_files_one_whole_case_or_answers_a_spec_error_and_writes_nothing(
    client: Client, keys: dict[str, str], fields, fmt, idempotency_key
):
    # given
    data = {**fields, "api_key": keys.get(fields["api_key"], fields["api_key"])}
    headers = {"Idempotency-Key": idempotency_key} if idempotency_key is not None else {}
    with rolled_back():
        # when
        response = client.post(
            f"{V2}requests.{fmt}",
            urlencode(data),
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )
        event(str(response.status_code))
        # then
        assert response.status_code in {201, 400, 403, 404}
        if response.status_code == 201:
            case = Case.objects.get()
            # filed once; moved at once to the lowest tier with someone seated when its village
            # has nobody (here only the Kapolres is)
            kinds = list(case.events.order_by("pk").values_list("kind", flat=True))
            assert kinds in (["submitted"], ["submitted", "escalated"])
            assert counts() == (1, 1, len(kinds), 1)
            assert case.description == data["description"].strip()
            assert case.channel == Case.Channel.OPEN311
            if fmt == "json":
                assert response.json()[0]["service_request_id"] == case.tracking_code
            return
        assert counts() == (0, 0, 0, 0)
        code, description = spec_error(response, fmt)
        assert code == response.status_code
        assert description.startswith(DESCRIPTIONS), description
        event(description[:30])
        assert (response.status_code == 403) == (data["api_key"] != keys["valid"])


ZONES = [UTC, timezone(timedelta(hours=8)), timezone(-timedelta(hours=12))]
dates = st.one_of(
    st.datetimes(timezones=st.sampled_from(ZONES)).map(datetime.isoformat),
    st.sampled_from(
        [
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-05:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2026-01-31T08:00:00 07:00",
            "2026-01-31",
            "kemarin",
        ]
    ),
    hostile_text,
)
queries = st.dictionaries(
    st.sampled_from(["service_request_id", "service_code", "status", "start_date", "end_date"])
    | st.text(CHARACTERS, max_size=10),
    st.one_of(
        dates, hostile_text, st.sampled_from(["open", "closed", "open,closed", "SNG-2222-2222"])
    ),
    max_size=5,
)


@given(params=queries, fmt=st.sampled_from(["json", "xml"]))
# once a 500 on SQLite: the moment is before year 1 in UTC
@example(params={"start_date": "0001-01-01T00:00:00+05:00"}, fmt="json")
@example(params={"end_date": "9999-12-31T23:59:59-05:00"}, fmt="xml")
@BOUNDED
def test_any_query_on_the_list_is_answered_200_or_a_spec_400_and_writes_nothing(
    client: Client, params, fmt
):
    file_case()  # one public case, so a list has something to show
    before = counts()
    response = client.get(f"{V2}requests.{fmt}?{urlencode(params)}")
    event(str(response.status_code))
    assert response.status_code in {200, 400}
    assert counts() == before
    if response.status_code == 400:
        code, description = spec_error(response, fmt)
        assert (code, description.startswith(DESCRIPTIONS)) == (400, True), description
    elif fmt == "json":
        assert all(item["service_code"] in PUBLIC_SERVICES for item in response.json())
    else:
        assert ET.fromstring(response.content).tag == "service_requests"  # noqa: S314 -- ours


@given(
    resource=st.sampled_from(["requests", "tokens", "services"]),
    ident=hostile_text,
    fmt=st.sampled_from(["json", "xml"]),
)
@example(resource="requests", ident="a.\n", fmt="json")  # once the HTML 404: "." missed "\n"
@BOUNDED
def test_any_id_in_the_path_is_200_or_a_spec_404(client: Client, resource, ident, fmt):
    response = client.get(f"{V2}{resource}/{quote(ident, safe='')}.{fmt}")
    assert response.status_code in {200, 404}
    if response.status_code == 404:
        # "a.b.json" asks for format "b.json": unknown formats are answered in XML
        code, description = spec_error(response, fmt if "." not in ident else None)
        assert (code, description.startswith((*DESCRIPTIONS, "Unknown"))) == (404, True)
