"""The field loop's patrol side: flagged check-ins reviewed by a leader, a spot placed by its
first accepted check-in, spots moved and merged, the night window, check-ins sent late."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from conftest import DISTRICT_A, VILLAGE_A, make_official
from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.engagement.models import Commitment
from sinergi.engagement.tests.helpers import jumat_curhat
from sinergi.messaging.models import Outbox
from sinergi.patrols import services, windows
from sinergi.patrols.models import (
    CheckIn,
    Hotspot,
    HotspotRequest,
    PatrolEvent,
    PatrolPlan,
    PatrolStop,
)
from sinergi.patrols.tests.helpers import (
    FIFTY_M,
    LAT,
    LNG,
    TWO_KM,
    check_in,
    last_night,
    plan_tonight,
    request_patrol,
    tonight_at_one_spot,
)
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db


def unplaced_spot(email: str = "warga@example.id") -> Hotspot:
    request_patrol(lat=None, lng=None, place="Gang Mawar", email=email)
    services.hotspots_refresh(area_code=DISTRICT_A)
    return Hotspot.objects.get()


def test_a_spot_without_a_position_takes_its_first_accepted_check_in_and_tells_requesters(
    kapolsek_a, bhabin_a
):
    # given a spot named by a citizen without coordinates, on tonight's route
    hotspot = unplaced_spot()
    assert (hotspot.latitude, hotspot.longitude) == (None, None)
    plan = plan_tonight(kapolsek_a, [bhabin_a], [hotspot])
    # when the officer checks in there (flagged: nothing to measure against) …
    checkin = check_in(
        plan,
        hotspot,
        bhabin_a,
        taken_at=last_night(),
    )
    assert (checkin.flagged, checkin.distance_m, checkin.counts) == (True, None, False)
    assert Outbox.objects.filter(body__contains="sudah dipatroli").count() == 0
    # … and the Kapolsek accepts it
    services.checkin_review(checkin=checkin, by=kapolsek_a, accept=True)
    # then the spot is where the officer stood, it counts, and the requester is told once
    hotspot.refresh_from_db()
    checkin.refresh_from_db()
    assert (hotspot.latitude, hotspot.longitude) == (LAT, LNG)
    assert hotspot.last_patrolled_at == last_night()
    assert (checkin.review, checkin.reviewed_by, checkin.counts) == ("accepted", kapolsek_a, True)
    assert list(
        Outbox.objects.filter(body__contains="sudah dipatroli").values_list("to", flat=True)
    ) == ["warga@example.id"]
    assert Case.objects.get().status == Case.Status.SELESAI
    assert PatrolEvent.objects.get(kind=PatrolEvent.Kind.ACCEPTED).data["placed"] == [LAT, LNG]
    # and the next check-in is measured against that position
    near = check_in(plan, hotspot, bhabin_a, at=(LAT + FIFTY_M, LNG))
    assert (near.flagged, round(near.distance_m or 0)) == (False, 50)
    with pytest.raises(services.PatrolError, match="sudah diperiksa"):
        services.checkin_review(checkin=checkin, by=kapolsek_a, accept=False, reason="x")


def test_a_rejected_check_in_needs_a_reason_and_counts_for_nothing(kapolsek_a, bhabin_a):
    hotspot = unplaced_spot()
    plan = plan_tonight(kapolsek_a, [bhabin_a], [hotspot])
    checkin = check_in(plan, hotspot, bhabin_a)
    with pytest.raises(services.PatrolError, match="alasan"):
        services.checkin_review(checkin=checkin, by=kapolsek_a, accept=False, reason="  ")
    assert CheckIn.objects.get().review == ""
    services.checkin_review(
        checkin=checkin, by=kapolsek_a, accept=False, reason="Foto bukan di Gang Mawar"
    )
    hotspot.refresh_from_db()
    assert (hotspot.latitude, hotspot.last_patrolled_at) == (None, None)
    assert CheckIn.objects.get().review_note == "Foto bukan di Gang Mawar"
    assert HotspotRequest.objects.get().notified_at is None
    assert Case.objects.get().status != Case.Status.SELESAI


def test_a_night_request_is_answered_only_by_a_check_in_inside_its_window(kapolsek_a, bhabin_a):
    # given a request for 22:00-02:00 and one for any time, at one spot
    night = request_patrol(email="malam@example.id", window="22:00-02:00")
    anytime = request_patrol(lat=LAT + FIFTY_M, email="kapan@example.id", window="")
    services.hotspots_refresh(area_code=DISTRICT_A)
    hotspot = Hotspot.objects.get()
    plan = plan_tonight(kapolsek_a, [bhabin_a], [hotspot])
    # when the officer checks in at 15.00 yesterday
    afternoon = last_night().replace(hour=15)
    check_in(
        plan,
        hotspot,
        bhabin_a,
        taken_at=afternoon,
    )
    # then only the any-time requester is told
    told = list(
        Outbox.objects.filter(body__contains="sudah dipatroli").values_list("to", flat=True)
    )
    assert told == ["kapan@example.id"]
    assert HotspotRequest.objects.get(case=night).notified_at is None
    # and a check-in at 23.00 answers the night request
    check_in(
        plan,
        hotspot,
        bhabin_a,
        taken_at=last_night(),
    )
    assert Case.objects.get(pk=night.pk).status == Case.Status.SELESAI
    assert Outbox.objects.filter(body__contains="sudah dipatroli").count() == 2
    assert HotspotRequest.objects.get(case=anytime).notified_at == afternoon


def test_windows_are_read_as_people_write_them():
    assert windows.parse("22:00-02:00") == (time(22), time(2))
    assert windows.parse("jam 22 s/d 2") == (time(22), time(2))
    assert windows.parse("pukul 21.30 – 23.00") == (time(21, 30), time(23))
    assert windows.parse("Malam Minggu") == (time(18), time(5))
    assert windows.parse("setiap hari") is None
    assert windows.inside(time(1, 0), (time(22), time(2))) is True
    assert windows.inside(time(3, 0), (time(22), time(2))) is False
    assert windows.inside(time(12, 0), (time(11), time(15))) is True


def test_a_check_in_sent_twice_with_its_key_is_one_and_a_wild_clock_is_not_believed(
    kapolsek_a, bhabin_a
):
    plan, hotspot = tonight_at_one_spot(kapolsek_a, bhabin_a)
    first = check_in(
        plan,
        hotspot,
        bhabin_a,
        client_key="hp-1",
        taken_at=timezone.now() + timedelta(days=2),
    )
    again = check_in(
        plan,
        hotspot,
        bhabin_a,
        client_key="hp-1",
        taken_at=last_night(),
    )
    assert again.pk == first.pk
    assert CheckIn.objects.count() == 1
    assert (first.taken_at, first.when) == (None, first.at)


def test_a_leader_moves_a_spot_and_merges_two_that_are_one_place(kapolsek_a, bhabin_a):
    # given two spots 2 km apart, each with a request, both on one route with a check-in
    request_patrol(email="a@example.id")
    request_patrol(lat=LAT + TWO_KM, place="Pasar", email="b@example.id", window="Malam Minggu")
    services.hotspots_refresh(area_code=DISTRICT_A)
    keep, gone = Hotspot.objects.order_by("pk")
    plan = plan_tonight(kapolsek_a, [bhabin_a], [keep, gone])
    check_in(plan, gone, bhabin_a, at=(LAT + TWO_KM, LNG))
    # when the Kapolsek moves the first and merges the second into it
    services.hotspot_move(hotspot=keep, by=kapolsek_a, latitude=LAT + 0.001, longitude=LNG)
    merged = services.hotspot_merge(source=gone, into=keep, by=kapolsek_a)
    # then the kept spot has both requests, one stop, the check-in, and the sum of requests
    gone.refresh_from_db()
    assert gone.merged_into_id == keep.pk
    assert (merged.latitude, merged.request_count) == (LAT + 0.001, 2)
    assert merged.time_windows == ["22:00-02:00", "Malam Minggu"]
    assert set(HotspotRequest.objects.values_list("hotspot_id", flat=True)) == {keep.pk}
    assert list(PatrolStop.objects.values_list("hotspot_id", flat=True)) == [keep.pk]
    assert list(CheckIn.objects.values_list("hotspot_id", flat=True)) == [keep.pk]
    assert PatrolEvent.objects.filter(kind=PatrolEvent.Kind.MERGED, hotspot=keep).count() == 1
    # and a new request there is not placed into the merged spot
    request_patrol(lat=LAT + TWO_KM, place="Pasar", email="c@example.id")
    services.hotspots_refresh(area_code=DISTRICT_A)
    assert not HotspotRequest.objects.filter(hotspot=gone).exists()
    with pytest.raises(services.PatrolError, match="sudah digabungkan"):
        services.hotspot_merge(source=gone, into=keep, by=kapolsek_a)
    with pytest.raises(services.PatrolError, match="Koordinat"):
        services.hotspot_move(hotspot=keep, by=kapolsek_a, latitude=95.0, longitude=LNG)
    assert Area.objects.get(code=VILLAGE_A).code == keep.area_id


def test_a_plan_takes_the_babinsa_along_and_keeps_a_promise_with_its_check_ins(
    sign_in, kapolsek_a, bhabin_a
):
    # given a Babinsa of village A and a promise of daily patrols made at a Jumat Curhat
    babinsa = make_official("babinsa_a", f"koramil:{DISTRICT_A}", Post.Title.BABINSA, (VILLAGE_A,))
    activity = jumat_curhat(
        bhabin_a, commitments=(("Patroli rutin setiap hari di Gang Mawar", date(2099, 1, 1)),)
    )
    promise = Commitment.objects.get()
    hotspot = services.hotspot_add(
        area=Area.objects.get(code=VILLAGE_A),
        name="Gang Mawar",
        by=kapolsek_a,
        latitude=LAT,
        longitude=LNG,
    )
    client = sign_in(kapolsek_a)
    form = client.get("/petugas/patroli/rencana/baru/").content.decode()
    assert "Babinsa_A · Babinsa" in form
    assert "Patroli rutin setiap hari di Gang Mawar · 01-01-2099" in form
    # when the Kapolsek plans the patrol with the Babinsa, linked to the promise
    today = timezone.localdate()
    response = client.post(
        "/petugas/patroli/rencana/baru/",
        {
            "title": "Patroli Gang Mawar",
            "starts_on": today,
            "ends_on": today,
            "weekdays": [today.weekday()],
            "time_start": "19:00",
            "time_end": "23:00",
            "route": [hotspot.pk],
            "officers": [bhabin_a.pk, babinsa.pk],
            "commitment": promise.pk,
        },
    )
    plan = PatrolPlan.objects.get()
    assert response["Location"] == f"/petugas/patroli/rencana/{plan.pk}/"
    assert (plan.commitment, set(plan.officers.all())) == (promise, {bhabin_a, babinsa})
    # and the Babinsa checks in there
    check_in(plan, hotspot, babinsa)
    # then the promise shows its patrol evidence on the activity page and the plan names it
    page = client.get(f"/petugas/kegiatan/{activity.pk}/").content.decode()
    assert "Bukti patroli: 1 kehadiran dari 1 rencana patroli" in page
    plan_page = client.get(f"/petugas/patroli/rencana/{plan.pk}/").content.decode()
    assert "Patroli rutin setiap hari di Gang Mawar" in plan_page
    # a promise already closed, or elsewhere, cannot be linked
    promise.status = Commitment.Status.DONE
    promise.save()
    with pytest.raises(services.PatrolError, match="komitmen"):
        plan_tonight(kapolsek_a, [bhabin_a], [hotspot], commitment=promise)


def test_the_hotspots_page_moves_and_merges_for_a_leader_only(sign_in, kapolsek_a, bhabin_a):
    village = Area.objects.get(code=VILLAGE_A)
    keep = services.hotspot_add(area=village, name="Pasar Pagi", by=kapolsek_a)
    gone = services.hotspot_add(area=village, name="Pasar pagi (depan)", by=kapolsek_a)
    # a Bhabinkamtibmas cannot move or merge: nothing changes
    officer = sign_in(bhabin_a)
    moved = {"latitude": str(LAT), "longitude": str(LNG)}
    assert officer.post(f"/petugas/patroli/titik/{keep.pk}/pindah/", moved).status_code == 404
    merge = {"into": str(keep.pk)}
    assert officer.post(f"/petugas/patroli/titik/{gone.pk}/gabung/", merge).status_code == 404
    assert list(Hotspot.objects.order_by("pk").values_list("latitude", "merged_into")) == [
        (None, None),
        (None, None),
    ]
    # the Kapolsek sees both on the page, moves one and merges the other into it
    leader = sign_in(kapolsek_a)
    page = leader.get("/petugas/patroli/titik/").content.decode()
    assert 'data-map-mode="hotspots"' in page
    assert f'data-base="/wilayah/{DISTRICT_A}/peta-dasar.geojson"' in page
    leader.post(f"/petugas/patroli/titik/{keep.pk}/pindah/", moved)
    response = leader.post(f"/petugas/patroli/titik/{gone.pk}/gabung/", merge, follow=True)
    assert "Pasar pagi (depan) digabungkan ke Pasar Pagi." in response.content.decode()
    keep.refresh_from_db()
    gone.refresh_from_db()
    assert (keep.latitude, keep.longitude, gone.merged_into_id) == (LAT, LNG, keep.pk)
    listed = leader.get("/petugas/patroli/titik/").content.decode()
    assert f'id="hotspot-{gone.pk}"' not in listed


def test_a_case_note_sent_again_from_the_phone_is_kept_once(sign_in, bhabin_a):
    request = request_patrol()
    client = sign_in(bhabin_a)
    note = {"message": "Sudah dicek ke lokasi, warga sekitar diminta waspada.", "client_key": "k9x"}
    for _ in range(2):
        response = client.post(f"/petugas/laporan/{request.pk}/note/", note)
        assert response.status_code == 302
    notes = request.events.filter(kind="noted")
    assert list(notes.values_list("message", "data")) == [
        ("Sudah dicek ke lokasi, warga sekitar diminta waspada.", {"client_key": "k9x"})
    ]
    page = client.get(f"/petugas/laporan/{request.pk}/").content.decode()
    assert 'data-offline="Catatan internal: ' in page


def test_a_night_window_is_the_places_own_clock(kapolsek_a, bhabin_a):
    # given a request for 22:00-02:00 in Bontang, which keeps WITA (UTC+8)
    night = request_patrol(email="malam@example.id", window="22:00-02:00")
    services.hotspots_refresh(area_code=DISTRICT_A)
    hotspot = Hotspot.objects.get()
    plan = plan_tonight(kapolsek_a, [bhabin_a], [hotspot])
    # when the officer checks in at 22.30 WITA yesterday (21.30 in Jakarta)
    wita = ZoneInfo("Asia/Makassar")
    yesterday = timezone.localdate() - timedelta(days=1)
    check_in(
        plan,
        hotspot,
        bhabin_a,
        taken_at=datetime.combine(yesterday, time(22, 30), tzinfo=wita),
    )
    # then the request is answered, and the requester is told the time in WITA
    assert Case.objects.get(pk=night.pk).status == Case.Status.SELESAI
    told = Outbox.objects.get(to="malam@example.id", body__contains="sudah dipatroli")
    assert "22.30 WITA" in told.body


def test_an_officer_reads_his_own_flagged_check_ins_and_what_his_leader_decided(
    sign_in, kapolsek_a, bhabin_a
):
    # given two check-ins of the officer far from their spot, one of them rejected
    plan, hotspot = tonight_at_one_spot(kapolsek_a, bhabin_a)
    waiting = check_in(plan, hotspot, bhabin_a, at=(LAT + TWO_KM, LNG))
    rejected = check_in(plan, hotspot, bhabin_a, at=(LAT + TWO_KM, LNG))
    services.checkin_review(checkin=rejected, by=kapolsek_a, accept=False, reason="Bukan titiknya")
    # then "Kehadiran ditandai" shows him both with their state, and no decision to take
    page = sign_in(bhabin_a).get("/petugas/patroli/tinjau/").text
    assert "Kehadiran saya yang ditandai" in page
    mine = page.split(f'id="checkin-{waiting.pk}"')[1].split("</li>")[0]
    assert "Menunggu pemeriksaan pimpinan" in mine
    theirs = page.split(f'id="checkin-{rejected.pk}"')[1].split("</li>")[0]
    assert "Ditolak pimpinan — Bukan titiknya" in theirs
    assert "Simpan keputusan" not in page
    # while his leader reviews the one still waiting
    leader = sign_in(kapolsek_a).get("/petugas/patroli/tinjau/").text
    assert f'id="checkin-{waiting.pk}"' in leader
    assert f'id="checkin-{rejected.pk}"' not in leader
    assert "Simpan keputusan" in leader
