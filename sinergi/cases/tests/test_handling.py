"""An officer's work on a case: inbox, take, reply, resolve, refer, escalate; who sees whom."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import make_official
from sinergi.accounts.models import AuditEvent
from sinergi.cases import disclosure, paging, services
from sinergi.cases.models import Case, CaseEvent, Category
from sinergi.cases.services import ReporterIn
from sinergi.cases.tests.helpers import file_web
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db

VILLAGE_A = "64.74.01.1002"


def file_case(
    slug: str = "balap-liar", village: str = VILLAGE_A, phone: str = "081299990000"
) -> Case:
    return file_web(
        description="Balap liar tiap malam.",
        village=village,
        slug=slug,
        reporter=ReporterIn(anonymous=False, name="Pak Warga", phone=phone),
    ).case


def snapshot(case: Case) -> tuple[object, ...]:
    case.refresh_from_db()
    return (case.status, case.owner_area_id, case.taken_by_id, case.events.count())


def test_bhabin_a_sees_the_case_in_the_inbox_and_officer_b_does_not(sign_in, bhabin_a, officer_b):
    case = file_case()
    assert case.tracking_code in sign_in(bhabin_a).get("/petugas/laporan/").text
    assert case.tracking_code not in sign_in(officer_b).get("/petugas/laporan/").text


def test_officer_b_never_opens_village_a_case_nor_its_reporter(sign_in, officer_b):
    case = file_case()
    before = snapshot(case)
    client = sign_in(officer_b)
    page = client.get(f"/petugas/laporan/{case.pk}/?pelapor=1")
    action = client.post(f"/petugas/laporan/{case.pk}/take/")
    assert page.status_code == action.status_code == 404
    assert "081299990000" not in page.text
    assert snapshot(case) == before
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=officer_b).count() == 2
    )
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED).exists()


def test_the_reporter_is_shown_to_the_handler_only_on_request_and_each_view_is_logged(
    sign_in, bhabin_a
):
    case = file_case()
    client = sign_in(bhabin_a)
    page = client.get(f"/petugas/laporan/{case.pk}/").text
    assert "081299990000" not in page
    # the category's privacy follows it, not in brackets inside brackets
    privacy = f'{case.category} <small class="muted">· {case.category.get_privacy_display()}'
    assert privacy in page
    shown = client.get(f"/petugas/laporan/{case.pk}/?pelapor=1")
    assert "081299990000" in shown.text
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.CONTACT_VIEWED)
    assert (event.actor, event.object_type, event.object_id) == (bhabin_a, "Case", str(case.pk))


def test_humas_sees_the_case_but_never_the_reporter(sign_in, humas_editor):
    case = file_case()
    page = sign_in(humas_editor).get(f"/petugas/laporan/{case.pk}/?pelapor=1")
    assert page.status_code == 200
    assert "081299990000" not in page.text
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED).exists()
    assert sign_in(humas_editor).post(f"/petugas/laporan/{case.pk}/take/").status_code == 404


def test_withheld_identity_needs_a_leaders_release_which_is_logged(sign_in, bhabin_a, kapolsek_a):
    case = file_case(slug="narkoba")
    assert (
        "081299990000" not in sign_in(bhabin_a).get(f"/petugas/laporan/{case.pk}/?pelapor=1").text
    )
    # a field officer cannot release it, nor the Lurah, a leader of a partner, not of the police
    lurah = make_official("lurah_a", f"desa:{VILLAGE_A}", Post.Title.KEPALA_DESA)
    babinsa = make_official("babinsa_a", "koramil:64.74.01", Post.Title.BABINSA, (VILLAGE_A,))
    for who in (bhabin_a, lurah):
        refused = sign_in(who).post(
            f"/petugas/laporan/{case.pk}/release/", {"message": "perlu"}, follow=True
        )
        assert "Hanya pimpinan Polri di wilayah ini" in refused.text
    assert not case.events.filter(kind=CaseEvent.Kind.IDENTITY_RELEASED).exists()
    # the Kapolsek can, with a reason
    sign_in(kapolsek_a).post(
        f"/petugas/laporan/{case.pk}/release/", {"message": "Perlu keterangan saksi"}
    )
    released = case.events.get(kind=CaseEvent.Kind.IDENTITY_RELEASED)
    assert (released.actor, released.public, released.message) == (
        kapolsek_a,
        False,
        "Perlu keterangan saksi",
    )
    assert "081299990000" in sign_in(bhabin_a).get(f"/petugas/laporan/{case.pk}/?pelapor=1").text
    # released to the police who handle it, not to every partner of the village forum
    for partner in (lurah, babinsa):
        page = sign_in(partner).get(f"/petugas/laporan/{case.pk}/?pelapor=1")
        assert page.status_code == 200
        assert "081299990000" not in page.text
    # unless the case is handed to them
    services.case_assign(case=case, to=babinsa, by=kapolsek_a)
    assert "081299990000" in sign_in(babinsa).get(f"/petugas/laporan/{case.pk}/?pelapor=1").text


def test_take_reply_resolve_and_the_citizen_sees_the_reply(sign_in, bhabin_a, client):
    case = file_case()
    officer = sign_in(bhabin_a)
    officer.post(f"/petugas/laporan/{case.pk}/take/")
    case.refresh_from_db()
    assert (case.status, case.taken_by) == (Case.Status.DITERIMA, bhabin_a)
    officer.post(f"/petugas/laporan/{case.pk}/reply/", {"message": "Kami patroli malam ini."})
    case.refresh_from_db()
    assert case.status == Case.Status.DITANGANI
    officer.post(f"/petugas/laporan/{case.pk}/note/", {"message": "Koordinasi dengan Babinsa."})
    officer.post(f"/petugas/laporan/{case.pk}/resolve/", {"message": "Patroli rutin berjalan."})
    case.refresh_from_db()
    assert (case.status, case.escalate_at) == (Case.Status.SELESAI, None)
    assert case.closed_at is not None
    client.logout()
    public = client.get(f"/lacak/{case.tracking_code}/").text
    assert "Kami patroli malam ini." in public
    assert "Patroli rutin berjalan." in public
    assert "Koordinasi dengan Babinsa." not in public  # internal notes stay internal


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("reply", {"message": "  "}, "Balasan tidak boleh kosong."),
        ("resolve", {}, "Tuliskan penyelesaiannya untuk pelapor."),
        ("reject", {"message": ""}, "Sebutkan alasan penolakan."),
        ("refer", {"agency": ""}, "Sebutkan instansi tujuan rujukan."),
        ("fly", {}, "Tindakan tidak dikenal."),
    ],
)
def test_bad_actions_say_why_and_change_nothing(sign_in, bhabin_a, action, data, message):
    case = file_case()
    before = snapshot(case)
    client = sign_in(bhabin_a)
    response = client.post(f"/petugas/laporan/{case.pk}/{action}/", data, follow=True)
    assert message in response.text
    assert snapshot(case) == before


def test_a_closed_case_cannot_be_resolved_again(bhabin_a):
    case = file_case()
    services.case_resolve(case=case, by=bhabin_a, note="Selesai.")
    with pytest.raises(services.TransitionError, match="sudah ditutup"):
        services.case_resolve(case=case, by=bhabin_a, note="Lagi.")
    assert case.events.filter(kind=CaseEvent.Kind.STATUS).count() == 1


def test_referral_keeps_the_outside_reference(bhabin_a):
    case = file_case()
    services.case_refer(case=case, by=bhabin_a, agency="PDAM", reference="PDAM/2026/118")
    event = case.events.get(kind=CaseEvent.Kind.REFERRED)
    follow_up = (timezone.localdate() + timedelta(days=14)).isoformat()
    assert event.data == {"agency": "PDAM", "reference": "PDAM/2026/118", "follow_up": follow_up}
    assert case.status == Case.Status.DIRUJUK


def test_owner_decides_to_escalate_one_tier(sign_in, bhabin_a, kapolsek_a):
    case = file_case()
    client = sign_in(bhabin_a)
    client.post(f"/petugas/laporan/{case.pk}/take/")
    # without saying why, nothing moves
    refused = client.post(f"/petugas/laporan/{case.pk}/escalate/", {"message": "  "}, follow=True)
    assert "Tuliskan mengapa laporan ini tidak dapat diselesaikan" in refused.text
    case.refresh_from_db()
    assert (case.owner_area_id, case.events.filter(kind=CaseEvent.Kind.ESCALATED).count()) == (
        VILLAGE_A,
        0,
    )
    client.post(f"/petugas/laporan/{case.pk}/escalate/", {"message": "Butuh Polsek."})
    case.refresh_from_db()
    # the district's forum now has it to take: no one holds it at the new tier
    assert (case.owner_area_id, case.taken_by) == ("64.74.01", None)
    event = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    assert event.data == {
        "from": VILLAGE_A,
        "to": "64.74.01",
        "sla_breach": False,
        "held_by": bhabin_a.pk,
    }
    district = sign_in(kapolsek_a)
    assert case.tracking_code in district.get("/petugas/laporan/").text  # "perlu tindakan saya"
    assert "Ambil laporan ini" in district.get(f"/petugas/laporan/{case.pk}/").text


def test_sla_breach_moves_the_case_exactly_one_tier(bhabin_a, kapolsek_a):
    # given a case whose village SLA ran out, and one still within it
    late = file_case()
    fresh = file_case(phone="")
    services.case_take(case=late, by=bhabin_a)
    Case.objects.filter(pk=late.pk).update(escalate_at=timezone.now() - timedelta(minutes=1))
    # when the sweep runs twice
    out = StringIO()
    call_command("escalate_overdue", stdout=out)
    call_command("escalate_overdue", stdout=StringIO())
    # then
    late.refresh_from_db()
    fresh.refresh_from_db()
    assert out.getvalue() == "Escalated 1 overdue cases.\n"
    assert (late.owner_area_id, late.taken_by) == ("64.74.01", None)
    assert late.escalate_at is not None
    hours = (late.escalate_at - timezone.now()).total_seconds() / 3600
    assert 71.9 < hours <= 72  # the district's SLA for this category
    assert late.events.filter(kind=CaseEvent.Kind.ESCALATED).count() == 1
    assert fresh.owner_area_id == VILLAGE_A


def test_a_province_case_past_its_sla_stops_its_clock(db):
    case = file_case()
    Case.objects.filter(pk=case.pk).update(owner_area_id="64", escalate_at=timezone.now())
    assert services.escalate_overdue() == 0
    case.refresh_from_db()
    assert (case.owner_area_id, case.escalate_at) == ("64", None)


def test_inbox_filters_and_fragment(sign_in, kapolres):
    open_case = file_case()
    closed = file_case(phone="")
    services.case_reject(case=closed, by=kapolres, reason="Bukan wewenang.")
    client = sign_in(kapolres)
    default = client.get("/petugas/laporan/", {"lihat": "semua"}).text
    assert open_case.tracking_code in default
    assert closed.tracking_code not in default
    rejected = client.get(
        "/petugas/laporan/", {"status": "ditolak", "lihat": "semua"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in rejected.text
    assert closed.tracking_code in rejected.text
    assert open_case.tracking_code not in rejected.text


def test_inbox_query_count_does_not_grow_with_cases(
    sign_in, kapolres, django_assert_max_num_queries
):
    for _ in range(30):
        file_case(phone="")
    client = sign_in(kapolres)
    # 18: the menu's count of the leader's unread alerts is one of them; the forums the leader
    # sits in (2), the Tiga Pilar partners seated there (2) and their titles (1), for the
    # hand-over list
    with django_assert_max_num_queries(18):
        response = client.get("/petugas/laporan/", {"lihat": "semua"})
    assert response.text.count("<strong>SNG-") == 25


def test_a_huge_inbox_is_not_counted_past_the_cap(sign_in, kapolres, monkeypatch):

    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    for _ in range(5):
        file_case(phone="")
    page = sign_in(kapolres).get("/petugas/laporan/", {"lihat": "semua"}).text
    assert "Lebih dari 3 laporan" in page
    assert page.count("<strong>SNG-") == 4  # the page holds what was counted: cap + 1


def test_bulk_take_and_assign_go_through_the_door_one_by_one(
    sign_in, kapolsek_a, bhabin_a, officer_b
):
    mine = [file_case(phone="") for _ in range(2)]
    other = file_case(village="64.74.02.1001", phone="")
    client = sign_in(kapolsek_a)
    # assign two of district A's cases, and try to slip in one of district B's
    response = client.post(
        "/petugas/laporan/serahkan/",
        {"case": [mine[0].pk, mine[1].pk, other.pk], "assign_to": bhabin_a.pk},
        follow=True,
    )
    assert "2 dari 3 laporan diserahkan." in response.text
    for case in mine:
        case.refresh_from_db()
        assert (case.taken_by, case.status) == (bhabin_a, Case.Status.DITERIMA)
    other.refresh_from_db()
    assert (other.taken_by, other.status) == (None, Case.Status.BARU)


def test_bulk_assign_to_someone_outside_my_units_is_refused(sign_in, kapolsek_a, officer_b):
    case = file_case(phone="")
    response = sign_in(kapolsek_a).post(
        "/petugas/laporan/serahkan/", {"case": [case.pk], "assign_to": officer_b.pk}, follow=True
    )
    assert "Pilih laporan dan petugasnya." in response.text
    case.refresh_from_db()
    assert case.taken_by is None


def capture_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "session": "Jumat Curhat di Balai Kelurahan",
        "category": Category.objects.get(slug="aspirasi-umum").pk,
        "area": VILLAGE_A,
        "description": "Warga minta patroli malam ditambah.",
        "anonymous": "on",
        "idempotency_key": "cap-1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_officer_records_an_aspiration_heard_at_a_session(sign_in, bhabin_a):
    client = sign_in(bhabin_a)
    response = client.post("/petugas/laporan/catat/", capture_form())
    case = Case.objects.get()
    assert response["Location"] == f"/petugas/laporan/{case.pk}/"
    assert (case.channel, case.area_id, case.details) == (
        Case.Channel.OFFICER,
        VILLAGE_A,
        {"session": "Jumat Curhat di Balai Kelurahan"},
    )
    assert case.events.get(kind=CaseEvent.Kind.SUBMITTED).actor == bhabin_a
    client.post("/petugas/laporan/catat/", capture_form())  # the double tap
    assert Case.objects.count() == 1


def test_officer_cannot_record_a_case_in_another_village(sign_in, bhabin_a):
    response = sign_in(bhabin_a).post("/petugas/laporan/catat/", capture_form(area="64.74.02.1001"))
    assert response.status_code == 400
    assert "Desa/kelurahan ini di luar wilayah tugas Anda." in response.text
    assert not Case.objects.exists()


def test_capture_is_for_handlers_only(sign_in, humas_editor):
    assert sign_in(humas_editor).get("/petugas/laporan/catat/").status_code == 404


def test_inbox_filters_by_tier_and_village_and_flags_likely_duplicates(
    sign_in, kapolres, kapolsek_a, bhabin_a
):
    first = file_web(description="Balap liar tiap malam minggu di depan pasar").case
    second = file_web(description="balap liar malam minggu depan pasar, bising").case
    # nobody is seated in Bontang Kuala's Tiga Pilar: the district has that case from the start
    other = file_case(village="64.74.01.1001", phone="")
    assert other.owner_area_id == "64.74.01"
    assert services.case_flag_duplicate(case_id=second.pk) == first
    assert services.case_flag_duplicate(case_id=first.pk) is None  # the earlier one is not flagged
    client = sign_in(kapolres)
    by_tier = client.get("/petugas/laporan/", {"tier": "3", "lihat": "semua"}).text
    assert other.tracking_code in by_tier
    assert first.tracking_code not in by_tier
    by_village = client.get("/petugas/laporan/", {"village": VILLAGE_A, "lihat": "semua"}).text
    assert first.tracking_code in by_village
    assert other.tracking_code not in by_village
    assert f"Mungkin sama dengan {first.tracking_code}" in by_village


def test_a_step_keeps_at_most_five_thousand_characters_whoever_wrote_it(bhabin_a):
    case = file_case()
    services.case_reply(case=case, by=bhabin_a, message="  " + "a" * 6000 + "  ")
    services.case_reporter_message(case=case, message="b" * 5001, channel="whatsapp")
    replied = case.events.get(kind=CaseEvent.Kind.REPLIED)
    from_reporter = case.events.get(kind=CaseEvent.Kind.NOTED)
    assert (replied.message, from_reporter.message) == ("a" * 5000, "b" * 5000)


def test_a_public_text_that_names_the_reporter_is_refused_and_kept_for_the_officer(
    sign_in, bhabin_a
):
    case = file_web(
        description="Balap liar tiap malam.",
        village=VILLAGE_A,
        reporter=ReporterIn(anonymous=False, name="Bapak Sutrisno", phone="081299990000"),
    ).case
    before = snapshot(case)
    client = sign_in(bhabin_a)
    refused = [
        ("reply", {"message": "Terima kasih Pak Sutrisno, kami patroli malam ini."}),
        ("resolve", {"message": "Sudah dibubarkan; hubungi 0812-9999-0000 bila terulang."}),
        ("reject", {"message": "Laporan SUTRISNO tidak lengkap."}),
        ("escalate", {"message": "Pelapor (sutrisno) minta ditangani Polsek."}),
        ("refer", {"message": "Pak Sutrisno diminta ke PDAM.", "agency": "PDAM"}),
    ]
    for action, fields in refused:
        response = client.post(f"/petugas/laporan/{case.pk}/{action}/", fields, follow=True)
        assert "menyebut nama atau nomor telepon pelapor" in response.text, action
        # what was typed is back in its box, once
        assert f">{fields['message']}</textarea>" in response.text.replace("&#x27;", "'"), action
        again = client.get(f"/petugas/laporan/{case.pk}/")
        assert fields["message"] not in again.text, action
    assert 'value="PDAM"' not in client.get(f"/petugas/laporan/{case.pk}/").text
    assert snapshot(case) == before

    # a filler of the name ("Bapak") and an internal note are not refused
    client.post(f"/petugas/laporan/{case.pk}/reply/", {"message": "Terima kasih, Bapak."})
    client.post(f"/petugas/laporan/{case.pk}/note/", {"message": "Pak Sutrisno ramah."})
    assert list(case.events.order_by("pk").values_list("kind", "public", "message"))[-2:] == [
        (CaseEvent.Kind.REPLIED, True, "Terima kasih, Bapak."),
        (CaseEvent.Kind.NOTED, False, "Pak Sutrisno ramah."),
    ]


def test_an_officer_who_may_not_see_the_reporter_learns_nothing_from_a_refusal(sign_in, bhabin_a):
    # a withheld identity: the handler does not know the name, so no text of theirs is refused
    # (a refusal would tell them whether a name they guessed is the reporter's)
    case = file_web(
        description="Ada transaksi narkoba.",
        village=VILLAGE_A,
        slug="narkoba",
        reporter=ReporterIn(anonymous=False, name="Sutrisno", phone="081299990000"),
    ).case
    sign_in(bhabin_a).post(f"/petugas/laporan/{case.pk}/reply/", {"message": "Pak Sutrisno?"})
    assert case.events.filter(kind=CaseEvent.Kind.REPLIED, message="Pak Sutrisno?").count() == 1


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Terima kasih, Bu Sri Wahyuni.", True),
        ("wahyuni", True),
        ("Hubungi +62 812-3456-7890.", True),
        ("Nomor 0812 3456 7890 sudah kami catat", True),
        ("Terima kasih, Ibu. Kami datang jam 20.00.", False),
        ("Sritanjung dan Jalan Wahyu", False),  # a word that only starts like the name
        ("Nomor 567890", False),  # too little of the number to be it
    ],
)
def test_names_finds_a_word_of_the_name_or_the_tail_of_the_number(text: str, named: bool):
    assert disclosure.names(text, [("Ibu Sri Wahyuni", "081234567890")]) is named


def test_the_case_page_maps_the_marked_point_but_a_withheld_one_only_for_whom_its_reporter_is(
    sign_in, bhabin_a, kapolsek_a
):
    marked = {"latitude": 0.13305, "longitude": 117.49901}
    race = file_web(**marked).case
    drugs = file_web(slug="narkoba", description="Ada transaksi narkoba.", **marked).case
    unmarked = file_web().case
    client = sign_in(bhabin_a)
    page = client.get(f"/petugas/laporan/{race.pk}/").text
    assert 'data-lat="0.133050" data-lng="117.499010"' in page
    assert "leaflet.js" in page
    assert 'id="case-map"' not in client.get(f"/petugas/laporan/{unmarked.pk}/").text
    # a drug report's point may be its reporter's home: hidden until a leader releases them
    assert "117.499010" not in client.get(f"/petugas/laporan/{drugs.pk}/").text
    services.case_release_identity(case=drugs, by=kapolsek_a, reason="Perlu saksi.")
    assert 'data-lat="0.133050"' in client.get(f"/petugas/laporan/{drugs.pk}/").text


def test_an_anonymous_report_offers_no_identity_to_open_and_logs_no_view(sign_in, bhabin_a):
    case = file_web(reporter=ReporterIn(anonymous=True)).case
    client = sign_in(bhabin_a)
    page = client.get(f"/petugas/laporan/{case.pk}/").text
    assert "Lihat identitas pelapor" not in page
    assert "Pelapor tidak meninggalkan nama atau kontak." in page
    client.get(f"/petugas/laporan/{case.pk}/?pelapor=1")
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED).exists()


def test_a_reply_note_or_resolution_posted_again_with_its_phone_key_is_kept_once(sign_in, bhabin_a):
    # given a case, and the officer's phone sending each text with its own key, twice (a
    # retry after an answer that never came back)
    case = file_case()
    client = sign_in(bhabin_a)
    base = f"/petugas/laporan/{case.pk}/"
    for action, message in (("reply", "Kami patroli."), ("note", "Cek CCTV"), ("resolve", "Aman.")):
        for _ in range(2):
            answer = client.post(f"{base}{action}/", {"message": message, "client_key": action})
            assert answer.status_code == 302
    # then each text is there once, the case closed once, and the second sends were not refused
    kinds = list(case.events.order_by("pk").values_list("kind", "message"))
    assert kinds[-3:] == [
        (CaseEvent.Kind.REPLIED, "Kami patroli."),
        (CaseEvent.Kind.NOTED, "Cek CCTV"),
        (CaseEvent.Kind.STATUS, "Aman."),
    ]
    assert [k for k, _m in kinds].count(CaseEvent.Kind.REPLIED) == 1
    case.refresh_from_db()
    assert case.status == Case.Status.SELESAI
    page = client.get(base).text
    assert "Laporan ini sudah ditutup." not in page
    # each said what it did, twice (the second time, nothing more was written)
    assert page.count("Balasan tersimpan dan terlihat oleh pelapor.") == 2
    assert page.count("Catatan internal tersimpan.") == 2
    assert page.count("Laporan ditandai selesai; penyelesaiannya terlihat oleh pelapor.") == 2
    # and a text without a key is a new text each time, as a form posted twice by hand
    services.case_note(case=case, by=bhabin_a, message="Tambahan")
    services.case_note(case=case, by=bhabin_a, message="Tambahan")
    assert case.events.filter(kind=CaseEvent.Kind.NOTED, message="Tambahan").count() == 2


def test_the_hand_over_list_says_who_is_who(sign_in, bhabin_a):
    # given a case of village A, its Babinsa and its Lurah
    case = file_case()
    babinsa = make_official("babinsa_a", "koramil:64.74.01", Post.Title.BABINSA, (VILLAGE_A,))
    lurah = make_official("lurah_a", f"desa:{VILLAGE_A}", Post.Title.KEPALA_DESA)
    # then the Bhabinkamtibmas's hand-over list names each with their title
    page = sign_in(bhabin_a).get(f"/petugas/laporan/{case.pk}/").text
    offered = page.split('id="handover-to"')[1].split("</select>")[0]
    assert f'<option value="{babinsa.pk}">{babinsa.display_name} — Babinsa</option>' in offered
    assert (
        f'<option value="{lurah.pk}">{lurah.display_name} — Kepala Desa/Lurah</option>' in offered
    )


def test_a_case_handed_to_the_babinsa_is_his_to_answer_and_close(sign_in, bhabin_a, kapolsek_a):
    # given a case the Bhabinkamtibmas handed to the village's Babinsa
    case = file_case()
    babinsa = make_official("babinsa_a", "koramil:64.74.01", Post.Title.BABINSA, (VILLAGE_A,))
    services.case_take(case=case, by=bhabin_a)
    page = f"/petugas/laporan/{case.pk}/"
    handed = sign_in(bhabin_a).post(f"{page}assign/", {"to": str(babinsa.pk)}, follow=True)
    assert "Laporan diserahkan kepada Babinsa_A." in handed.text
    before = snapshot(case)
    # then the Bhabinkamtibmas is offered no public step, told who holds it
    officer = sign_in(bhabin_a)
    text = officer.get(page).text
    assert "Laporan ini dipegang Babinsa_A" in text
    assert "Tandai selesai" not in text
    assert "Kirim balasan" not in text
    # and what he posts anyway is refused, changing nothing, while a note still goes in
    for action in ("resolve", "reply", "reject", "escalate"):
        refused = officer.post(f"{page}{action}/", {"message": "Sudah aman."}, follow=True)
        assert "Minta diserahkan dulu, atau tulis catatan internal." in refused.text
    handed = officer.post(f"{page}assign/", {"to": str(bhabin_a.pk)}, follow=True)
    assert "Minta diserahkan dulu" in handed.text
    assert snapshot(case) == before
    officer.post(f"{page}note/", {"message": "Warga minta patroli malam."})
    assert case.events.filter(kind=CaseEvent.Kind.NOTED).count() == 1
    # while the Babinsa who holds it, or the Kapolsek above, may close it
    assert "Tandai selesai" in sign_in(babinsa).get(page).text
    services.case_resolve(case=case, by=kapolsek_a, note="Patroli gabungan sudah dilakukan.")
    case.refresh_from_db()
    assert case.status == Case.Status.SELESAI


@pytest.mark.parametrize(
    ("action", "fields", "kind", "status"),
    [
        ("refer", {"agency": "PLN", "message": "Lampu jalan."}, "referred", "dirujuk"),
        ("reject", {"message": "Bukan wewenang Polri."}, "status", "ditolak"),
        ("escalate", {"message": "Perlu Polsek."}, "escalated", "diterima"),
    ],
)
def test_a_referral_refusal_or_escalation_sent_again_from_the_phone_is_kept_once(
    sign_in, bhabin_a, action, fields, kind, status
):
    # given a case the officer holds, and his phone sending one step twice with one key (an
    # answer lost on the way back)
    case = file_case()
    services.case_take(case=case, by=bhabin_a)
    client = sign_in(bhabin_a)
    for _ in range(2):
        client.post(f"/petugas/laporan/{case.pk}/{action}/", {**fields, "client_key": "k1"})
    # then the step is there once, the second send not refused as closed or moved already
    case.refresh_from_db()
    assert case.status == status
    assert case.events.filter(kind=kind, data__client_key="k1").count() == 1
    page = client.get(f"/petugas/laporan/{case.pk}/").text
    assert "sudah ditutup" not in page
    assert "sudah dinaikkan" not in page
