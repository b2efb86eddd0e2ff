"""Tonight's patrol on a real phone: the Bhabinkamtibmas opens today's plan and checks in at the
requested spot with the phone's (faked) position; the requester is told it was patrolled."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

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
