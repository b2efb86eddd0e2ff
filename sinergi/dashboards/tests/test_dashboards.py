"""Leaders' dashboard, map layers and planner: scoped to their unit; the public board suppressed."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from sinergi.areas import timezones
from sinergi.cases.models import Case
from sinergi.dashboards.board import share
from sinergi.dashboards.tests.helpers import today
from sinergi.early_warning.models import VillageIndex, VillageIndexHistory
from sinergi.early_warning.tests.helpers import api, case
from sinergi.engagement.models import Activity, Commitment
from sinergi.platform.indonesian import weekday_date
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db

VILLAGE_A = "64.74.01.1002"


def score(code: str, value: float, level: str = "sedang") -> None:
    VillageIndex.objects.update_or_create(
        area_id=code,
        defaults={
            "score": value,
            "level": level,
            "parts": {},
            "version": "t",
            "computed_at": timezone.now(),
        },
    )


def held_by_polsek_a(
    kind: str, title: str, status: str, held_at: dt.datetime, village: str = VILLAGE_A, **more: Any
) -> Activity:
    """An activity of Polsek A as its report left it (`more`: programs…)."""
    return Activity.objects.create(
        unit=Unit.objects.get(key="polsek:64.74.01"),
        kind=kind,
        title=title,
        area_id=village,
        status=status,
        held_at=held_at,
        **more,
    )


def test_the_kapolres_dashboard_shows_the_unit_s_figures_and_map_layers(sign_in, kapolres):
    made = case("pencurian", today())
    Case.objects.filter(pk=made.pk).update(created_at=timezone.now())  # this week on any clock
    score(VILLAGE_A, 30.0)
    client = sign_in(kapolres)
    page = client.get("/petugas/dasbor/")
    assert page.status_code == 200
    figures = client.get("/petugas/dasbor/?bagian=angka").context
    assert figures["this_week"].cases_in == 1
    assert figures["summary"].levels == {"tinggi": 0, "sedang": 1, "rendah": 0}
    assert 'hx-get="/petugas/dasbor/?satuan=' in page.text  # the figures follow the page
    assert "data-dashboard-map" in page.text
    index = json.loads(client.get("/petugas/dasbor/peta/index.geojson").content)
    assert [f["properties"] for f in index["features"]] == [
        {"c": VILLAGE_A, "n": "Bontang Baru", "s": 30.0, "l": "s"}
    ]
    cases = json.loads(client.get("/petugas/dasbor/peta/cases.geojson").content)
    assert [(f["properties"]["c"], f["properties"]["k"]) for f in cases["features"]] == [
        (VILLAGE_A, 1)
    ]
    assert "uji" not in json.dumps(cases)  # no case text on the map
    assert client.get("/petugas/dasbor/peta/orang.geojson").status_code == 404


def test_another_polsek_s_leader_sees_only_their_villages(sign_in, officer_b):
    score(VILLAGE_A, 30.0)
    score("64.74.02.1001", 10.0, "rendah")
    client = sign_in(officer_b)
    index = json.loads(client.get("/petugas/dasbor/peta/index.geojson").content)
    assert [f["properties"]["c"] for f in index["features"]] == ["64.74.02.1001"]
    planner = client.get("/petugas/perencana/")
    assert VILLAGE_A not in {r.code for r in planner.context["rows"]}


@pytest.mark.parametrize("who", ["bhabin_a", "humas_editor", "citizen"])
def test_field_officers_humas_and_citizens_have_no_dashboard(request, sign_in, who):
    client = sign_in(request.getfixturevalue(who))
    assert client.get("/petugas/dasbor/").status_code == 404
    assert client.get("/petugas/dasbor/peta/index.geojson").status_code == 404
    assert client.get("/petugas/perencana/").status_code == 404
    assert Client().get("/petugas/dasbor/").status_code == 302


def test_the_planner_ranks_by_score_times_days_and_plans_a_cooling_system_there(
    sign_in, kapolsek_a
):
    score(VILLAGE_A, 40.0)
    score("64.74.01.1001", 45.0)
    held_by_polsek_a(
        "silaturahmi",
        "Sambang",
        Activity.Status.REPORTED,
        timezone.now() - dt.timedelta(days=10),
        village="64.74.01.1001",
    )
    client = sign_in(kapolsek_a)
    rows = client.get("/petugas/perencana/").context["rows"]
    assert (rows[0].code, rows[0].days, rows[0].priority) == (VILLAGE_A, 180, 7200.0)
    assert [r.days for r in rows if r.code == "64.74.01.1001"] == [10]

    response = client.post("/petugas/perencana/", {"area": VILLAGE_A})
    planned = Activity.objects.get(status=Activity.Status.PLANNED)
    assert response.status_code == 302
    assert response["Location"] == f"/petugas/kegiatan/{planned.pk}/"
    assert (planned.area_id, planned.kind, planned.programs) == (
        VILLAGE_A,
        "dialog_kamtibmas",
        ["cooling_system"],
    )
    assert planned.planned_at is not None
    assert timezone.localtime(planned.planned_at).weekday() == 4  # a Friday
    client.post("/petugas/perencana/", {"area": VILLAGE_A})  # the double click
    assert Activity.objects.filter(status=Activity.Status.PLANNED).count() == 1
    # and where it offered to plan one, the planner and the dashboard now link the plan
    friday = timezones.day_of(planned.planned_at, VILLAGE_A)
    when = f"{weekday_date(friday)}, 09.00 WITA"
    page = client.get("/petugas/perencana/").text
    assert f'<a href="/petugas/kegiatan/{planned.pk}/">Direncanakan: {when}</a>' in page
    assert f'name="area" value="{VILLAGE_A}"' not in page
    assert 'name="area" value="64.74.01.1001"' in page  # the others can still be planned


def test_the_planner_refuses_a_village_outside_the_unit(sign_in, kapolsek_a):
    client = sign_in(kapolsek_a)
    response = client.post("/petugas/perencana/", {"area": "64.74.02.1001"}, follow=True)
    assert "tidak dilayani satuan ini" in response.text
    assert Activity.objects.count() == 0


def test_the_planner_shows_whether_the_score_moved_after_an_activity(sign_in, kapolsek_a):
    held = timezone.now() - dt.timedelta(days=5)
    VillageIndexHistory.objects.create(
        area_id=VILLAGE_A,
        on=held.date() - dt.timedelta(days=1),
        score=40.0,
        level="sedang",
        version="t",
    )
    score(VILLAGE_A, 31.5)
    held_by_polsek_a("dialog_kamtibmas", "Dialog", Activity.Status.VERIFIED, held)
    moved = sign_in(kapolsek_a).get("/petugas/perencana/").context["moved"]
    assert [(m.code, m.before, m.now, m.change) for m in moved] == [(VILLAGE_A, 40.0, 31.5, -8.5)]
    # while a score computed before the activity credits it with nothing: not yet recomputed
    VillageIndex.objects.filter(area_id=VILLAGE_A).update(computed_at=held - dt.timedelta(hours=1))
    page = sign_in(kapolsek_a).get("/petugas/perencana/")
    assert [(m.before, m.now, m.change) for m in page.context["moved"]] == [(40.0, None, None)]
    assert "belum dihitung ulang sejak kegiatan" in page.text


def test_the_public_board_suppresses_small_counts_and_confidential_kinds(client):
    for _ in range(4):
        case("balap-liar", today())
    for _ in range(6):
        case("pencurian", today())
    for _ in range(7):
        case("narkoba", today())  # withheld
        case("konflik-warga", today())  # confidential
    page = client.get("/papan/64.74/")
    assert page.status_code == 200
    board = page.context["board"]
    assert board.periods[0].received == "10"
    assert board.categories == [
        ("Pencurian / tindak kriminal", "6"),
        ("Balap liar / knalpot brong", "< 5"),
    ]
    # the board itself, not the footer's language form (its random CSRF token may hold "17")
    shown = page.text.split('<main id="main">', 1)[1].split("</main>", 1)[0]
    for hidden in ("Penyalahgunaan narkoba", "Perselisihan antarwarga", "24", "17", " 7", "4<"):
        assert hidden not in shown
    assert "Pencurian / tindak kriminal" in shown


def test_the_public_board_counts_officials_work_exactly_and_only_verified_promises(client):
    # given two verified Jumat Curhat, one with a kept and an open promise, and a report still
    # waiting for its leader, with a promise of its own
    held = timezone.now() - dt.timedelta(days=2)
    first, _second = (
        held_by_polsek_a("jumat_curhat", f"JC {n}", Activity.Status.VERIFIED, held) for n in (1, 2)
    )
    waiting = held_by_polsek_a("jumat_curhat", "JC 3", Activity.Status.REPORTED, held)
    due = timezone.localdate() + dt.timedelta(days=7)
    for activity, status in ((first, "done"), (first, "open"), (waiting, "open")):
        Commitment.objects.create(
            activity=activity, area_id=VILLAGE_A, text="Patroli", due_on=due, status=status
        )
    board = client.get("/papan/64.74/").context["board"]
    # then activities (as the recap counts them: reported or verified) and promises are counted
    # as they are, the promises as the public list shows them (of verified activities); and no
    # report is "0", not "< 5"
    assert ("Jumat Curhat", "3") in board.activities
    assert (board.commitments_kept, board.commitments_open) == ("1", "1")
    assert board.periods[0].received == "0"


def test_the_weekly_recap_downloads_as_xlsx_and_pdf_with_the_unit_s_numbers(sign_in, kapolsek_a):

    now = timezones.local(timezone.now(), VILLAGE_A)  # the Kapolsek's clock: WITA
    this_week = now - dt.timedelta(days=now.weekday())  # Monday: in this calendar week
    made = case("pencurian", today())
    Case.objects.filter(pk=made.pk).update(created_at=this_week)
    for _ in range(3):
        held_by_polsek_a(
            "jumat_curhat", "JC", Activity.Status.REPORTED, this_week, programs=["jumat_curhat"]
        )
    client = sign_in(kapolsek_a)
    xlsx = client.get("/petugas/dasbor/rekap/minggu.xlsx")
    monday = this_week.date()
    assert xlsx["Content-Disposition"] == (
        f'attachment; filename="rekap-minggu-polsek-64.74.01-{monday:%Y%m%d}-'
        f'{monday + dt.timedelta(days=6):%Y%m%d}.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [sheet["A1"].value, sheet["A2"].value] == [
        "POLDA KALIMANTAN TIMUR",
        "POLRES BONTANG",
    ] or str(sheet["A1"].value).isupper()
    rows = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    title = next(k for k in rows if str(k).startswith("Rekap mingguan Polsek Bontang Utara, "))
    assert f"minggu ke-{monday.isocalendar().week}" in title
    assert (rows["Laporan masuk"], rows["Laporan selesai"], rows["Kegiatan"]) == (1, 0, 3)
    assert (rows["Ditanggapi dalam SLA"], rows["Jumat Curhat"]) == ("0%", 3)
    pdf = client.get("/petugas/dasbor/rekap/bulan.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert b"OpenSans" in pdf.content  # the Unicode font is embedded
    assert client.get("/petugas/dasbor/rekap/tahun.pdf").status_code == 404
    bad = client.get("/petugas/dasbor/rekap/rentang.xlsx?dari=2026-12-10&sampai=2026-12-01")
    assert (bad.status_code, bad.text) == (400, "Tanggal akhir tidak boleh sebelum tanggal awal.")


def test_the_coverage_api_ranks_an_area_in_scope_and_hides_others(kapolsek_a, officer_b):

    score(VILLAGE_A, 40.0)
    body = api(kapolsek_a).get("/api/v1/coverage", {"area": "64.74.01", "limit": 2}).json()
    assert (body["cap_days"], body["limit"], len(body["items"])) == (180, 2, 2)
    assert body["items"][0] == {
        "area": VILLAGE_A,
        "name": "Bontang Baru",
        "score": 40.0,
        "level": "sedang",
        "days_since_engagement": 180,
        "last_engagement": None,
        "priority": 7200.0,
    }
    assert api(officer_b).get("/api/v1/coverage", {"area": "64.74.01"}).status_code == 404
    assert api(kapolsek_a).get("/api/v1/coverage", {"area": "bukan"}).status_code == 422


def test_the_menu_offers_dasbor_and_isu_only_to_those_who_may_open_them(
    sign_in, kapolres, bhabin_a
):
    # officials land on "Tugas saya" (/petugas/), where the menu is
    assert 'href="/petugas/dasbor/"' in sign_in(kapolres).get("/petugas/").text
    assert 'href="/petugas/dasbor/"' not in sign_in(bhabin_a).get("/petugas/").text
    assert 'href="/petugas/isu/"' not in Client().get("/").text


def test_a_share_is_not_shown_when_either_side_would_be_a_small_count():
    # 80% of 5 would say 4; 9% of 11 would say 1; 10 of 12 would say the 2 others
    assert [share(p, b) for p, b in ((4, 5), (1, 11), (10, 12), (3, 4))] == ["–"] * 4
    # 0% and 100% say no one; both sides of 5 or more are shown
    assert [share(p, b) for p, b in ((0, 6), (7, 7), (5, 10), (6, 11))] == [
        "0%",
        "100%",
        "50%",
        "55%",
    ]


def test_the_recap_page_says_received_in_english_not_sign_in(sign_in, kapolsek_a):
    client = sign_in(kapolsek_a)
    client.post("/bahasa/", {"language": "en"})
    page = client.get("/petugas/dasbor/rekap/").text
    assert '<th class="num">Received</th>' in page
    assert '<th class="num">Sign in</th>' not in page
