"""The officer's pages: plan, report with rows added on the phone, verify, close a promise."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import VILLAGE_A
from sinergi.areas import timezones
from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.engagement.catalogue import PartnerKind
from sinergi.engagement.models import Activity, Commitment, Partner
from sinergi.engagement.tests.helpers import polsek_a, report_post

pytestmark = pytest.mark.django_db


def test_the_report_form_files_each_row_once_even_when_sent_twice(sign_in, bhabin_a):
    client = sign_in(bhabin_a)
    form = client.get("/petugas/kegiatan/lapor/").content.decode()
    assert 'data-add-row="asp"' in form
    assert "Bontang Baru" in form
    data = report_post(**{"com-0-owner": str(bhabin_a.pk)})
    first = client.post("/petugas/kegiatan/lapor/", data)
    again = client.post("/petugas/kegiatan/lapor/", data)
    activity = Activity.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == f"/petugas/kegiatan/{activity.pk}/"
    assert activity.officials == [
        {"name": "Rudi Santoso", "rank": "AKP", "position": "Kapolsek Bontang Utara"},
        {"name": "Agus Prasetyo", "rank": "Aipda", "position": None},
    ]
    assert (activity.attendance, activity.partner_groups) == (35, ["warga", "tokoh_agama"])
    assert sorted(Case.objects.values_list("description", flat=True)) == [
        "Lampu jalan mati",
        "Minta patroli malam",
    ]
    named = Case.objects.get(description="Lampu jalan mati").reporters.get()
    assert (named.anonymous, named.name, named.phone) == (False, "Bu Sari", "081234567890")
    assert list(Commitment.objects.values_list("text", "owner_id", "owner_label")) == [
        ("Patroli setiap malam", bhabin_a.pk, "Kapolsek")
    ]


def test_a_bad_row_keeps_everything_typed_and_writes_nothing(sign_in, bhabin_a):
    client = sign_in(bhabin_a)
    data = report_post(**{"com-0-owner": str(bhabin_a.pk), "com-0-due_on": "bukan tanggal"})
    response = client.post("/petugas/kegiatan/lapor/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Minta patroli malam" in page
    assert "Lampu jalan mati" in page
    assert Activity.objects.count() == Case.objects.count() == Commitment.objects.count() == 0


def test_a_village_outside_the_officers_areas_is_refused(sign_in, bhabin_a):
    client = sign_in(bhabin_a)
    data = report_post(**{"com-0-owner": str(bhabin_a.pk), "area": "64.74.02.1001"})
    response = client.post("/petugas/kegiatan/lapor/", data)
    assert response.status_code == 400
    assert "di luar wilayah tugas Anda" in response.content.decode()
    assert Activity.objects.count() == Case.objects.count() == 0


def test_plan_then_report_then_verify_then_keep_the_promise(sign_in, bhabin_a, kapolsek_a):
    client = sign_in(bhabin_a)
    when = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/petugas/kegiatan/rencana/",
        {
            "kind": "jumat_curhat",
            "area": VILLAGE_A,
            "venue": "Masjid Al-Ikhlas",
            "when": when,
            "unit": str(polsek_a().pk),
            "idempotency_key": "plan-1",
        },
    )
    activity = Activity.objects.get()
    assert response["Location"] == f"/petugas/kegiatan/{activity.pk}/"
    assert activity.title == "Jumat Curhat — Masjid Al-Ikhlas"
    assert activity.title in client.get("/petugas/kegiatan/").content.decode()

    data = report_post(**{"com-0-owner": str(bhabin_a.pk)})
    for key in ("kind", "programs", "area", "venue", "unit", "idempotency_key"):
        data.pop(key)
    assert client.post(f"/petugas/kegiatan/{activity.pk}/lapor/", data).status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.aspirations.count()) == (Activity.Status.REPORTED, 2)
    assert client.post(f"/petugas/kegiatan/{activity.pk}/verifikasi/").status_code == 302
    assert Activity.objects.get().status == Activity.Status.REPORTED  # a Bhabin does not verify

    leader = sign_in(kapolsek_a)
    assert "Verifikasi laporan" in leader.get(f"/petugas/kegiatan/{activity.pk}/").content.decode()
    leader.post(f"/petugas/kegiatan/{activity.pk}/verifikasi/")
    assert Activity.objects.get().status == Activity.Status.VERIFIED

    commitment = Commitment.objects.get()
    client = sign_in(bhabin_a)
    client.post(f"/petugas/komitmen/{commitment.pk}/tutup/", {"kept": "1", "evidence": ""})
    assert Commitment.objects.get().status == Commitment.Status.OPEN
    # free text is not evidence: a daily promise due in 2099 cannot be "kept" today
    response = client.post(
        f"/petugas/komitmen/{commitment.pk}/tutup/",
        {"kept": "1", "evidence": "Patroli berjalan sejak 1 Desember"},
        follow=True,
    )
    assert "Lampirkan bukti dulu" in response.content.decode()
    # and the form had said the photo is needed then, not that it is optional
    assert "Perlu untuk menutup sebagai ditepati bila belum ada bukti lain" in response.text
    assert "Foto bukti (tidak wajib)" not in response.text
    assert Commitment.objects.get().status == Commitment.Status.OPEN
    client.post(
        f"/petugas/komitmen/{commitment.pk}/tutup/",
        {"kept": "0", "evidence": "Personel dialihkan ke pengamanan Pilkada"},
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.closed_by_id) == (Commitment.Status.DROPPED, bhabin_a.pk)


def test_every_partner_kind_can_be_ticked_and_new_ones_added_on_the_spot(sign_in, bhabin_a):
    # given one registered partner of every kind in village A
    village = Area.objects.get(code=VILLAGE_A)
    partners = [
        Partner.objects.create(kind=kind, name=f"Mitra {kind}", area=village)
        for kind in PartnerKind.values
    ]
    client = sign_in(bhabin_a)
    form = client.get("/petugas/kegiatan/lapor/").content.decode()
    assert all(f'value="{p.pk}"' in form for p in partners)
    # when the officer ticks them all and adds two partners met for the first time
    data = report_post(
        **{
            "com-0-owner": str(bhabin_a.pk),
            "partners": [str(p.pk) for p in partners],
            "mitra-TOTAL_FORMS": "3",
            "mitra-INITIAL_FORMS": "0",
            "mitra-MAX_NUM_FORMS": "20",
            "mitra-0-name": "Pak Darto",
            "mitra-0-kind": "perangkat_desa",
            "mitra-0-role": "Ketua RT 05",
            "mitra-1-name": "Mitra tokoh_agama",
            "mitra-1-kind": "tokoh_agama",
            "mitra-2-name": "",
            "mitra-2-kind": "tokoh_masyarakat",
        }
    )
    response = client.post("/petugas/kegiatan/lapor/", data)
    # then the report is saved with every partner; the new one is registered in the village,
    # the one already registered under that name is reused, the empty row is skipped
    assert response.status_code == 302, response.content.decode()
    activity = Activity.objects.get()
    darto = Partner.objects.get(name="Pak Darto")
    assert (darto.area_id, darto.kind, darto.role, darto.created_by) == (
        VILLAGE_A,
        "perangkat_desa",
        "Ketua RT 05",
        bhabin_a,
    )
    assert sorted(activity.partners.values_list("pk", flat=True)) == sorted(
        [p.pk for p in partners] + [darto.pk]
    )
    assert Partner.objects.count() == len(PartnerKind.values) + 1
    assert set(Partner.objects.values_list("last_engaged_on", flat=True)) == {
        timezones.day_of(activity.held_at, VILLAGE_A)
    }


def test_a_partner_outside_the_list_is_refused_with_a_clear_message(sign_in, bhabin_a):
    other = Partner.objects.create(
        kind="ormas", name="Ormas B", area=Area.objects.get(code="64.74.02.1001")
    )
    client = sign_in(bhabin_a)
    data = report_post(**{"com-0-owner": str(bhabin_a.pk), "partners": [str(other.pk)]})
    response = client.post("/petugas/kegiatan/lapor/", data)
    assert response.status_code == 400
    assert (
        f"Masukkan pilihan yang valid. {other.pk} bukan salah satu dari pilihan yang tersedia."
        in (response.content.decode())
    )
    assert Activity.objects.count() == Case.objects.count() == 0


def test_the_activity_page_names_a_program_like_its_kind_once(sign_in, bhabin_a):
    # given a Jumat Curhat reported under the Jumat Curhat and cooling-system programs
    client = sign_in(bhabin_a)
    data = report_post(**{"com-0-owner": str(bhabin_a.pk)})
    data["programs"] = ["jumat_curhat", "cooling_system"]
    client.post("/petugas/kegiatan/lapor/", data)
    activity = Activity.objects.get()
    # when the officer opens it
    page = client.get(f"/petugas/kegiatan/{activity.pk}/").content.decode()
    # then its kind reads once, followed by the other program
    assert "<dd>Jumat Curhat · Cooling system</dd>" in page
    # and its history's times name the village's zone
    for event in activity.events.all():
        assert f"{timezones.shown(event.at, VILLAGE_A)}</time>" in page
