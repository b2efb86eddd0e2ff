"""A Kapolres preparing for a Pilkada: opens the dashboard, sees the map, opens the planner and
plans a cooling-system dialogue in the village at the top of it (real Chromium)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import REGENCY, Phone, load_test_territory, login_with_totp, make_official
from sinergi.early_warning.models import VillageIndex
from sinergi.engagement.models import Activity
from sinergi.units.models import Post

pytestmark = pytest.mark.browser

TOP = "64.74.01.1002"  # Bontang Baru


def test_a_kapolres_opens_the_dashboard_and_plans_for_the_top_village(
    new_phone: Callable[[], Phone],
) -> None:
    load_test_territory()
    kapolres = make_official("kapolres", f"polres:{REGENCY}", Post.Title.KAPOLRES)
    now = timezone.now()
    for code, value, level in ((TOP, 52.0, "tinggi"), ("64.74.01.1001", 20.0, "sedang"),
                               ("64.74.02.1001", 5.0, "rendah")):  # fmt: skip
        VillageIndex.objects.create(area_id=code, score=value, level=level, parts={},
                                    version="t", computed_at=now)  # fmt: skip

    phone = new_phone()
    page = phone.page
    page.set_viewport_size({"width": 1280, "height": 900})  # a Kapolres at a desk
    login_with_totp(page, kapolres)
    page.get_by_role("link", name="Dasbor", exact=True).click()
    expect(page.get_by_role("heading", name="Dasbor — Polres Bontang", level=1)).to_be_visible()
    expect(page.locator("[data-dashboard-map][data-loaded='3']")).to_be_attached()
    expect(page.locator(".dashboard-map path.leaflet-interactive")).to_have_count(3)
    page.screenshot(path="/tmp/dashboard.png", full_page=True)  # noqa: S108 -- for a human

    page.get_by_role("link", name="Buka perencana cakupan").click()
    first = page.locator("table.planner tbody tr").first
    expect(first).to_contain_text("Bontang Baru")
    first.get_by_role("button", name="Rencanakan cooling system").click()
    expect(page.locator(".messages")).to_contain_text(
        "Dialog cooling system direncanakan di Bontang Baru"
    )

    planned = Activity.objects.get()
    assert (planned.area_id, planned.status, planned.programs) == (
        TOP, Activity.Status.PLANNED, ["cooling_system"],
    )  # fmt: skip
    assert phone.errors == []
