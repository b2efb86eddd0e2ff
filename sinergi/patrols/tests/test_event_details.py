"""An event request heard as an aspiration: the officer fills in its size, date, venue and
organiser (editable until decided) and it routes by that scale; the after-event report waits
for the event's day; the decision letter and the personnel order print as PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.patrols import events
from sinergi.patrols.models import EventRequest
from sinergi.patrols.services import PatrolError
from sinergi.patrols.tests.helpers import ask_security, heard_at_a_jumat_curhat

pytestmark = pytest.mark.django_db


def details(**extra: str) -> dict[str, str]:
    return {
        "step": "data",
        "event_name": "Hari jadi Majelis Sholawat",
        "organiser": "Majelis Sholawat",
        "venue": "Lapangan Bontang Baru",
        "event_date": "2099-01-10",
        "event_time": "19.00 WITA",
        "crowd_size": "5000",
        **extra,
    }


def test_the_officer_fills_in_the_event_and_it_routes_up_by_its_size(sign_in, bhabin_a, kapolres):
    # given a request heard at a Jumat Curhat, nothing known of its size yet
    request = heard_at_a_jumat_curhat(bhabin_a)
    assert (request.level, request.case.owner_area_id) == (Area.Level.DISTRICT, "64.74.01")
    assert events.missing_details(request) == [
        "penyelenggara",
        "tempat",
        "tanggal",
        "perkiraan peserta",
    ]
    client = sign_in(bhabin_a)
    page = client.get(f"/petugas/pengamanan/{request.pk}/").text
    assert "Jumat Curhat Bontang Baru" in page  # where it was heard
    # when the Bhabinkamtibmas enters 5,000 people
    response = client.post(f"/petugas/pengamanan/{request.pk}/", details())
    assert response.status_code == 302
    # then the Kapolres decides it, with the documents of a regency-scale event
    request.refresh_from_db()
    case = Case.objects.get(pk=request.case_id)
    assert (request.level, case.owner_area_id) == (Area.Level.REGENCY, "64.74")
    assert (request.organiser, request.venue, request.event_date, request.crowd_size) == (
        "Majelis Sholawat",
        "Lapangan Bontang Baru",
        dt.date(2099, 1, 10),
        5000,
    )
    assert "rekomendasi_instansi" in request.checklist
    # and the details form, opened again, shows the date in the phone's date picker (ISO: the
    # Indonesian "10-01-2099" is dropped by the browser and the field came up empty)
    again = client.get(f"/petugas/pengamanan/{request.pk}/").text
    assert 'type="date" name="event_date" value="2099-01-10"' in again
    # and once decided, the officer's details are closed
    events.event_review(request=request, documents=list(request.checklist), by=kapolres)
    events.event_decide(request=request, approve=True, by=kapolres)
    refused = client.post(f"/petugas/pengamanan/{request.pk}/", details(crowd_size="50"))
    request.refresh_from_db()
    assert (refused.status_code, request.crowd_size) == (404, 5000)


def test_a_request_is_not_approved_before_its_details_are_known(bhabin_a, kapolsek_a):
    request = heard_at_a_jumat_curhat(bhabin_a)
    events.event_review(request=request, documents=list(request.checklist), by=kapolsek_a)
    with pytest.raises(PatrolError, match="Lengkapi data kegiatan dulu"):
        events.event_decide(request=request, approve=True, by=kapolsek_a)
    assert EventRequest.objects.get().status == EventRequest.Status.REVIEW


def test_bad_details_are_refused_and_change_nothing(sign_in, bhabin_a):
    request = heard_at_a_jumat_curhat(bhabin_a)
    client = sign_in(bhabin_a)
    response = client.post(f"/petugas/pengamanan/{request.pk}/", details(crowd_size="0"))
    assert response.status_code == 400
    request.refresh_from_db()
    assert (request.crowd_size, request.organiser) == (None, "")


def test_officer_b_cannot_fill_in_an_event_of_village_a(sign_in, bhabin_a, officer_b):
    request = heard_at_a_jumat_curhat(bhabin_a)
    response = sign_in(officer_b).post(f"/petugas/pengamanan/{request.pk}/", details())
    assert response.status_code == 404
    request.refresh_from_db()
    assert (request.crowd_size, request.level) == (None, Area.Level.DISTRICT)


def test_the_decision_letter_and_the_personnel_order_print_with_named_personnel(sign_in, kapolres):
    request = events.event_request_open(case=ask_security(5000))
    client = sign_in(kapolres)
    assert client.get(f"/petugas/pengamanan/{request.pk}/surat.pdf").status_code == 404
    events.event_review(request=request, documents=list(request.checklist), by=kapolres)
    events.event_decide(request=request, approve=True, by=kapolres, conditions="Selesai 22.00.")
    assert client.get(f"/petugas/pengamanan/{request.pk}/sprin.pdf").status_code == 404
    client.post(
        f"/petugas/pengamanan/{request.pk}/",
        {
            "step": "personnel",
            "sabhara": "20",
            "lantas": "5",
            "people": "Aipda Agus Prasetyo, 84051234, pintu masuk\nBRIPKA Eko Saputra, parkir",
        },
    )
    request.refresh_from_db()
    assert request.personnel["people"] == [
        {"rank": "Aipda", "name": "Agus Prasetyo", "nrp": "84051234", "duty": "pintu masuk"},
        {"rank": "Bripka", "name": "Eko Saputra", "nrp": "", "duty": "parkir"},
    ]
    for paper in ("surat", "sprin"):
        pdf = client.get(f"/petugas/pengamanan/{request.pk}/{paper}.pdf")
        assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
        assert pdf.content.startswith(b"%PDF-")
        assert b"OpenSans" in pdf.content
    assert client.get(f"/petugas/pengamanan/{request.pk}/lain.pdf").status_code == 404


def test_officer_b_cannot_print_the_papers_of_village_a(sign_in, kapolres, officer_b):
    request = events.event_request_open(case=ask_security(300))
    events.event_review(request=request, documents=list(request.checklist), by=kapolres)
    events.event_decide(request=request, approve=False, by=kapolres, reason="Bentrok jadwal.")
    assert sign_in(officer_b).get(f"/petugas/pengamanan/{request.pk}/surat.pdf").status_code == 404
