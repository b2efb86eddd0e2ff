from __future__ import annotations

import pytest

from sinergi.cases import duplicates, services
from sinergi.cases.models import Case, CaseEvent, Reporter
from sinergi.cases.services import ReporterIn
from sinergi.cases.tests.helpers import file_web
from sinergi.messaging.models import Outbox

pytestmark = pytest.mark.django_db


def file_case(text: str, village: str = "64.74.01.1002", email: str = "") -> Case:
    return file_web(description=text, village=village, reporter=ReporterIn(email=email)).case


def test_similar_reports_of_the_same_village_are_suggested_best_first():
    first = file_case("Balap liar setiap malam minggu di jalan depan pasar Bontang Baru")
    near = file_case("balap liar tiap malam minggu di depan pasar, knalpot brong bising")
    other = file_case("Lampu jalan mati di gang masjid")
    elsewhere = file_case(
        "Balap liar setiap malam minggu di jalan depan pasar", village="64.74.02.1001"
    )
    suggestions = duplicates.similar(first)
    assert [s.case for s in suggestions] == [near]
    assert 0.35 <= suggestions[0].score < 1
    assert other not in [s.case for s in suggestions]
    assert elsewhere not in [s.case for s in suggestions]


def test_merge_keeps_one_case_with_the_support_count_and_tells_every_reporter(sign_in, bhabin_a):
    kept = file_case("Balap liar malam minggu depan pasar", email="a@example.id")
    dup = file_case("balap liar malam minggu di depan pasar", email="b@example.id")
    services.case_merge(duplicate=dup, into=kept, by=bhabin_a)
    kept.refresh_from_db()
    dup.refresh_from_db()
    assert (kept.support_count, kept.status) == (2, Case.Status.BARU)
    assert (dup.status, dup.merged_into, dup.escalate_at) == (Case.Status.DIGABUNG, kept, None)
    assert sorted(Reporter.objects.filter(case=kept).values_list("email", flat=True)) == [
        "a@example.id",
        "b@example.id",
    ]
    assert dup.events.get(kind=CaseEvent.Kind.MERGED).data == {"into": kept.tracking_code}
    # the kept case's public step does not give away the other citizen's code
    merged = kept.events.get(kind=CaseEvent.Kind.MERGED)
    assert (
        merged.message == "Laporan serupa dari warga lain digabung ke sini; dukungan kini 2 warga."
    )
    assert merged.data["from"] == dup.tracking_code
    assert not Outbox.objects.filter(to="a@example.id", body__contains=dup.tracking_code).exists()
    told = sorted(Outbox.objects.filter(to__endswith="example.id").values_list("to", flat=True))
    assert told == ["a@example.id", "b@example.id", "b@example.id"]
    # the kept case says how many citizens reported it; a case of one says nothing of support
    kept_page = sign_in(bhabin_a).get(f"/petugas/laporan/{kept.pk}/").text
    assert "2 warga melaporkan hal ini" in kept_page
    single = file_case("Lampu jalan mati di gang masjid", email="c@example.id")
    assert "Dukungan" not in sign_in(bhabin_a).get(f"/petugas/laporan/{single.pk}/").text
    # the merged report's page says where its reporter went, not that none left a contact
    page = sign_in(bhabin_a).get(f"/petugas/laporan/{dup.pk}/").text
    assert f"Pelapornya kini pendukung laporan {kept.tracking_code}" in page
    assert "Pelapor tidak meninggalkan nama atau kontak." not in page


def test_merging_twice_or_into_itself_is_refused(bhabin_a):
    kept = file_case("Balap liar malam minggu depan pasar")
    dup = file_case("balap liar malam minggu di depan pasar")
    with pytest.raises(services.TransitionError):
        services.case_merge(duplicate=kept, into=kept, by=bhabin_a)
    services.case_merge(duplicate=dup, into=kept, by=bhabin_a)
    with pytest.raises(services.TransitionError):
        services.case_merge(duplicate=dup, into=kept, by=bhabin_a)
    kept.refresh_from_db()
    assert kept.support_count == 2


def test_case_page_offers_the_merge_and_officer_b_cannot_merge_into_a_case_of_a(
    sign_in, bhabin_a, officer_b
):
    kept = file_case("Balap liar malam minggu depan pasar")
    dup = file_case("balap liar malam minggu di depan pasar")
    page = sign_in(bhabin_a).get(f"/petugas/laporan/{dup.pk}/")
    assert f'name="into" value="{kept.pk}"' in page.text
    # officer B's own case cannot be merged into village A's
    theirs = file_case("balap liar malam minggu di depan pasar", village="64.74.02.1001")
    sign_in(officer_b).post(f"/petugas/laporan/{theirs.pk}/merge/", {"into": kept.pk})
    theirs.refresh_from_db()
    kept.refresh_from_db()
    assert (theirs.status, kept.support_count) == (Case.Status.BARU, 1)
    # bhabin A merges
    sign_in(bhabin_a).post(f"/petugas/laporan/{dup.pk}/merge/", {"into": kept.pk})
    kept.refresh_from_db()
    assert kept.support_count == 2


def test_one_citizen_who_filed_twice_is_one_supporter_and_hears_each_step_once(bhabin_a):
    # given the same phone's two reports of one thing, merged
    def by_phone(text: str) -> Case:
        return file_web(description=text, reporter=ReporterIn(phone="0812 3456 7890")).case

    kept = by_phone("Balap liar malam minggu depan pasar")
    dup = by_phone("balap liar malam minggu di depan pasar lagi")
    services.case_merge(duplicate=dup, into=kept, by=bhabin_a)
    # then she is one supporter, not two
    kept.refresh_from_db()
    assert kept.support_count == 1
    merged = kept.events.get(kind=CaseEvent.Kind.MERGED)
    assert merged.message.endswith("dukungan kini 1 warga.")
    # and each later step reaches her phone once, by her first report's key
    before = set(Outbox.objects.values_list("pk", flat=True))
    services.case_reply(case=kept, by=bhabin_a, message="Kami patroli malam ini.")
    sent = Outbox.objects.exclude(pk__in=before).filter(channel=Outbox.Channel.SMS)
    assert sent.count() == 1
    first = min(kept.reporters.values_list("pk", flat=True))
    assert sent.get().key.endswith(f":reporter:{first}:sms")
    # and a lost-code message names the kept report once
    services.case_codes_resend(contact="0812 3456 7890")
    codes = Outbox.objects.get(key__startswith="codes:")
    assert codes.body.count(kept.tracking_code) == 1
    assert dup.tracking_code not in codes.body
