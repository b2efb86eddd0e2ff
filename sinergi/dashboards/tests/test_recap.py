"""Recaps for a calendar week, a calendar month and a range, per Polsek and per tier; the
dashboard and the recap give the same numbers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from conftest import VILLAGE_A
from sinergi.cases.figures import accountability
from sinergi.cases.models import Case
from sinergi.cases.services import case_take
from sinergi.dashboards import recap
from sinergi.early_warning.tests.helpers import case
from sinergi.engagement.models import Activity, Commitment
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_calendar_periods_are_weeks_from_monday_and_whole_months():
    week = recap.week_of(dt.date(2026, 12, 6))  # a Sunday
    assert (week.first, week.last) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    month = recap.month_of(dt.date(2026, 2, 14))
    assert (month.first, month.last, month.label) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
        "Februari 2026",
    )
    chosen = recap.period_from(
        "rentang", {"dari": "2026-11-03", "sampai": "2026-11-17"}, dt.date(2026, 12, 6)
    )
    assert (chosen.first, chosen.last) == (dt.date(2026, 11, 3), dt.date(2026, 11, 17))
    with pytest.raises(recap.PeriodError, match="paling panjang satu tahun"):
        recap.period_from(
            "rentang", {"dari": "2025-01-01", "sampai": "2026-12-01"}, dt.date(2026, 12, 6)
        )


def world(today: dt.date) -> None:
    """Cases, activities and promises in both districts, this week, earlier this month, and in
    the month before (which no figure of this month may count)."""
    monday = today - dt.timedelta(days=today.weekday())
    first = today.replace(day=1)
    before = first - dt.timedelta(days=3)
    for village, day, status, owner in (
        (VILLAGE_A, monday, Case.Status.SELESAI, VILLAGE_A),
        (VILLAGE_A, monday, Case.Status.DIRUJUK, VILLAGE_A),
        ("64.74.02.1001", monday, Case.Status.SELESAI, "64.74.02"),
        (VILLAGE_A, first, Case.Status.BARU, VILLAGE_A),
        (VILLAGE_A, before, Case.Status.SELESAI, VILLAGE_A),
    ):
        made = case("pencurian", 0, village=village, owner=owner, status=status)
        closed = at(day, 15) if status in {Case.Status.SELESAI, Case.Status.DIRUJUK} else None
        Case.objects.filter(pk=made.pk).update(created_at=at(day), closed_at=closed)
    for village, day, unit in (
        (VILLAGE_A, monday, "polsek:64.74.01"),
        ("64.74.02.1001", first, "polsek:64.74.02"),
        (VILLAGE_A, before, "polsek:64.74.01"),
    ):
        activity = Activity.objects.create(
            unit=Unit.objects.get(key=unit),
            kind="jumat_curhat",
            title="JC",
            area_id=village,
            status=Activity.Status.VERIFIED,
            held_at=at(day),
            programs=["jumat_curhat"],
        )
        Commitment.objects.create(
            activity=activity,
            area_id=village,
            text="Patroli",
            due_on=day,
            status=Commitment.Status.DONE,
            done_at=at(day, 20),
        )


def test_the_dashboard_and_the_recap_agree(sign_in, kapolres):
    # given a month of work in both districts of Kota Bontang
    today = timezone.localdate()
    world(today)
    client = sign_in(kapolres)
    # when the Kapolres reads his dashboard and downloads this week's and this month's recaps
    page = client.get("/petugas/dasbor/?bagian=angka")
    for kind, shown in (
        ("minggu", page.context["this_week"]),
        ("bulan", page.context["this_month"]),
    ):
        xlsx = client.get(f"/petugas/dasbor/rekap/{kind}.xlsx")
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        filed = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}
        # then every figure of the dashboard is the recap's
        expected = {what: recap._cell(value) for what, value in recap.rows(shown)}
        assert {k: filed[k] for k in expected} == expected
        assert page.text.count(f">{shown.cases_in}<") >= 1


D = dt.date(2026, 11, 18)  # a Wednesday: its week runs 16-22 November


def test_a_week_and_a_month_count_only_their_own_days(kapolres):
    world(D)
    week = recap.figures(["64.74"], recap.week_of(D))
    month = recap.figures(["64.74"], recap.month_of(D))
    assert (week.cases_in, week.resolved, week.referred, week.activities) == (3, 2, 1, 1)
    assert (week.resolved_at_village, week.share_at_village) == (1, "50%")
    assert (month.cases_in, month.activities, month.commitments_kept) == (4, 2, 2)
    assert (week.commitments_kept, month.by_program) == (1, {"jumat_curhat": 2})
    october = recap.figures(["64.74"], recap.month_of(dt.date(2026, 10, 5)))
    assert (october.cases_in, october.activities) == (1, 1)


def test_the_recap_breaks_down_per_polsek_and_per_tier(sign_in, kapolres):
    world(D)
    client = sign_in(kapolres)
    page = client.get("/petugas/dasbor/rekap/?periode=bulan&bulan=2026-11")
    result = page.context["recap"]
    assert [name for name, _f in result.units] == [
        "Polsek Bontang Barat",
        "Polsek Bontang Selatan",
        "Polsek Bontang Utara",
    ]
    per_unit = {name: f.cases_in for name, f in result.units}
    assert per_unit == {
        "Polsek Bontang Barat": 0,
        "Polsek Bontang Selatan": 1,
        "Polsek Bontang Utara": 3,
    }
    tiers = {name: (n, done) for name, n, done in result.tiers}
    assert tiers["Desa/kelurahan (Tiga Pilar)"] == (3, 1)
    assert tiers["Kecamatan (Forkopimcam)"] == (1, 1)
    assert result.heading[-1] == "Polres Bontang"
    pdf = client.get("/petugas/dasbor/rekap/bulan.pdf?bulan=2026-11")
    assert pdf.content.startswith(b"%PDF-")
    assert b"OpenSans" in pdf.content
    assert result.title == "Rekap bulanan Polres Bontang, November 2026"
    # in English for a reader who chose it; its files stay Indonesian papers
    client.post("/bahasa/", {"language": "en"})
    page = client.get("/petugas/dasbor/rekap/?periode=minggu&tanggal=2026-11-18")
    assert (
        "<h1>Weekly recap Polres Bontang, week 47 (16 November 2026 to 22 November 2026)</h1>"
        in page.text
    )
    assert "<td>Reports received</td>" in page.text
    assert "<td>Village (Tiga Pilar)</td>" in page.text
    sheet = load_workbook(
        io.BytesIO(client.get("/petugas/dasbor/rekap/bulan.xlsx?bulan=2026-11").content)
    ).active
    assert sheet is not None
    firsts = [r[0] for r in sheet.iter_rows(values_only=True) if r and r[0]]
    expected = ["Rekap bulanan Polres Bontang, November 2026", "Komitmen ditepati", "Satuan"]
    assert [w for w in expected if w in firsts] == expected
    assert "Reports received" not in firsts


def test_officer_b_gets_only_his_own_polsek_in_the_recap(sign_in, officer_b):
    world(D)
    result = (
        sign_in(officer_b)
        .get("/petugas/dasbor/rekap/?periode=bulan&bulan=2026-11")
        .context["recap"]
    )
    assert (result.unit, result.total.cases_in, result.units) == ("Polsek Bontang Selatan", 1, [])


def test_the_recap_counts_taken_within_sla_by_the_public_board_s_rule(kapolsek_a):

    # given two cases this week, one taken at once and one not yet
    taken = case("pencurian", 0)
    Case.objects.filter(pk=taken.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    case_take(case=Case.objects.get(pk=taken.pk), by=kapolsek_a)
    waiting = case("pencurian", 0)
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    Case.objects.filter(pk=waiting.pk).update(created_at=two_hours_ago)
    week = recap.Period("rentang", timezone.localdate(two_hours_ago), timezone.localdate())
    # when both count them
    ours = recap.figures(["64.74"], week)
    board = accountability(area_code="64.74", since=week.since, until=week.until)
    # then they agree
    assert (ours.cases_in, ours.taken_in_sla, ours.share_in_sla) == (2, 1, "50%")
    assert (board.received, board.taken_within_sla) == (ours.cases_in, ours.taken_in_sla)
