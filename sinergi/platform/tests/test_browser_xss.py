"""Hostile text in every free-text field a citizen or an officer fills in, carried to every page
that shows it, in real Chromium: it is shown as text, nothing of it runs, and the CSP has nothing
to block (a blocked injected script would be a console error)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import (
    VILLAGE_A,
    NewPhone,
    bhabin_of_village_a,
    kapolres_of_the_regency,
    load_test_territory,
)
from sinergi.areas.models import Area
from sinergi.cases.models import Category
from sinergi.cases.services import ReporterIn, case_submit
from sinergi.early_warning import services as issues
from sinergi.engagement import services as engagement
from sinergi.engagement.models import Partner
from sinergi.engagement.tests.helpers import jumat_curhat

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=window.__xss=1><script>window.__xss=2</script>\"'><b>tebal</b>"


def test_hostile_text_is_shown_as_text_on_every_page_and_never_runs(
    new_phone: NewPhone,
) -> None:
    load_test_territory()
    kapolres = kapolres_of_the_regency()
    bhabin = bhabin_of_village_a()
    village = Area.objects.get(code=VILLAGE_A)
    case = case_submit(
        category=Category.objects.get(slug="balap-liar"),
        area=village,
        description=f"Balap liar {PAYLOAD}",
        place=f"Jalan {PAYLOAD}",
        channel="web",
        reporter=ReporterIn(name=f"Warga {PAYLOAD}", phone="081234567890"),
    ).case
    activity = jumat_curhat(
        bhabin,
        aspirations=(f"Aspirasi {PAYLOAD}",),
        commitments=((f"Janji {PAYLOAD}", date(2099, 1, 1)),),
        minutes=f"Notulen {PAYLOAD}",
    )
    engagement.activity_verify(activity=activity, by=kapolres)  # public once verified
    Partner.objects.create(kind="tokoh_agama", name=f"Ustaz {PAYLOAD}", area=village)
    issue = issues.issue_open(
        by=kapolres,
        title=f"Hoaks {PAYLOAD}",
        category="hoaks",
        severity=3,
        area=village,
        description=f"Uraian {PAYLOAD}",
        source=f"Sumber {PAYLOAD}",
    )
    issues.clarification_publish(issue=issue, by=kapolres, text=f"Klarifikasi {PAYLOAD}")

    public = new_phone()
    officer = new_phone(signed_in_as=kapolres)
    pages = [
        (public, f"/lacak/{case.tracking_code}/"),
        (public, f"/kegiatan/{activity.pk}/"),
        (public, "/komitmen/64.74/"),
        (public, f"/klarifikasi/{issue.pk}/"),
        (public, "/klarifikasi/"),
        (officer, "/petugas/laporan/"),
        (officer, f"/petugas/laporan/{case.pk}/"),
        (officer, f"/petugas/kegiatan/{activity.pk}/"),
        (officer, f"/petugas/komitmen/{activity.commitments.get().pk}/"),
        (officer, f"/petugas/indeks/{VILLAGE_A}/"),
        (officer, "/petugas/mitra/"),
        (officer, "/petugas/isu/"),
        (officer, f"/petugas/isu/{issue.pk}/"),
        (officer, "/petugas/dasbor/"),
    ]
    for phone, url in pages:
        page = phone.page
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", url
        assert page.locator("main b").filter(has_text="tebal").count() == 0, url
    # where the text is shown, it is shown as the characters that were typed
    officer.page.goto(f"/petugas/isu/{issue.pk}/")
    expect(officer.page.get_by_role("heading", level=1)).to_have_text(f"Hoaks {PAYLOAD}")
    public.page.goto(f"/klarifikasi/{issue.pk}/")
    expect(public.page.locator("main")).to_contain_text(f"Klarifikasi {PAYLOAD}")
    assert public.errors == []
    assert officer.errors == []
