"""Public rate limits: the request over the limit is answered 429 and changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sinergi.cases.models import Case, Category
from sinergi.platform import ratelimit
from sinergi.platform.models import RateCount

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_minute")]


def report(key: str) -> dict[str, Any]:
    return {
        "category": Category.objects.get(slug="balap-liar").pk,
        "area": "64.74.01.1002",
        "description": "Balap liar tiap malam Minggu di jalan depan pasar.",
        "anonymous": "on",
        "idempotency_key": key,
    }


def test_the_intake_form_over_the_limit_gets_a_clear_page_and_files_nothing(client, settings):
    settings.RATE_LIMIT_INTAKE_PER_MINUTE = 3
    answers = [client.post("/lapor/", report(f"k-{n}")).status_code for n in range(4)]
    assert answers == [302, 302, 302, 429]
    refused = client.post("/lapor/", report("k-9"))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "Terlalu banyak permintaan dari alamat Anda" in refused.text
    assert Case.objects.count() == 3


def test_the_api_answers_structured_json_when_over_the_limit(settings):
    settings.RATE_LIMIT_INTAKE_PER_MINUTE = 1
    client = Client()
    client.post("/api/v1/cases", {}, content_type="application/json")  # counted even if refused
    response = client.post("/api/v1/cases", {}, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    assert Case.objects.count() == 0


def test_each_address_has_its_own_counter_and_reads_are_not_counted(settings):
    settings.RATE_LIMIT_INTAKE_PER_MINUTE = 1
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    assert first.post("/lapor/", report("a-1")).status_code == 302
    assert first.get("/lapor/").status_code == 200
    assert second.post("/lapor/", report("b-1")).status_code == 302
    assert first.post("/lapor/", report("a-2")).status_code == 429
    assert sorted(RateCount.objects.values_list("count", flat=True)) == [1, 2]


def test_zero_turns_a_limit_off(client, settings):
    settings.RATE_LIMIT_SIGNIN_PER_MINUTE = 0
    for _ in range(4):  # a wrong password is a 400; the fifth would be axes' lockout
        assert client.post("/masuk/", {"username": "x", "password": "y"}).status_code == 400
    assert RateCount.objects.count() == 0


def test_sign_in_is_limited(client, settings):
    settings.RATE_LIMIT_SIGNIN_PER_MINUTE = 2
    codes = [client.post("/masuk/", {"username": "x", "password": "y"}).status_code for _ in "abc"]
    assert codes == [400, 400, 429]


def test_the_forwarded_address_counts_only_behind_the_proxy(settings):
    settings.RATE_LIMIT_INTAKE_PER_MINUTE = 1
    forged = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    client = Client(REMOTE_ADDR="10.0.0.9")
    client.post("/lapor/", report("f-1"), **forged)
    assert RateCount.objects.get().key.split(":")[1] == "10.0.0.9"

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client.post("/lapor/", report("f-2"), HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert sorted(k.split(":")[1] for k in RateCount.objects.values_list("key", flat=True)) == [
        "10.0.0.9",
        "203.0.113.7",
    ]


def test_old_counters_are_pruned(settings):
    now = timezone.now()
    RateCount.objects.create(key="intake:x:old", count=3, minute=now - dt.timedelta(hours=2))
    RateCount.objects.create(key="intake:x:new", count=3, minute=now)
    assert ratelimit.prune() == 1
    assert list(RateCount.objects.values_list("key", flat=True)) == ["intake:x:new"]
