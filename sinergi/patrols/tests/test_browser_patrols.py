"""Tonight's patrol on a real phone: the Bhabinkamtibmas opens today's plan and checks in at the
requested spot with the phone's (faked) position; the requester is told it was patrolled."""

from __future__ import annotations

import pytest
from playwright.sync_api import Route, expect

from conftest import (
    DISTRICT_A,
    NewPhone,
    field_cast,
    fits_the_phone,
)
from sinergi.cases.models import Case
from sinergi.messaging.models import Outbox
from sinergi.patrols import services
from sinergi.patrols.models import CheckIn, Hotspot
from sinergi.patrols.tests.helpers import FIFTY_M, LAT, LNG, plan_tonight, request_patrol

pytestmark = pytest.mark.browser


def test_an_officer_opens_today_s_plan_and_checks_in_at_a_hotspot(
    new_phone: NewPhone,
) -> None:
    # given a patrol request at Jl. Letjen S. Parman, grouped, and tonight's plan over it
    bhabin, kapolsek = field_cast()
    request_patrol(email="warga.pelapor@example.com", window="")  # any time will do
    services.hotspots_refresh(area_code=DISTRICT_A)
    plan_tonight(kapolsek, [bhabin], [Hotspot.objects.get()])

    # when the officer, standing about 50 m from the spot, opens today's plan and checks in
    officer = new_phone(signed_in_as=bhabin)
    page = officer.page
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": LAT + FIFTY_M, "longitude": LNG, "accuracy": 10})
    page.get_by_role("link", name="Patroli", exact=True).click()
    expect(page.get_by_role("heading", name="Patroli hari ini", level=1)).to_be_visible()
    stop = page.locator("li").filter(has_text="Jl. Letjen S. Parman")
    expect(stop.get_by_role("heading", name="Jl. Letjen S. Parman")).to_be_visible()
    fits_the_phone(page, "/tmp/patrol-today-360.png")  # noqa: S108 -- for a human to look at
    stop.get_by_role("button", name="Saya di sini").click()

    # then the check-in is recorded near the spot, not flagged, and the requester is told
    expect(page.locator(".messages")).to_contain_text("Kehadiran di Jl. Letjen S. Parman tercatat.")
    expect(stop.locator(".success")).to_contain_text("Hadir")
    checkin = CheckIn.objects.get()
    assert checkin.flagged is False
    assert 40 < (checkin.distance_m or 0) < 60
    assert Case.objects.get().status == Case.Status.SELESAI
    told = Outbox.objects.filter(to="warga.pelapor@example.com", body__contains="sudah dipatroli")
    assert told.count() == 1
    assert officer.errors == []


def test_the_hotspot_map_draws_its_pin_when_static_files_carry_a_hash(
    new_phone: NewPhone,
) -> None:
    # given a hotspot of district A and its Kapolsek
    _bhabin, kapolsek = field_cast()
    request_patrol(email="warga.pelapor@example.com", window="")
    services.hotspots_refresh(area_code=DISTRICT_A)
    leader = new_phone(signed_in_as=kapolsek)
    page = leader.page

    # and Leaflet's style sheet as a production server sends it: collectstatic's manifest names
    # its pictures with a hash (marker-icon.<hash>.png)
    def hashed(route: Route) -> None:
        sent = route.fetch()
        body = sent.text().replace("images/marker-icon.png", "images/marker-icon.3b5d0e6a1f2c.png")
        route.fulfill(response=sent, body=body)

    page.route("**/leaflet.css", hashed)
    # when the Kapolsek opens the hotspots
    page.goto("/petugas/patroli/titik/")
    # then the pin's picture is there (before, Leaflet asked /petugas/patroli/titik/ for it)
    pin = page.locator("img.leaflet-marker-icon")
    expect(pin).to_have_count(1)
    expect(pin).to_have_js_property("naturalWidth", 25)
    assert leader.errors == []
