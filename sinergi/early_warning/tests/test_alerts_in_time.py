"""A new or raised issue of high severity moves its villages' index at once and tells the area's
leaders and analysts, in the app and by their channel, once per severity reached."""

from __future__ import annotations

import pytest
from django.utils import translation

from conftest import DISTRICT_A, VILLAGE_A
from sinergi.areas.models import Area
from sinergi.early_warning import services
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.models import Alert, IssueEvent, VillageIndex
from sinergi.early_warning.tests.helpers import issue_in
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import phone_contact

pytestmark = pytest.mark.django_db


def score(code: str = VILLAGE_A) -> float:
    return VillageIndex.objects.get(area_id=code).score


def test_a_new_severity_4_sara_issue_moves_the_index_and_tells_the_leaders_at_once(
    sign_in, kapolsek_a, kapolres, officer_b
):
    # given scored villages, a Kapolres with an e-mail and a Kapolsek with only a phone
    index_recompute(under="64.74")
    kapolres.email = "kapolres@example.id"
    kapolres.save()
    before, elsewhere = score(), score("64.74.02.1001")
    # when the Kapolsek records a severity-4 SARA issue in village A from the page
    response = sign_in(kapolsek_a).post(
        "/petugas/isu/baru/",
        {
            "title": "Ketegangan antarkelompok pemuda",
            "category": "sara_antargolongan",
            "severity": "4",
            "area": DISTRICT_A,
            "village": VILLAGE_A,
            "source_reliability": "B",
            "credibility": "2",
        },
    )
    assert response.status_code == 302
    # then the village's score has moved without any recompute being run, others' have not
    assert score() > before
    assert score("64.74.02.1001") == elsewhere
    # and one alert is raised, explaining the move
    alert = Alert.objects.get()
    assert (alert.source, alert.area_id, alert.issue.title) == (
        "severe",
        VILLAGE_A,
        "Ketegangan antarkelompok pemuda",
    )
    # in Indonesian, with a decimal comma like every page ("38,42", never "38.42")
    shown = f"Bontang Baru: {before:.2f} → {score():.2f}".replace(".", ",")
    assert shown in alert.explanation
    # and the people of the area are told by their channel: e-mail, else SMS; officer B is not
    messages = {m.to: m.channel for m in Outbox.objects.filter(key__startswith="alert:")}
    sms_ref = phone_contact(kapolsek_a.phone).ref
    assert messages == {"kapolres@example.id": "email", sms_ref: "sms"}
    told = {
        int(k.rsplit(":", 1)[1])
        for k in Outbox.objects.values_list("key", flat=True)
        if k.startswith("alert:")
    }
    assert told == {kapolres.pk, kapolsek_a.pk}
    # and in the app: the menu counts it and the issues page shows it until read
    page = sign_in(kapolres).get("/petugas/isu/").text
    assert '<span class="badge"' in page
    assert "Ketegangan antarkelompok pemuda" in page
    # in English for a reader who chose it, numbers with a decimal point
    english = sign_in(kapolres)
    english.post("/bahasa/", {"language": "en"})
    page = english.get("/petugas/isu/").text
    assert "New issue of severity 4/5: “Ketegangan antarkelompok pemuda”" in page
    assert f"Bontang Baru: {before:.2f} → {score():.2f}" in page
    sign_in(kapolres).post(f"/petugas/peringatan/{alert.pk}/dibaca/")
    alert.refresh_from_db()
    assert alert.acknowledged_by == kapolres
    assert '<span class="badge"' not in sign_in(kapolres).get("/petugas/isu/").text


def test_raising_an_issue_to_severity_4_alerts_once_and_again_at_5(kapolres):
    index_recompute(under=DISTRICT_A)
    issue = issue_in(
        kapolres,
        "Perselisihan batas lahan",
        "konflik_lahan",
        severity=3,
        source_reliability="C",
        credibility="3",
    )
    assert Alert.objects.count() == 0
    before = score()
    services.issue_grade(
        issue=issue, by=kapolres, severity=4, source_reliability="B", credibility="2"
    )
    assert score() > before
    assert list(Alert.objects.values_list("key", flat=True)) == [f"severe:{issue.pk}:4"]
    assert "dinaikkan dari 3 ke 4/5" in Alert.objects.get().explanation
    # lowering and raising again to 4 does not alert twice; reaching 5 does
    services.issue_grade(
        issue=issue, by=kapolres, severity=3, source_reliability="B", credibility="2"
    )
    services.issue_grade(
        issue=issue, by=kapolres, severity=4, source_reliability="B", credibility="2"
    )
    services.issue_grade(
        issue=issue, by=kapolres, severity=5, source_reliability="B", credibility="2"
    )
    assert sorted(Alert.objects.values_list("key", flat=True)) == [
        f"severe:{issue.pk}:4",
        f"severe:{issue.pk}:5",
    ]
    assert IssueEvent.objects.filter(issue=issue, kind=IssueEvent.Kind.ALERTED).count() == 2


def test_closing_an_issue_lowers_the_index_at_once(kapolres):
    index_recompute(under=DISTRICT_A)
    base = score()
    issue = issue_in(
        kapolres,
        "Bentrok pemuda",
        "sara_antargolongan",
        severity=5,
        source_reliability="A",
        credibility="1",
    )
    assert score() > base
    services.issue_set_status(issue=issue, by=kapolres, status="selesai")
    assert score() == base


def test_officer_b_cannot_acknowledge_an_alert_of_district_a(sign_in, kapolres, officer_b):
    issue = issue_in(kapolres, "Bentrok pemuda", "sara_antargolongan", severity=4)
    alert = Alert.objects.get(issue=issue)
    assert sign_in(officer_b).post(f"/petugas/peringatan/{alert.pk}/dibaca/").status_code == 404
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_an_alert_naming_five_of_seven_moved_villages_says_two_more_moved():
    # given an alert's facts: seven villages moved, the five that moved most named
    moves = [
        {"name": f"Desa {n}", "before": 10.0, "after": 20.0, "level": "Sedang"} for n in range(5)
    ]
    facts = {
        "severity": 4,
        "raised_from": None,
        "title": "Ketegangan",
        "category": "SARA: antargolongan",
        "grade": "B2",
        "moved": 7,
        "moves": moves,
    }
    alert = Alert(source=Alert.Source.SEVERE, area=Area.objects.get(code=VILLAGE_A), facts=facts)
    # then its text counts seven, names five, and says two more, in either language
    text = alert.text()
    assert "Indeks kerawanan 7 desa/kelurahan dihitung ulang:" in text
    assert text.count("→ 20,00") == 5
    assert text.endswith("- dan 2 desa/kelurahan lain")
    with translation.override("en"):
        assert alert.text().endswith("- and 2 other villages")
