"""Bad input anywhere gets a clear answer and changes nothing."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from sinergi.accounts.models import AuditEvent, User
from sinergi.accounts.services import api_token_create
from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category
from sinergi.early_warning.models import Issue
from sinergi.units.models import Post, Unit

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Area.objects.count(),
        Unit.objects.count(),
        Post.objects.count(),
        User.objects.count(),
    )


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/api/v1/units/abc", 422, "invalid_input"),
        ("/api/v1/units?limit=101", 422, "invalid_input"),
        ("/api/v1/units?area=64.7", 422, "invalid_input"),
        ("/api/v1/units?institution=polisi", 422, "invalid_input"),
        ("/api/v1/areas/nearest?lat=abc&lng=1", 422, "invalid_input"),
        ("/api/v1/areas/nearest", 422, "invalid_input"),
        ("/api/v1/areas/nearest?lat=-30&lng=80", 404, "not_found"),
        ("/api/v1/people/abc", 401, "unauthorized"),
    ],
)
def test_api_answers_bad_input_with_a_structured_error(client: Client, path, status, error):
    before = counts()
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert counts() == before


@pytest.mark.parametrize(
    "path", ["/satuan/abc/", "/satuan/0/", "/wilayah/%3Cscript%3E/", "/orang/abc/", "/tidak-ada/"]
)
def test_pages_answer_bad_addresses_with_the_indonesian_404(client: Client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text


def test_search_escapes_what_it_echoes(client: Client):
    response = client.get("/wilayah/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_overlong_username_is_refused_without_an_audit_row(client: Client):
    response = client.post("/masuk/", {"username": "x" * 151, "password": "y"})
    assert response.status_code == 400
    assert "paling banyak 150 karakter" in response.text
    assert not AuditEvent.objects.exists()


def test_unknown_language_choice_keeps_indonesian(client: Client):
    client.post("/bahasa/", {"language": "xx", "next": "/"})
    assert '<html lang="id">' in client.get("/").text


def test_env_example_lists_every_setting_read_from_the_environment():
    root = Path(settings.BASE_DIR)
    source = [*root.glob("config/*.py"), *root.glob("sinergi/**/*.py")]
    used = {
        name
        for file in source
        for name in re.findall(r'env_\w+\("([A-Z_]+)"', file.read_text(encoding="utf-8"))
    }
    listed = set(
        re.findall(
            r"^([A-Z_]+)=",
            (Path(settings.BASE_DIR) / ".env.example").read_text(encoding="utf-8"),
            re.M,
        )
    )
    assert used == listed


def test_a_nul_character_is_refused_before_anything_is_written(client, kapolres):

    key = api_token_create(user=kapolres, name="t")[1]
    body = '{"title": "Isu\\u0000", "category": "hoaks", "area": "64.74"}'
    response = client.post(
        "/api/v1/issues", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_input"
    form = {
        "category": Category.objects.get(slug="balap-liar").pk,
        "area": "64.74.01.1002",
        "description": "Balap\x00liar",
        "anonymous": "on",
    }
    response = client.post(
        "/lapor/", urlencode(form), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "karakter yang tidak diizinkan" in response.text
    # multipart (a form with a photo) is not read by the guard: the form itself refuses it
    assert client.post("/lapor/", form).status_code == 400
    assert client.get("/api/v1/units?q=a%00b").status_code == 422
    assert client.get("/wilayah/?q=a%00b").status_code == 400
    assert Case.objects.count() == 0
    assert Issue.objects.count() == 0
