"""After the work: the reporter's answer, reopening within the window, and the figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sinergi.accounts.services import api_token_create
from sinergi.areas.models import Area
from sinergi.cases import figures, services
from sinergi.cases.models import Case, CaseEvent, Category

pytestmark = pytest.mark.django_db


def file_case(village: str = "64.74.01.1002") -> Case:
    return services.case_submit(
        category=Category.objects.get(slug="balap-liar"),
        area=Area.objects.get(code=village),
        description="Balap liar.",
        channel=Case.Channel.WEB,
        reporter=services.ReporterIn(),
    ).case


def test_reporter_confirms_the_problem_is_solved_once(client: Client, bhabin_a):
    case = file_case()
    services.case_resolve(case=case, by=bhabin_a, note="Sudah dipatroli.")
    page = client.get(f"/lacak/{case.tracking_code}/")
    assert "Apakah masalahnya sudah selesai?" in page.text
    url = f"/lacak/{case.tracking_code}/tanggapan/"
    client.post(url, {"answer": "solved"})
    client.post(url, {"answer": "solved"})
    assert list(
        case.events.filter(kind=CaseEvent.Kind.FEEDBACK).values_list("data", flat=True)
    ) == [{"solved": True}]
    assert (
        "Apakah masalahnya sudah selesai?" not in client.get(f"/lacak/{case.tracking_code}/").text
    )


def test_not_solved_reopens_the_case_with_a_fresh_clock(client: Client, bhabin_a):
    case = file_case()
    services.case_take(case=case, by=bhabin_a)
    services.case_resolve(case=case, by=bhabin_a, note="Sudah.")
    client.post(
        f"/lacak/{case.tracking_code}/tanggapan/",
        {"answer": "not_solved", "comment": "Masih ada balap liar tadi malam."},
    )
    case.refresh_from_db()
    assert (case.status, case.closed_at) == (Case.Status.DITANGANI, None)
    assert case.escalate_at is not None
    reopened = case.events.get(kind=CaseEvent.Kind.REOPENED)
    assert (reopened.public, reopened.message) == (True, "Masih ada balap liar tadi malam.")


def test_reopening_after_the_window_is_refused_and_changes_nothing(client: Client, bhabin_a):
    case = file_case()
    services.case_reject(case=case, by=bhabin_a, reason="Bukan wewenang Polri.")
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=15))
    response = client.post(
        f"/lacak/{case.tracking_code}/tanggapan/", {"answer": "not_solved", "comment": "Tolong."},
        follow=True,
    )  # fmt: skip
    assert "Batas waktu membuka kembali (14 hari) sudah lewat." in response.text
    case.refresh_from_db()
    assert case.status == Case.Status.DITOLAK
    assert not case.events.filter(kind=CaseEvent.Kind.REOPENED).exists()


def test_an_open_case_cannot_be_rated(client: Client):
    case = file_case()
    response = client.post(
        f"/lacak/{case.tracking_code}/tanggapan/", {"answer": "solved"}, follow=True
    )
    assert "Penilaian hanya untuk laporan yang sudah selesai." in response.text
    assert not case.events.filter(kind=CaseEvent.Kind.FEEDBACK).exists()


def test_accountability_figures(bhabin_a, kapolsek_a):
    # given three cases in district A: one resolved at village, one escalated then resolved,
    # one open; and one in district B that must not count
    now = timezone.now()
    at_village = file_case()
    services.case_take(case=at_village, by=bhabin_a)
    services.case_resolve(case=at_village, by=bhabin_a, note="Selesai.")
    escalated = file_case()
    services.case_escalate(case=escalated, by=bhabin_a, reason="Butuh Polsek.")
    services.case_resolve(case=escalated, by=kapolsek_a, note="Selesai di Polsek.")
    file_case()
    file_case(village="64.74.02.1001")
    # when
    result = figures.accountability(
        area_code="64.74.01", since=now - timedelta(days=1), until=now + timedelta(days=1)
    )
    # then
    assert (result.received, result.taken, result.taken_within_sla) == (3, 1, 1)
    assert (result.resolved, result.resolved_at_village) == (2, 1)
    assert result.share_resolved_at_village == 0.5
    assert result.median_hours_to_resolution == 0.0


def test_figures_api_is_scoped(kapolres, officer_b):
    file_case()
    _, key = api_token_create(user=kapolres, name="dasbor")
    body = (
        Client(headers={"Authorization": f"Bearer {key}"})
        .get("/api/v1/cases/figures", {"area": "64.74.01"})
        .json()
    )
    assert (body["area"], body["received"], body["resolved"]) == ("64.74.01", 1, 0)
    _, key_b = api_token_create(user=officer_b, name="dasbor")
    denied = Client(headers={"Authorization": f"Bearer {key_b}"}).get(
        "/api/v1/cases/figures", {"area": "64.74.01"}
    )
    assert denied.status_code == 404
