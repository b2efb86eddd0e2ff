"""The officer's inbox (deadline and tier on each row, "perlu tindakan saya" apart from
oversight, hand-over between the Tiga Pilar) and a referral that is followed up with its
reporter."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import DISTRICT_A, VILLAGE_A, make_official
from sinergi.areas import timezones
from sinergi.cases import services, tracking
from sinergi.cases.models import Case, CaseEvent
from sinergi.cases.services import ReporterIn
from sinergi.cases.tests.helpers import file_web
from sinergi.messaging.models import Outbox
from sinergi.units.models import Post


def file_case(*, email: str = "", phone: str = "") -> Case:
    return file_web(
        description="Balap liar tiap malam di depan pasar.",
        reporter=ReporterIn(anonymous=False, name="Pak Warga", phone=phone, email=email),
    ).case


def rows(html: str) -> list[str]:
    return re.findall(r"<strong>(SNG-[A-Z0-9-]+)</strong>", html)


@pytest.fixture
def babinsa_a(db):
    user = make_official("babinsa_a", f"koramil:{DISTRICT_A}", Post.Title.BABINSA, (VILLAGE_A,))
    user.email = "babinsa@example.id"
    user.save()
    return user


# -- the inbox ------------------------------------------------------------------------------------


def test_each_row_says_its_tier_and_deadline_in_the_village_time_zone(sign_in, bhabin_a):
    on_time = file_case()
    late = file_case()
    Case.objects.filter(pk=late.pk).update(escalate_at=timezone.now() - timedelta(hours=1))
    late.refresh_from_db()
    page = sign_in(bhabin_a).get("/petugas/laporan/").text
    # Bontang is in Kalimantan Timur: WITA
    assert f"Tingkat: Desa/Kelurahan · batas {timezones.shown(on_time.escalate_at, VILLAGE_A)}" in (
        page
    )
    assert timezones.shown(on_time.escalate_at, VILLAGE_A).endswith(" WITA")
    expected = f'<strong class="warning">lewat batas {timezones.shown(late.escalate_at, VILLAGE_A)}'
    assert expected in page


def test_my_actions_are_apart_from_oversight(sign_in, bhabin_a, kapolsek_a, kapolres):
    waiting = file_case()  # untaken, at the village forum bhabin_a sits in
    held_by_him = file_case()
    services.case_take(case=held_by_him, by=bhabin_a)
    held_by_chief = file_case()
    services.case_take(case=held_by_chief, by=kapolsek_a)
    closed = file_case()
    services.case_resolve(case=closed, by=bhabin_a, note="Sudah ditertibkan.")

    bhabin = sign_in(bhabin_a)
    assert set(rows(bhabin.get("/petugas/laporan/").text)) == {
        waiting.tracking_code,
        held_by_him.tracking_code,
    }
    oversight = bhabin.get("/petugas/laporan/", {"lihat": "semua"}).text
    assert set(rows(oversight)) == {
        waiting.tracking_code,
        held_by_him.tracking_code,
        held_by_chief.tracking_code,
    }
    # the Kapolsek sits at the district forum: the village's untaken cases are not his to do
    assert rows(sign_in(kapolsek_a).get("/petugas/laporan/").text) == [held_by_chief.tracking_code]
    # the Kapolres holds nothing and nothing waits at the regency: an empty to-do, oversight full
    kapolres_page = sign_in(kapolres).get("/petugas/laporan/").text
    assert rows(kapolres_page) == []
    assert "Tidak ada laporan yang menunggu tindakan Anda." in kapolres_page
    assert len(rows(sign_in(kapolres).get("/petugas/laporan/?lihat=semua").text)) == 3


def test_the_tiga_pilar_hand_a_case_across_agencies(sign_in, bhabin_a, babinsa_a, officer_b):
    case = file_case()
    services.case_take(case=case, by=bhabin_a)
    client = sign_in(bhabin_a)
    page = client.get(f"/petugas/laporan/{case.pk}/").text
    # the village's Babinsa (TNI) is offered; an officer of another district is not
    assert f'<option value="{babinsa_a.pk}">' in page
    assert f'<option value="{officer_b.pk}">' not in page
    # a hand-over to someone not offered changes nothing
    before = case.events.count()
    client.post(f"/petugas/laporan/{case.pk}/assign/", {"to": officer_b.pk})
    case.refresh_from_db()
    assert (case.taken_by_id, case.events.count()) == (bhabin_a.pk, before)

    client.post(f"/petugas/laporan/{case.pk}/assign/", {"to": babinsa_a.pk})
    case.refresh_from_db()
    assert case.taken_by_id == babinsa_a.pk
    step = case.events.filter(kind=CaseEvent.Kind.TAKEN).latest("pk")
    assert step.data == {"status": "diterima", "assigned_to": babinsa_a.pk}
    # the handlers read to whom it went; the reporter, told once it was taken, is not told again
    assert "Diserahkan kepada Babinsa_A · Bhabin_A" in " ".join(
        client.get(f"/petugas/laporan/{case.pk}/").text.split()
    )
    assert not step.public
    assert case.events.filter(kind=CaseEvent.Kind.TAKEN, public=True).count() == 1
    told = Outbox.objects.get(to="babinsa@example.id")
    assert (
        told.subject
        == f"[Sinergi] {case.tracking_code}: Balap liar / knalpot brong (Diserahkan kepada Anda)"
    )
    assert told.body.startswith("Diserahkan kepada Anda (Bhabin_A): Balap liar / knalpot brong di ")
    # the Babinsa now finds it under "perlu tindakan saya"
    assert rows(sign_in(babinsa_a).get("/petugas/laporan/").text) == [case.tracking_code]


def test_the_inbox_offers_the_village_partners_for_bulk_hand_over(sign_in, bhabin_a, babinsa_a):
    file_case()
    page = sign_in(bhabin_a).get("/petugas/laporan/").text
    assert f'<option value="{babinsa_a.pk}">Babinsa_A — Babinsa</option>' in page


# -- a referral and its follow-up -----------------------------------------------------------------


def test_a_referral_keeps_a_follow_up_day_and_refuses_a_past_one(sign_in, bhabin_a):
    case = file_case()
    client = sign_in(bhabin_a)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client.post(f"/petugas/laporan/{case.pk}/refer/", {"agency": "PDAM", "follow_up": yesterday})
    case.refresh_from_db()
    assert (case.status, case.follow_up_on) == (Case.Status.BARU, None)
    assert not case.events.filter(kind=CaseEvent.Kind.REFERRED).exists()

    day = timezone.localdate() + timedelta(days=7)
    response = client.post(
        f"/petugas/laporan/{case.pk}/refer/",
        {"agency": "PDAM Tirta Taman", "reference": "PDAM/2026/118", "follow_up": day.isoformat()},
        follow=True,
    )
    case.refresh_from_db()
    assert (case.status, case.follow_up_on, case.follow_up_asked_at) == (
        Case.Status.DIRUJUK,
        day,
        None,
    )
    assert "PDAM Tirta Taman · nomor rujukan PDAM/2026/118" in response.text
    public = client.get(f"/lacak/{case.tracking_code}/").text
    assert "PDAM Tirta Taman · nomor rujukan PDAM/2026/118" in public
    assert "Dirujuk ke PDAM Tirta Taman, nomor rujukan PDAM/2026/118" in public


def test_the_reporter_is_asked_once_on_the_follow_up_day(bhabin_a):
    by_mail = file_case(email="warga@example.id")
    by_phone = file_case(phone="0812 3456 7890")
    for case in (by_mail, by_phone):
        services.case_refer(case=case, by=bhabin_a, agency="PLN", reference="PLN-77")
    Outbox.objects.all().delete()
    day = timezone.localdate() + timedelta(days=14)

    assert services.referrals_follow_up(today=day - timedelta(days=1)) == 0
    assert services.referrals_follow_up(today=day) == 2
    assert services.referrals_follow_up(today=day + timedelta(days=1)) == 0  # once

    for case in (by_mail, by_phone):
        steps = case.events.filter(kind=CaseEvent.Kind.FOLLOW_UP)
        assert [(e.public, e.data) for e in steps] == [(True, {"agency": "PLN"})]
    mail = Outbox.objects.get(channel=Outbox.Channel.EMAIL)
    key = tracking.reporter_key(by_mail.reporters.get().pk)
    assert "Apakah PLN sudah menindaklanjuti laporan Anda?" in mail.body
    assert f"/lacak/{by_mail.tracking_code}/?k={key}" in mail.body
    sms = Outbox.objects.get(channel=Outbox.Channel.SMS)
    assert sms.body.startswith(
        f"Sinergi {by_phone.tracking_code}: Pelapor ditanya apakah PLN sudah menindaklanjuti."
    )
    assert "Sudah ditindaklanjuti? Jawab dengan kunci pelapor Anda di" in sms.body


def test_not_yet_brings_the_case_back_to_its_forum_and_is_answered_once(client, bhabin_a):
    bhabin_a.email = "bhabin@example.id"
    bhabin_a.save()
    case = file_case(email="warga@example.id")
    services.case_refer(case=case, by=bhabin_a, agency="Dinas PU")
    services.referrals_follow_up(today=timezone.localdate() + timedelta(days=14))
    key = tracking.reporter_key(case.reporters.get().pk)

    stranger = client.post(f"/lacak/{case.tracking_code}/tanggapan/", {"answer": "not_solved"})
    assert stranger.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.DIRUJUK

    page = client.get(f"/lacak/{case.tracking_code}/?k={key}", follow=True).text
    assert "Apakah Dinas PU sudah menindaklanjuti laporan Anda?" in page
    response = client.post(
        f"/lacak/{case.tracking_code}/tanggapan/",
        {"answer": "not_solved", "comment": "Jalan masih rusak."},
        follow=True,
    )
    assert "Laporan dibuka kembali dan diteruskan ke petugas." in response.text
    case.refresh_from_db()
    assert (case.status, case.owner_area_id, case.closed_at, case.follow_up_on) == (
        Case.Status.BARU,
        VILLAGE_A,
        None,
        None,
    )
    assert case.escalate_at is not None
    kinds = list(case.events.order_by("pk").values_list("kind", flat=True))
    assert kinds[-4:] == ["follow_up", "feedback", "noted", "reopened"]
    feedback = case.events.get(kind=CaseEvent.Kind.FEEDBACK)
    assert feedback.data == {"solved": False, "referral": True, "reporter": case.reporters.get().pk}
    assert "Pelapor menyatakan instansi rujukan belum menindaklanjuti" in response.text
    assert (
        Outbox.objects.filter(to="bhabin@example.id", subject__contains="Dibuka kembali").count()
        == 1
    )

    # the answer is given: a second one (a double tap) records nothing
    again = client.post(
        f"/lacak/{case.tracking_code}/tanggapan/", {"answer": "solved"}, follow=True
    )
    assert "Penilaian hanya untuk laporan yang sudah selesai atau dirujuk." in again.text
    assert case.events.count() == len(kinds)


def test_yes_keeps_the_referral_closed(client, bhabin_a):
    case = file_case(email="warga@example.id")
    services.case_refer(case=case, by=bhabin_a, agency="PDAM")
    key = tracking.reporter_key(case.reporters.get().pk)
    client.get(f"/lacak/{case.tracking_code}/?k={key}")
    response = client.post(
        f"/lacak/{case.tracking_code}/tanggapan/", {"answer": "solved"}, follow=True
    )
    assert "Pelapor menyatakan instansi rujukan sudah menindaklanjuti" in response.text
    case.refresh_from_db()
    assert case.status == Case.Status.DIRUJUK
    assert "sudah menindaklanjuti laporan Anda?" not in response.text  # asked and answered


def test_the_officer_sees_where_a_case_went(sign_in, bhabin_a):
    case = file_case()
    day = timezone.localdate() + timedelta(days=3)
    services.case_refer(case=case, by=bhabin_a, agency="Propam", reference="R-9", follow_up=day)
    page = sign_in(bhabin_a).get(f"/petugas/laporan/{case.pk}/").text
    assert "<dt>Dirujuk ke</dt><dd>Propam · nomor rujukan R-9</dd>" in page
    inbox = sign_in(bhabin_a).get("/petugas/laporan/?lihat=semua&status=dirujuk").text
    assert f"tanya pelapor {day.day}" in inbox
