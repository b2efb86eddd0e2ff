"""The demo's engagement records: loaded once, visible where a visitor of `make run` looks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sinergi.areas import timezones
from sinergi.engagement.models import Activity, Commitment
from sinergi.home.demo import demo_load
from sinergi.humas.models import Release

pytestmark = pytest.mark.django_db


def test_the_demo_mirrors_the_example_releases_once(client: Client, settings):
    settings.DEMO = True
    demo_load()
    demo_load()
    # the test territory holds Bontang and Balangan: their two activities and the planned session
    assert sorted(Activity.objects.values_list("idempotency_key", "status")) == [
        # reported by its Kapolres: it waits for a leader other than the one who reported it
        ("demo-activity-balangan", "reported"),
        ("demo-activity-bontang-cooling", "verified"),
        ("demo-activity-bontangbaru-next", "planned"),
    ]
    cooling = Activity.objects.get(idempotency_key="demo-activity-bontang-cooling")
    assert (cooling.reported_by.username, cooling.verified_by.username) == (
        "kasatbinmas.bontang",
        "kapolres.bontang",
    )
    assert [a.case.category.slug for a in cooling.aspirations.all()] == ["kegiatan-keagamaan"]
    # held at 09.00 in Bontang (WITA), six days back on its calendar, whenever the demo loads
    held = timezones.local(cooling.held_at, cooling.area_id)
    today = timezones.day_of(timezone.now(), cooling.area_id)
    assert (held.date(), held.hour, held.minute) == (today - timedelta(days=6), 9, 0)
    assert Commitment.objects.filter(activity=cooling).count() == 2
    assert Release.objects.get().status == Release.Status.PUBLISHED

    board = client.get("/komitmen/64.74/").text
    assert "mengerahkan personel untuk pengamanan hari jadi Majelis Sholawat" in board
    assert "Lewat tenggat" in board
    assert "Jumat Curhat Kelurahan Bontang Baru" in client.get("/jadwal/64.74.01.1002/").text
    assert Release.objects.get().headline in client.get("/berita/").text


def test_the_demo_puts_tonights_patrol_on_the_bhabinkamtibmas_phone(sign_in, settings):
    from sinergi.accounts.models import User  # noqa: PLC0415
    from sinergi.patrols.models import Hotspot, PatrolPlan  # noqa: PLC0415

    settings.DEMO = True
    demo_load()
    demo_load()
    plan = PatrolPlan.objects.get()
    spots = set(Hotspot.objects.values_list("name", flat=True))
    assert "Pasar Bontang Baru" in spots
    assert "Gang Melati" in spots  # the demo's patrol request, clustered
    assert set(plan.stops.values_list("hotspot__name", flat=True)) == spots
    bhabin = User.objects.get(username="bhabin.bontangbaru")
    assert "Patroli malam Bontang Baru" in sign_in(bhabin).get("/petugas/patroli/").text
