from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_official
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, CaseEvent
from sinergi.cases.selectors import case_inbox
from sinergi.messaging.models import Outbox
from sinergi.patrols import events
from sinergi.patrols.models import EventRequest
from sinergi.patrols.services import PatrolError
from sinergi.patrols.tests.helpers import ask_security
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db


def test_an_event_of_5000_people_lands_with_the_kapolres_not_the_kapolsek(
    bhabin_a, kapolsek_a, kapolres
):
    # given
    case = ask_security(5000)
    # when
    request = events.event_request_open(case=case)
    # then
    case.refresh_from_db()
    assert (request.level, case.owner_area_id) == (Area.Level.REGENCY, "64.74")
    assert case in case_inbox(user=kapolres).filter(owner_area__level=Area.Level.REGENCY)
    assert not case_inbox(user=kapolsek_a, tier=Area.Level.DISTRICT).filter(pk=case.pk).exists()
    step = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    assert (step.public, step.data["to"], step.data["sla_breach"]) == (True, "64.74", False)


def test_a_small_event_stays_with_the_kapolsek_and_a_provincial_one_goes_to_the_kapolda():
    small = ask_security(300)
    events.event_request_open(case=small)
    wide = ask_security(300, reach="provinsi")
    events.event_request_open(case=wide)
    small.refresh_from_db()
    wide.refresh_from_db()
    assert (small.owner_area_id, wide.owner_area_id) == ("64.74.01", "64")


def test_the_sweep_opens_each_open_request_once(kapolres):
    ask_security(50)
    ask_security(20_000)
    withdrawn = ask_security(300)
    case_services.case_reject(case=withdrawn, by=kapolres, reason="Dibatalkan panitia.")
    assert events.event_requests_open_new() == 2
    assert events.event_requests_open_new() == 0
    assert sorted(EventRequest.objects.values_list("level", flat=True)) == [1, 3]


def test_review_decision_personnel_and_report_are_steps_the_organiser_follows(kapolres):
    # given a 5,000-person event with the Kapolres
    request = events.event_request_open(case=ask_security(5000))
    Outbox.objects.all().delete()
    # then approval waits for every document of its size
    with pytest.raises(PatrolError):
        events.event_decide(request=request, approve=True, by=kapolres)
    events.event_review(request=request, documents=list(request.checklist), by=kapolres)
    events.event_decide(
        request=request, approve=True, by=kapolres, conditions="Selesai sebelum pukul 22.00."
    )
    events.event_plan_personnel(
        request=request,
        units={"Sabhara": 30, "Lantas": 10},
        koramil=True,
        satpol_pp=True,
        note="Apel pukul 06.00",
        by=kapolres,
    )
    # the after-event report waits for the event's day
    EventRequest.objects.filter(pk=request.pk).update(
        event_date=timezone.localdate() + timedelta(days=1)
    )
    request.refresh_from_db()
    with pytest.raises(PatrolError, match="setelah hari kegiatan"):
        events.event_report(request=request, report="Aman.", attendance=10, by=kapolres)
    EventRequest.objects.filter(pk=request.pk).update(event_date=timezone.localdate())
    request.refresh_from_db()
    events.event_report(
        request=request, report="Kegiatan berjalan aman dan tertib.", attendance=4800, by=kapolres
    )
    request.refresh_from_db()
    assert request.status == EventRequest.Status.REPORTED
    assert request.personnel["officers"] == 40
    assert request.case.status == Case.Status.SELESAI
    public = list(request.case.events.filter(public=True).values_list("kind", flat=True))
    assert public == ["submitted", "escalated", "replied", "status"]
    assert "Selesai sebelum pukul 22.00." in request.case.events.get(kind="replied").message
    # the organiser heard the approval and the close by e-mail; internal notes stay internal
    assert Outbox.objects.filter(to="panitia@example.id").count() == 2


def test_a_declined_request_tells_the_reason(kapolres):
    request = events.event_request_open(case=ask_security(5000))
    events.event_decide(request=request, approve=False, by=kapolres, reason="Bentrok jadwal.")
    request.case.refresh_from_db()
    assert (request.status, request.case.status) == ("declined", Case.Status.DITOLAK)


def test_the_kapolres_decides_on_the_page_and_the_kapolsek_below_cannot(
    sign_in, kapolsek_a, kapolres
):
    # given
    request = events.event_request_open(case=ask_security(5000))
    url = f"/petugas/pengamanan/{request.pk}/"
    # when the Kapolsek of the district tries to approve it
    client = sign_in(kapolsek_a)
    assert client.get(url).status_code == 200
    refused = client.post(url, {"step": "decide", "approve": "0", "reason": "x"})
    # then nothing changed
    request.refresh_from_db()
    assert (refused.status_code, request.status) == (404, EventRequest.Status.REVIEW)
    # and the Kapolres ticks the documents and approves it
    client = sign_in(kapolres)
    client.post(url, {"step": "review", "documents": list(request.checklist)})
    client.post(url, {"step": "decide", "approve": "1", "conditions": "Parkir di lapangan."})
    request.refresh_from_db()
    assert (request.status, request.conditions) == ("approved", "Parkir di lapangan.")


def test_officer_b_cannot_open_an_event_request_from_village_a(sign_in, officer_b):
    request = events.event_request_open(case=ask_security(300))
    assert sign_in(officer_b).get(f"/petugas/pengamanan/{request.pk}/").status_code == 404


def test_the_organiser_follows_the_decision_by_tracking_code(client, kapolres):
    request = events.event_request_open(case=ask_security(5000))
    events.event_review(request=request, documents=list(request.checklist), by=kapolres)
    events.event_decide(request=request, approve=True, by=kapolres, conditions="Tertib.")
    page = client.get(f"/lacak/{request.case.tracking_code}/").content.decode()
    assert "Permohonan pengamanan disetujui. Syarat: Tertib." in page
    assert "Kelengkapan dokumen" not in page  # the internal checklist note stays internal


def test_a_camat_whose_forum_holds_a_request_does_not_decide_the_police_permit(sign_in, kapolsek_a):
    # given a small event at the district's tier, and the Camat, who sits in its forum
    camat = make_official("camat_a", "kecamatan:64.74.01", Post.Title.CAMAT)
    request = events.event_request_open(case=ask_security(500))
    assert request.case.owner_area_id == "64.74.01"
    url = f"/petugas/pengamanan/{request.pk}/"
    client = sign_in(camat)
    # then he is offered no decision, and one posted anyway changes nothing
    assert "Simpan keputusan" not in client.get(url).text
    refused = client.post(url, {"step": "decide", "approve": "1", "conditions": "x"})
    request.refresh_from_db()
    assert (refused.status_code, request.status) == (404, EventRequest.Status.REVIEW)
    # while the Kapolsek decides it
    assert "Simpan keputusan" in sign_in(kapolsek_a).get(url).text
