"""A leader returns a report for correction; the officer corrects and resubmits it; nobody
verifies their own report."""

from __future__ import annotations

import pytest

from sinergi.accounts.models import AuditEvent
from sinergi.engagement import access, services
from sinergi.engagement.models import Activity, ActivityEvent
from sinergi.engagement.tests.helpers import jumat_curhat
from sinergi.messaging.models import Outbox

pytestmark = pytest.mark.django_db


def test_a_leader_returns_a_report_and_the_officer_corrects_and_resubmits_it(
    sign_in, bhabin_a, kapolsek_a
):
    # given a report of the Bhabinkamtibmas
    activity = jumat_curhat(bhabin_a, minutes="Notulen awal")
    bhabin_a.email = "bhabin@example.id"
    bhabin_a.save()
    leader = sign_in(kapolsek_a)
    # when the Kapolsek returns it without saying what to fix, nothing changes
    leader.post(f"/petugas/kegiatan/{activity.pk}/kembalikan/", {"note": ""})
    assert Activity.objects.get().status == Activity.Status.REPORTED
    # and with a note, it goes back to the officer, who is told
    leader.post(
        f"/petugas/kegiatan/{activity.pk}/kembalikan/",
        {"note": "Jumlah peserta dan foto belum ada."},
    )
    activity.refresh_from_db()
    assert (activity.status, activity.correction_note) == (
        Activity.Status.RETURNED,
        "Jumlah peserta dan foto belum ada.",
    )
    mail = Outbox.objects.get(key__startswith=f"activity:{activity.pk}:returned:")
    assert (mail.to, "Jumlah peserta dan foto belum ada." in mail.body) == (
        "bhabin@example.id",
        True,
    )
    # then the officer sees it to correct, corrects it and sends it again
    officer = sign_in(bhabin_a)
    assert f"/petugas/kegiatan/{activity.pk}/perbaiki/" in officer.get("/petugas/kegiatan/").text
    # first of all on "Tugas saya", with what to fix, and the phone keeps the form for the road
    tasks = officer.get("/petugas/").text
    correct = tasks.index("Dikembalikan untuk diperbaiki")
    assert tasks.index(f'href="/petugas/kegiatan/{activity.pk}/perbaiki/"') > correct
    assert "Jumlah peserta dan foto belum ada." in tasks
    assert f'"/petugas/kegiatan/{activity.pk}/perbaiki/"' in tasks.split('id="offline-pages"')[1]
    # not on the leader's, who sent it back
    assert "Dikembalikan untuk diperbaiki" not in sign_in(kapolsek_a).get("/petugas/").text
    officer = sign_in(bhabin_a)
    page = officer.get(f"/petugas/kegiatan/{activity.pk}/perbaiki/").text
    assert "Jumlah peserta dan foto belum ada." in page
    assert "Notulen awal" in page
    response = officer.post(
        f"/petugas/kegiatan/{activity.pk}/perbaiki/",
        {
            "held_at": "2026-01-02T09:30",
            "attendance": "57",
            "officials": "AKP Rudi Santoso, Kapolsek Bontang Utara",
            "partner_groups": ["warga"],
            "topics": ["kamtibmas_umum"],
            "minutes": "Notulen lengkap",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.attendance, activity.minutes) == (
        Activity.Status.REPORTED,
        57,
        "Notulen lengkap",
    )
    resubmitted = activity.events.get(kind=ActivityEvent.Kind.RESUBMITTED)
    assert set(resubmitted.data["changed"]) == {
        "held_at",
        "attendance",
        "minutes",
        "partner_groups",
        "topics",
    }
    # and the leader can verify it now
    leader = sign_in(kapolsek_a)
    leader.post(f"/petugas/kegiatan/{activity.pk}/verifikasi/")
    assert Activity.objects.get().status == Activity.Status.VERIFIED
    assert [e.kind for e in activity.events.order_by("pk")][-3:] == [
        ActivityEvent.Kind.RETURNED,
        ActivityEvent.Kind.RESUBMITTED,
        ActivityEvent.Kind.VERIFIED,
    ]


def test_a_report_not_returned_cannot_be_corrected(sign_in, bhabin_a):
    activity = jumat_curhat(bhabin_a, minutes="Notulen awal")
    client = sign_in(bhabin_a)
    response = client.post(
        f"/petugas/kegiatan/{activity.pk}/perbaiki/", {"held_at": "2020-01-01T10:00"}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.minutes) == (Activity.Status.REPORTED, "Notulen awal")


def test_nobody_verifies_or_returns_their_own_report(sign_in, kapolsek_a, kapolres):
    # given a Kapolsek who reports his own Jumat Curhat
    activity = jumat_curhat(kapolsek_a)
    client = sign_in(kapolsek_a)
    page = client.get(f"/petugas/kegiatan/{activity.pk}/").text
    assert "Ini laporan Anda sendiri" in page
    assert "Verifikasi laporan" not in page
    # when he posts the verification or the return anyway, nothing changes
    client.post(f"/petugas/kegiatan/{activity.pk}/verifikasi/")
    client.post(f"/petugas/kegiatan/{activity.pk}/kembalikan/", {"note": "Sudah benar semua."})
    activity.refresh_from_db()
    assert (activity.status, activity.verified_by_id) == (Activity.Status.REPORTED, None)
    with pytest.raises(services.EngagementError, match="Laporan Anda sendiri"):
        services.activity_verify(activity=activity, by=kapolsek_a)
    # then the Kapolres above him verifies it
    assert access.can_verify(kapolres, activity)
    services.activity_verify(activity=activity, by=kapolres)
    activity.refresh_from_db()
    assert (activity.status, activity.verified_by_id) == (Activity.Status.VERIFIED, kapolres.pk)


def test_an_administrator_does_not_verify_his_own_report_either(bhabin_a):
    activity = jumat_curhat(bhabin_a)
    bhabin_a.is_superuser = True
    bhabin_a.save()
    assert not access.can_verify(bhabin_a, activity)


def test_officer_b_cannot_return_a_report_from_village_a(sign_in, bhabin_a, officer_b):
    activity = jumat_curhat(bhabin_a)
    response = sign_in(officer_b).post(
        f"/petugas/kegiatan/{activity.pk}/kembalikan/", {"note": "Perbaiki semuanya."}
    )
    assert response.status_code == 404
    activity.refresh_from_db()
    assert (activity.status, activity.correction_note) == (Activity.Status.REPORTED, "")
    assert not activity.events.filter(kind=ActivityEvent.Kind.RETURNED).exists()


def test_the_leader_who_returned_a_report_does_not_correct_it_himself(
    sign_in, bhabin_a, kapolsek_a
):
    # given the Bhabinkamtibmas's report, returned by the Kapolsek
    activity = jumat_curhat(bhabin_a, minutes="Notulen awal")
    services.activity_return(activity=activity, by=kapolsek_a, note="Jumlah peserta belum ada.")
    leader = sign_in(kapolsek_a)
    # then he is offered no correction, and one posted anyway is refused, changing nothing
    assert "Perbaiki laporan" not in leader.get(f"/petugas/kegiatan/{activity.pk}/").text
    assert leader.get(f"/petugas/kegiatan/{activity.pk}/perbaiki/").status_code == 404
    posted = leader.post(
        f"/petugas/kegiatan/{activity.pk}/perbaiki/",
        {"held_at": "2026-01-02T09:30", "attendance": "57", "minutes": "Diubah pimpinan"},
    )
    assert posted.status_code == 404
    with pytest.raises(services.EngagementError, match="bukan oleh pimpinan"):
        services.activity_correct(
            activity=activity,
            by=kapolsek_a,
            correction=services.CorrectionIn(held_at=activity.held_at, minutes="Diubah"),
        )
    activity.refresh_from_db()
    assert (activity.status, activity.minutes) == (Activity.Status.RETURNED, "Notulen awal")
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=kapolsek_a).count() == 2
    )
    # while its officer may
    assert sign_in(bhabin_a).get(f"/petugas/kegiatan/{activity.pk}/perbaiki/").status_code == 200
