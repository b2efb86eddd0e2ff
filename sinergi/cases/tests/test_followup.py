"""After the work: the reporter's answer, reopening within the window, and the figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sinergi.accounts.services import api_token_create
from sinergi.cases import figures, services, tracking
from sinergi.cases.models import Case, CaseEvent
from sinergi.cases.tests.helpers import file_web

pytestmark = pytest.mark.django_db


def filed(village: str = "64.74.01.1002") -> services.Submitted:
    return file_web(village=village)


def file_case(village: str = "64.74.01.1002") -> Case:
    return filed(village).case


def key_of(result: services.Submitted) -> str:
    assert result.reporter is not None
    return tracking.reporter_key(result.reporter.pk)


def test_reporter_confirms_the_problem_is_solved_once(client: Client, bhabin_a):
    result = filed()
    case = result.case
    services.case_resolve(case=case, by=bhabin_a, note="Sudah dipatroli.")
    # the key arrives in a link: remembered by this browser, then out of the address bar
    opened = client.get(f"/lacak/{case.tracking_code}/", {"k": key_of(result)})
    assert (opened.status_code, opened["Location"]) == (302, f"/lacak/{case.tracking_code}/")
    page = client.get(f"/lacak/{case.tracking_code}/")
    assert "Apakah masalahnya sudah selesai?" in page.text
    url = f"/lacak/{case.tracking_code}/tanggapan/"
    client.post(url, {"answer": "solved"})
    second = client.post(url, {"answer": "solved"}, follow=True)
    assert "Pertanyaan ini sudah Anda jawab. Terima kasih." in second.text
    assert list(case.events.filter(kind=CaseEvent.Kind.FEEDBACK).values_list("data", "public")) == [
        ({"solved": True, "reporter": result.reporter.pk}, True)
    ]
    page = client.get(f"/lacak/{case.tracking_code}/")
    assert "Apakah masalahnya sudah selesai?" not in page.text
    assert "Pelapor menyatakan sudah selesai" in page.text


def test_not_solved_reopens_the_case_with_a_fresh_clock(client: Client, bhabin_a):
    result = filed()
    case = result.case
    services.case_take(case=case, by=bhabin_a)
    services.case_resolve(case=case, by=bhabin_a, note="Sudah.")
    # "not solved" without saying what is still wrong asks for it, changing nothing
    asked = client.post(
        f"/lacak/{case.tracking_code}/tanggapan/",
        {"answer": "not_solved", "comment": "  ", "k": key_of(result)},
        follow=True,
    )
    assert "Ceritakan apa yang belum selesai" in asked.text
    case.refresh_from_db()
    assert case.status == Case.Status.SELESAI
    assert not case.events.filter(kind=CaseEvent.Kind.REOPENED).exists()
    client.post(
        f"/lacak/{case.tracking_code}/tanggapan/",
        {
            "answer": "not_solved",
            "comment": "Masih ada balap liar tadi malam.",
            "k": key_of(result),
        },
    )
    case.refresh_from_db()
    assert (case.status, case.closed_at) == (Case.Status.DITANGANI, None)
    assert case.escalate_at is not None
    reopened = case.events.get(kind=CaseEvent.Kind.REOPENED)
    # the public step carries no words of the reporter's (they may name people): a private note does
    assert (reopened.public, reopened.message) == (True, "")
    note = case.events.get(kind=CaseEvent.Kind.NOTED)
    assert (note.public, note.message) == (False, "Masih ada balap liar tadi malam.")


def test_reopening_after_the_window_is_refused_and_changes_nothing(client: Client, bhabin_a):
    result = filed()
    case = result.case
    services.case_reject(case=case, by=bhabin_a, reason="Bukan wewenang Polri.")
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=15))
    response = client.post(
        f"/lacak/{case.tracking_code}/tanggapan/",
        {"answer": "not_solved", "comment": "Tolong.", "k": key_of(result)},
        follow=True,
    )
    assert "Batas waktu membuka kembali (14 hari) sudah lewat." in response.text
    case.refresh_from_db()
    assert case.status == Case.Status.DITOLAK
    assert not case.events.filter(kind=CaseEvent.Kind.REOPENED).exists()


def test_an_open_case_cannot_be_rated(client: Client):
    result = filed()
    case = result.case
    response = client.post(
        f"/lacak/{case.tracking_code}/tanggapan/",
        {"answer": "solved", "k": key_of(result)},
        follow=True,
    )
    assert "Penilaian hanya untuk laporan yang sudah selesai atau dirujuk." in response.text
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
