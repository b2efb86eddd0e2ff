"""Issue pages: opened, followed and clarified by a leader; refused to others with nothing changed;
the public clarification shows no reporter; the counter-message reaches each tokoh once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.utils import timezone, translation

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases.models import Category, Reporter
from sinergi.cases.services import ReporterIn, case_submit
from sinergi.early_warning import services
from sinergi.early_warning.models import Issue, IssueEvent
from sinergi.engagement.models import Activity, Partner
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import phone_contact
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db


def hoax_case() -> str:
    submitted = case_submit(
        category=Category.objects.get(slug="hoaks-media-sosial"),
        area=Area.objects.get(code="64.74.01.1002"),
        description="Pesan berantai: ada penculikan anak di sekolah.",
        channel="web",
        reporter=ReporterIn(name="Bu Wati Pelapor", phone="081299990000"),
    )
    return submitted.case.tracking_code


def test_a_kapolres_records_a_hoax_links_the_report_and_publishes_the_clarification(
    sign_in, kapolres
):
    code = hoax_case()
    client = sign_in(kapolres)
    response = client.post(
        "/petugas/isu/baru/",
        {
            "title": "Hoaks penculikan anak",
            "category": "hoaks",
            "severity": "3",
            "area": "64.74",
            "village": "",
            "source": "Grup WhatsApp",
            "source_reliability": "F",
            "credibility": "4",
            "tags": "",
        },
    )
    issue = Issue.objects.get()
    assert response["Location"] == f"/petugas/isu/{issue.pk}/"
    client.post(f"/petugas/isu/{issue.pk}/kaitkan/", {"codes": code.lower()})
    client.post(
        f"/petugas/isu/{issue.pk}/klarifikasi/",
        {"text": "Polres memastikan kabar penculikan anak di sekolah itu tidak benar."},
    )
    client.post(f"/petugas/isu/{issue.pk}/status/", {"status": "ditangani", "level": ""})
    issue.refresh_from_db()
    assert list(issue.cases.values_list("tracking_code", flat=True)) == [code]
    assert (issue.status, issue.clarification_published_at is not None) == ("ditangani", True)
    page = client.get(f"/petugas/isu/{issue.pk}/")
    assert "F4" in page.text
    assert code in page.text

    public = Client().get(f"/klarifikasi/{issue.pk}/")
    assert "Polres memastikan kabar penculikan anak" in public.text
    for private in ("Bu Wati Pelapor", "081299990000", code, "Pesan berantai"):
        assert private not in public.text
    assert "Hoaks penculikan anak" in Client().get("/klarifikasi/").text


def test_the_counter_message_reaches_each_tokoh_once(sign_in, kapolres):
    issue_pk = _published_hoax(kapolres)
    area = Area.objects.get(code="64.74.01.1002")
    Partner.objects.create(
        kind="tokoh_agama", name="Ustaz Hasan", area=area, email="hasan@example.com"
    )
    Partner.objects.create(kind="tokoh_masyarakat", name="Pak RT", area=area, phone="0812111")
    Partner.objects.create(
        kind="rumah_ibadah", name="Masjid Al-Ikhlas", area=area, phone="0812222"
    )  # not a tokoh
    client = sign_in(kapolres)
    client.post(f"/petugas/isu/{issue_pk}/kirim/")
    client.post(f"/petugas/isu/{issue_pk}/kirim/")  # pressed twice
    assert sorted(Outbox.objects.values_list("channel", flat=True)) == ["email", "sms"]
    assert Outbox.objects.get(channel="sms").to == phone_contact("0812111").ref
    sent = IssueEvent.objects.filter(kind="counter").values_list("data", flat=True)
    assert [d["new"] for d in sent] == [2, 0]


def _published_hoax(by: User) -> int:
    issue = services.issue_open(
        by=by, title="Hoaks", category="hoaks", severity=2, area=Area.objects.get(code="64.74")
    )
    services.clarification_publish(issue=issue, by=by, text="Kabar itu tidak benar sama sekali.")
    return issue.pk


def test_another_polsek_leader_cannot_open_or_change_the_issue(sign_in, kapolres, officer_b):
    issue_pk = _published_hoax(kapolres)
    client = sign_in(officer_b)
    assert client.get(f"/petugas/isu/{issue_pk}/").status_code == 404
    assert client.post(f"/petugas/isu/{issue_pk}/status/", {"status": "selesai"}).status_code == 404
    assert client.post(f"/petugas/isu/{issue_pk}/kirim/").status_code == 404
    assert list(client.get("/petugas/isu/").context["issues"]) == []
    issue = Issue.objects.get()
    assert (issue.status, IssueEvent.objects.count(), Outbox.objects.count()) == ("dipantau", 2, 0)


def test_a_field_officer_has_no_issue_pages(sign_in, bhabin_a):
    client = sign_in(bhabin_a)
    assert client.get("/petugas/isu/").status_code == 404
    assert client.post("/petugas/isu/baru/", {"title": "x"}).status_code == 404
    assert Issue.objects.count() == 0
    assert Reporter.objects.count() == 0


def test_a_hoax_issue_suggests_the_ungrouped_hoax_reports_of_its_areas(sign_in, kapolres):
    code = hoax_case()
    issue_pk = _published_hoax(kapolres)
    client = sign_in(kapolres)
    page = client.get(f"/petugas/isu/{issue_pk}/")
    assert [c.tracking_code for c in page.context["ungrouped"]] == [code]
    client.post(f"/petugas/isu/{issue_pk}/kaitkan/", {"codes": code})
    assert list(client.get(f"/petugas/isu/{issue_pk}/").context["ungrouped"]) == []


def test_an_activity_of_the_area_is_linked_to_the_issue_and_one_elsewhere_is_not(sign_in, kapolres):

    issue_pk = _published_hoax(kapolres)
    unit = Unit.objects.get(key="polres:64.74")
    here = Activity.objects.create(
        unit=unit,
        kind="dialog_kamtibmas",
        title="Dialog hoaks",
        area_id="64.74.01.1002",
        held_at=timezone.now(),
    )
    balangan = Area.objects.filter(code__startswith="63.11.", level=Area.Level.VILLAGE)[0]
    there = Activity.objects.create(
        unit=unit, kind="dialog_kamtibmas", title="Balangan", area=balangan, held_at=timezone.now()
    )
    # a cooling dialogue planned ahead is offered, saying so; a cancelled one is not
    ahead = Activity.objects.create(
        unit=unit,
        kind="dialog_kamtibmas",
        title="Dialog cooling system",
        area_id="64.74.01.1002",
        planned_at=timezone.now() + timedelta(days=3),
    )
    Activity.objects.create(
        unit=unit,
        kind="dialog_kamtibmas",
        title="Dialog batal",
        area_id="64.74.01.1002",
        planned_at=timezone.now() + timedelta(days=1),
        status=Activity.Status.CANCELLED,
    )
    client = sign_in(kapolres)
    page = client.get(f"/petugas/isu/{issue_pk}/")
    assert [a.pk for a in page.context["recent_activities"]] == [ahead.pk, here.pk]
    with translation.override("id"):
        day = date_filter(timezone.localtime(ahead.planned_at), "j M")
    assert f"Dialog cooling system (Kelurahan Bontang Baru · direncanakan {day})" in page.text
    assert "60 hari terakhir dan yang direncanakan" in page.text
    client.post(f"/petugas/isu/{issue_pk}/kegiatan/", {"activity": [str(here.pk), str(there.pk)]})
    assert list(Issue.objects.get().activities.values_list("pk", flat=True)) == [here.pk]
