"""Issues are seen and changed only by analysts and leaders of their area; the API and the door."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_official, signed_in
from sinergi.accounts.models import AuditEvent, User
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.early_warning import services
from sinergi.early_warning.models import Election, ElectionStage, Issue, IssueEvent
from sinergi.early_warning.tests.helpers import api
from sinergi.engagement import services as engagement_services
from sinergi.engagement.tests.helpers import jumat_curhat
from sinergi.units.models import Post, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def kapolres_b(db: Any) -> User:
    return make_official("kapolres_b", "polres:63.11", Post.Title.KAPOLRES)


def open_issue(by: User, area: str, **fields: Any) -> Issue:
    return services.issue_open(
        by=by,
        title=fields.pop("title", "Ketegangan antarwarga"),
        category=fields.pop("category", "sara_suku"),
        severity=3,
        area=Area.objects.get(code=area),
        source="Bhabinkamtibmas",
        source_reliability="B",
        credibility="2",
        **fields,
    )


def test_a_leader_of_regency_a_cannot_see_or_change_regency_b_issues(kapolres, kapolres_b):
    theirs = open_issue(kapolres_b, "63.11", title="Sengketa lahan Balangan")
    ours = open_issue(kapolres, "64.74.01")
    client = api(kapolres)
    listed = client.get("/api/v1/issues").json()
    assert [i["id"] for i in listed["items"]] == [ours.pk]
    assert client.get(f"/api/v1/issues/{theirs.pk}").status_code == 404
    assert client.get("/api/v1/issues", {"area": "63.11"}).json()["count"] == 0
    refused = client.post(
        "/api/v1/issues",
        {"title": "Isu titipan", "category": "hoaks", "severity": 2, "area": "63.11"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert Issue.objects.filter(area_id="63.11").count() == 1
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED).count() == 1


@pytest.mark.parametrize("who", ["bhabin_a", "humas_editor", "citizen"])
def test_field_officers_humas_and_citizens_see_no_issues(request, kapolres, who):
    open_issue(kapolres, "64.74.01.1002")
    user = request.getfixturevalue(who)
    assert api(user).get("/api/v1/issues").json()["count"] == 0
    assert Client().get("/api/v1/issues").status_code == 401


def test_an_analyst_opens_an_issue_through_the_api_with_its_grade(kapolres):
    response = api(kapolres).post(
        "/api/v1/issues",
        {
            "title": "Provokasi jelang Pilkada",
            "category": "politik",
            "severity": 4,
            "area": "64.74",
            "areas": ["64.74.01"],
            "source": "Grup WhatsApp warga",
            "source_reliability": "C",
            "credibility": "3",
            "tags": ["Pilkada"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["grade"], body["areas"], body["tags"], body["status"]) == (
        "C3",
        ["64.74", "64.74.01"],
        ["pilkada"],
        "dipantau",
    )
    assert IssueEvent.objects.get(kind=IssueEvent.Kind.OPENED).data == {"grade": "C3"}
    # severity 4: its area's leaders and analysts were told at once (here the Kapolres alone)
    told = IssueEvent.objects.get(kind=IssueEvent.Kind.ALERTED).data
    assert told["told"] == 1


def test_bad_issue_payloads_are_refused_and_write_nothing(kapolres):
    client = api(kapolres)
    for body in (
        {"title": "x", "category": "politik", "severity": 3, "area": "64.74"},
        {"title": "Isu", "category": "politik", "severity": 9, "area": "64.74"},
        {"title": "Isu", "category": "tidak-ada", "severity": 3, "area": "64.74"},
        {"title": "Isu", "category": "politik", "severity": 3, "area": "99.99"},
    ):
        assert (
            client.post("/api/v1/issues", body, content_type="application/json").status_code == 422
        )
    assert Issue.objects.count() == 0


def test_status_moves_only_along_the_allowed_steps(kapolres):
    issue = open_issue(kapolres, "64.74.01")
    with pytest.raises(services.IssueError, match="tingkat"):
        services.issue_set_status(issue=issue, by=kapolres, status="terlokalisir")
    services.issue_set_status(issue=issue, by=kapolres, status="terlokalisir", level=3)
    services.issue_set_status(issue=issue, by=kapolres, status="selesai")
    with pytest.raises(services.IssueError, match="tidak dapat diubah"):
        services.issue_set_status(issue=issue, by=kapolres, status="meluas")
    issue.refresh_from_db()
    assert (issue.status, issue.localised_level, issue.closed_at is not None) == (
        "selesai",
        None,
        True,
    )


def test_hoax_reports_are_grouped_and_the_clarification_is_kept(kapolres):
    category = Category.objects.get(slug="hoaks-media-sosial")
    hoaxes = [
        Case.objects.create(
            tracking_code=f"SNG-HOAX-000{n}",
            kind="hoaks",
            category=category,
            area_id="64.74.01.1002",
            owner_area_id="64.74.01.1002",
            channel="web",
            description="Pesan berantai penculikan anak",
        )
        for n in (1, 2)
    ]
    issue = services.hoax_group(
        by=kapolres,
        cases=hoaxes,
        title="Hoaks penculikan anak",
        area=Area.objects.get(code="64.74"),
    )
    assert sorted(issue.cases.values_list("tracking_code", flat=True)) == [
        "SNG-HOAX-0001",
        "SNG-HOAX-0002",
    ]
    with pytest.raises(services.IssueError):
        services.clarification_publish(issue=issue, by=kapolres, text="Tidak benar.")
    services.clarification_publish(
        issue=issue, by=kapolres, text="Polres memastikan kabar penculikan anak itu tidak benar."
    )
    issue.refresh_from_db()
    assert issue.clarification_published_at is not None


def test_the_election_calendar_is_public_and_shows_the_running_stage():
    today = timezone.localdate()
    election = Election.objects.create(
        name="Pilkada Bontang",
        kind="pilkada",
        area_id="64.74",
        vote_on=today + dt.timedelta(days=10),
    )
    ElectionStage.objects.create(
        election=election,
        name="Masa kampanye",
        intensity=0.7,
        starts_on=today - dt.timedelta(days=5),
        ends_on=today + dt.timedelta(days=5),
    )
    Election.objects.create(name="Pilkada Balangan", kind="pilkada", area_id="63.11", vote_on=today)
    body = Client().get("/api/v1/elections", {"area": "64.74.01.1002"}).json()
    assert [(e["name"], e["current_stage"]) for e in body] == [("Pilkada Bontang", "Masa kampanye")]


def test_the_issue_page_shows_only_what_lies_in_the_viewers_areas(
    client, kapolres, kapolsek_a, officer_b
):
    # given an issue of district A that spans district B, with a hoax report and an activity in
    # each district (linked by the Kapolres, who covers both)

    issue = open_issue(
        kapolres, "64.74.01", category="hoaks", areas=[Area.objects.get(code="64.74.02")]
    )
    hoax = Category.objects.get(slug="hoaks-media-sosial")

    def report(village: str, text: str) -> Case:
        return case_services.case_submit(
            category=hoax,
            area=Area.objects.get(code=village),
            description=text,
            channel=Case.Channel.WEB,
            reporter=case_services.ReporterIn(),
            details={"link": "https://example.org/x"},
        ).case

    ours = report("64.74.01.1002", "Hoaks penculikan anak di Bontang Baru")
    theirs = report("64.74.02.1001", "Hoaks penculikan anak di Tanjung Laut")
    unlinked = report("64.74.02.1002", "Hoaks baru di Berbas Tengah")
    services.issue_link_cases(issue=issue, by=kapolres, cases=[ours, theirs])
    our_activity = jumat_curhat(kapolsek_a)
    their_activity = engagement_services.activity_plan(
        by=officer_b,
        unit=Unit.objects.get(key="polsek:64.74.02"),
        kind=our_activity.kind,
        title="Sambang Tanjung Laut",
        area=Area.objects.get(code="64.74.02.1001"),
        planned_at=timezone.now(),
    )
    services.issue_link_activities(
        issue=issue, by=kapolres, activities=[our_activity, their_activity]
    )
    # when district A's Kapolsek opens it
    page = signed_in(client, kapolsek_a).get(f"/petugas/isu/{issue.pk}/").text
    # then district A's records are there, district B's are only counted
    assert ours.tracking_code in page
    assert our_activity.title in page
    for hidden in (theirs.tracking_code, "Tanjung Laut", unlinked.tracking_code, "Berbas"):
        assert hidden not in page
    assert "1 laporan lain terkait isu ini berada di luar wilayah Anda." in page
    assert "1 kegiatan lain terkait isu ini berada di luar wilayah Anda." in page
    # and the Kapolres sees both
    whole = signed_in(Client(), kapolres).get(f"/petugas/isu/{issue.pk}/").text
    assert ours.tracking_code in whole
    assert theirs.tracking_code in whole
