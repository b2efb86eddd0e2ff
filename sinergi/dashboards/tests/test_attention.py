"""Perlu perhatian: the places where trouble is building, ranked, with why and since when; the
named map layer; assigning a late report from the list."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from conftest import DISTRICT_A, VILLAGE_A, make_official
from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category
from sinergi.cases.services import ReporterIn, case_submit
from sinergi.dashboards.attention import attention
from sinergi.early_warning import services
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.tests.helpers import case, issue_in
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db


def late_case(village: str = VILLAGE_A, days: int = 3) -> Case:
    made = case("balap-liar", 0, village=village)
    Case.objects.filter(pk=made.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days),
        escalate_at=timezone.now() - dt.timedelta(hours=1),
    )
    return made


def test_the_list_ranks_places_by_what_builds_there_and_says_why_and_since(kapolres):
    index_recompute(under="64.74")
    issue = issue_in(kapolres, "Ketegangan pemuda", "sara_antargolongan", severity=4)
    late_case(days=3)
    late_case(village="64.74.02.1001", days=10)
    rows = attention(["64.74"])
    assert [r.code for r in rows] == [VILLAGE_A, "64.74.02.1001"]
    top = rows[0]
    assert [r.kind for r in top.reasons] == ["issue", "overdue", "alert"]
    assert top.reasons[0].text == "Isu: Ketegangan pemuda (keparahan 4)"
    assert top.reasons[0].link == f"/petugas/isu/{issue.pk}/"
    assert top.since == timezone.localdate() - dt.timedelta(days=3)
    assert rows[1].reasons[0].text == "1 laporan lewat tenggat desa"
    assert len(rows[0].overdue_case_ids) == 1


def test_the_named_layer_gives_every_village_its_name_and_signals(sign_in, kapolsek_a):
    index_recompute(under=DISTRICT_A)
    late_case()
    data = json.loads(sign_in(kapolsek_a).get("/petugas/dasbor/peta/desa.geojson").content)
    villages = {
        f["properties"]["n"]: f["properties"]
        for f in data["features"]
        if f["properties"].get("t") != "d"
    }
    assert len(villages) == 6  # the six of Bontang Utara, none of another district
    assert villages["Bontang Baru"]["o"] == 1
    assert villages["Bontang Baru"]["d"] == -1  # no engagement in 180 days
    districts = [f["properties"]["n"] for f in data["features"] if f["properties"].get("t") == "d"]
    assert districts == ["Bontang Utara"]


def test_a_late_report_is_assigned_from_the_list(sign_in, kapolres, bhabin_a):
    late = late_case()
    babinsa = make_official(
        "babinsa_a", f"koramil:{DISTRICT_A}", Post.Title.BABINSA, areas=(VILLAGE_A,)
    )
    client = sign_in(kapolres)
    page = client.get("/petugas/dasbor/")
    # the village's Bhabinkamtibmas is offered first, and each officer says who they are
    options = re.findall(r'<option value="(\d+)">([^<]*)</option>', page.text)
    assert options[:2] == [
        (str(bhabin_a.pk), f"{bhabin_a.display_name} — Bhabinkamtibmas"),
        (str(babinsa.pk), f"{babinsa.display_name} — Babinsa"),
    ]
    response = client.post("/petugas/dasbor/tugaskan/", {"case": late.pk, "officer": bhabin_a.pk})
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.taken_by, late.status) == (bhabin_a, Case.Status.DITERIMA)
    # the row still says it is late, and offers the next one nobody holds, not it again
    second = late_case(days=1)
    row = next(r for r in attention([DISTRICT_A]) if r.code == VILLAGE_A)
    assert row.reasons[0].text == "2 laporan lewat tenggat desa"
    assert row.overdue_case_ids == [second.pk]
    assert f'name="case" value="{second.pk}"' in client.get("/petugas/dasbor/").text


def test_officer_b_cannot_assign_a_report_of_district_a(sign_in, officer_b, bhabin_a):
    late = late_case()
    response = sign_in(officer_b).post(
        "/petugas/dasbor/tugaskan/", {"case": late.pk, "officer": bhabin_a.pk}
    )
    assert response.status_code == 404
    late.refresh_from_db()
    assert (late.taken_by, late.status) == (None, Case.Status.BARU)


def test_a_case_moved_up_because_its_village_has_no_officer_is_said_so_not_late(kapolsek_a):
    # given a report from village A, where no officer is recorded: it goes to the district
    category = Category.objects.get(slug="balap-liar")
    made = case_submit(
        category=category,
        area=Area.objects.get(code=VILLAGE_A),
        description="Balap liar tiap malam",
        channel=Case.Channel.WEB,
        reporter=ReporterIn(),
    ).case
    made.refresh_from_db()
    assert made.owner_area_id == DISTRICT_A
    # then the dashboard says what is missing there, with the way to its cases, and not "late"
    row = next(r for r in attention([DISTRICT_A]) if r.code == VILLAGE_A)
    assert [(r.kind, r.text, r.link) for r in row.reasons] == [
        (
            "seatless",
            "1 laporan ditangani di atas desa: petugas desa belum tercatat",
            f"/petugas/laporan/?village={VILLAGE_A}&lihat=semua",
        )
    ]
    assert row.overdue_case_ids == []
    # and once the district's own deadline has passed, it is late like any other
    Case.objects.filter(pk=made.pk).update(escalate_at=timezone.now() - dt.timedelta(hours=1))
    row = next(r for r in attention([DISTRICT_A]) if r.code == VILLAGE_A)
    assert [r.kind for r in row.reasons] == ["overdue"]
    assert row.overdue_case_ids == [made.pk]


def test_an_issue_over_a_wider_area_is_named_to_a_lurah_but_not_linked(sign_in, kapolsek_a):
    # given a district's tension recorded over village A, and the Lurah of village A
    lurah = make_official("lurah_a", f"desa:{VILLAGE_A}", Post.Title.KEPALA_DESA)
    issue = services.issue_open(
        by=kapolsek_a,
        title="Ketegangan antarpendukung",
        category="sara_antargolongan",
        severity=4,
        area=Area.objects.get(code=DISTRICT_A),
        areas=[Area.objects.get(code=VILLAGE_A)],
    )
    link = f'href="/petugas/isu/{issue.pk}/"'
    # then her dashboard names it without a link to a page that is not hers (it answers 404)
    page = sign_in(lurah).get("/petugas/dasbor/").text
    assert "Isu: Ketegangan antarpendukung (keparahan 4)" in page
    assert "(isu wilayah yang lebih luas, diikuti tingkat di atas)" in page
    assert link not in page
    assert sign_in(lurah).get(f"/petugas/isu/{issue.pk}/").status_code == 404
    # and the Kapolsek, who follows it, opens it from his
    leader = sign_in(kapolsek_a).get("/petugas/dasbor/").text
    assert link in leader
    assert "isu wilayah yang lebih luas" not in leader
