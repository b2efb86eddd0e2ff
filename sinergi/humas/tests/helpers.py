"""Shared makers for the humas tests and the access matrix: a verified activity to write a release
from, and a photo to attach to it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.accounts.models import User
from sinergi.engagement import services as engagement
from sinergi.engagement.models import Activity
from sinergi.engagement.tests.helpers import jumat_curhat
from sinergi.platform.tests.photos import jpeg


def verified(bhabin: User, kapolsek: User, **kwargs: Any) -> Activity:
    """The Bhabinkamtibmas's Jumat Curhat with a promise and a quote in its minutes, verified by
    the Kapolsek (`kwargs` go to jumat_curhat)."""
    activity = jumat_curhat(
        bhabin,
        commitments=(("patroli rutin setiap malam di sekitar sekolah", date(2099, 1, 1)),),
        minutes="Kapolsek: “kami akan hadir setiap malam untuk menjaga lingkungan ini”.",
        **kwargs,
    )
    return engagement.activity_verify(activity=activity, by=kapolsek)


def photo() -> SimpleUploadedFile:
    """A small JPEG as an upload."""
    return SimpleUploadedFile("a.jpg", jpeg("blue", (20, 20)), content_type="image/jpeg")
