"""Uploaded files go out only through their record's door."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sinergi.cases.tests.helpers import file_web

pytestmark = pytest.mark.django_db


def photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, format="PNG")
    return SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png")


def test_a_case_photo_is_served_to_its_handler_only(
    sign_in, bhabin_a, officer_b, client, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    case = file_web(photo=photo()).case
    url = f"/media/{case.photo.name}"
    assert client.get(url).status_code == 404  # anonymous
    assert sign_in(officer_b).get(url).status_code == 404
    response = sign_in(bhabin_a).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert client.get("/media/unknown/x.png").status_code == 404
