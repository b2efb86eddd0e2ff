"""A promise is closed with evidence (check-ins, activities, cases, a document), and a recurring
promise ("setiap hari", "rutin") is judged by the share of its days with evidence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import VILLAGE_A, earlier_on, make_official, village_today
from sinergi.accounts.models import AuditEvent
from sinergi.areas.models import Area
from sinergi.engagement import promises, services
from sinergi.engagement.catalogue import ActivityType
from sinergi.engagement.models import Activity, Commitment, CommitmentEvidence
from sinergi.engagement.tests.helpers import polsek_a, promise
from sinergi.patrols.services import checkin_record
from sinergi.patrols.tests.helpers import FIFTY_M, LAT, LNG, TWO_KM, marked_spot, plan_tonight
from sinergi.platform.tests.photos import jpeg
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db


def visit(by, days_ago: int) -> Activity:
    """A sambang in the village on a past day (evidence of that day)."""
    return services.activity_record(
        by=by,
        unit=polsek_a(),
        kind=ActivityType.SILATURAHMI,
        title=f"Sambang {days_ago}",
        area=Area.objects.get(code=VILLAGE_A),
        report=services.ReportIn(held_at=earlier_on(days_ago)),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("patroli rutin setiap hari", "daily"),
        ("sambang tiap malam di pasar", "daily"),
        ("patroli rutin di titik rawan", "weekly"),
        ("Jumat Curhat setiap minggu", "weekly"),
        # Saturday night, "malam Minggu", comes once a week, not every night
        ("patroli setiap malam Minggu di depan pasar", "weekly"),
        ("ronda tiap malam Jumat", "weekly"),
        ("patroli setiap malam, minggu ini juga", "daily"),
        ("memasang lampu jalan di gang sekolah", ""),
    ],
)
def test_the_recurrence_is_read_from_the_promise(text, expected):
    assert promises.recurrence_of(text) == expected


def test_the_rate_counts_days_with_evidence_between_the_promise_and_its_due_date():
    made = date(2026, 12, 1)
    found = promises.rate(
        recurrence="daily",
        made_on=made,
        due_on=date(2026, 12, 14),
        today=date(2026, 12, 20),
        days=[
            date(2026, 12, 1),
            date(2026, 12, 1),
            date(2026, 12, 5),
            date(2026, 11, 30),
            date(2026, 12, 15),
        ],
    )
    assert (found.periods, found.with_evidence, found.percent) == (14, 2, 14)
    weekly = promises.rate(
        recurrence="weekly",
        made_on=made,
        due_on=date(2026, 12, 28),
        today=date(2026, 12, 20),
        days=[date(2026, 12, 2), date(2026, 12, 6), date(2026, 12, 16)],
    )
    assert (weekly.periods, weekly.with_evidence) == (3, 2)
    assert promises.rate(recurrence="", made_on=made, due_on=made, today=made, days=[]) is None


def test_free_text_does_not_keep_a_promise_but_a_later_activity_does(bhabin_a):
    commitment = promise(
        bhabin_a,
        "memasang lampu jalan di gang sekolah",
        due=village_today() + timedelta(days=10),
    )
    with pytest.raises(services.EngagementError, match="Lampirkan bukti dulu"):
        services.commitment_close(commitment=commitment, by=bhabin_a, kept=True, evidence="Sudah")
    assert Commitment.objects.get().status == Commitment.Status.OPEN
    # the promise's own activity is no evidence of it; a later one is
    later = visit(bhabin_a, days_ago=0)
    with pytest.raises(services.EngagementError, match="tidak dapat menjadi bukti"):
        services.commitment_evidence_add(
            commitment=commitment, by=bhabin_a, activities=[commitment.activity]
        )
    added = services.commitment_evidence_add(commitment=commitment, by=bhabin_a, activities=[later])
    again = services.commitment_evidence_add(commitment=commitment, by=bhabin_a, activities=[later])
    assert (added, again) == (1, 0)
    services.commitment_close(
        commitment=commitment, by=bhabin_a, kept=True, evidence="Lampu terpasang"
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.evidence_rate) == (Commitment.Status.DONE, None)


def test_a_daily_promise_is_not_kept_on_day_one(bhabin_a):
    # given a 14-day daily patrol promise made today, with a sambang today as evidence
    commitment = promise(
        bhabin_a, "patroli rutin setiap hari", due=village_today() + timedelta(days=13)
    )
    assert commitment.recurrence == Commitment.Recurrence.DAILY
    services.commitment_evidence_add(
        commitment=commitment, by=bhabin_a, activities=[visit(bhabin_a, 0)]
    )
    # when the Kapolsek marks it kept on day one, it is refused with the count so far
    with pytest.raises(
        services.EngagementError, match=r"14 hari\): sampai kini ada bukti pada 1 dari 1 hari"
    ):
        services.commitment_close(commitment=commitment, by=bhabin_a, kept=True, evidence="OK")
    assert Commitment.objects.get().status == Commitment.Status.OPEN


def test_at_its_due_date_a_daily_promise_is_kept_on_half_its_days_and_not_below(bhabin_a):
    # given a daily promise made 13 days ago, due today: 14 days
    thin = promise(bhabin_a, "sambang setiap hari ke pos kamling", due=village_today(), days_ago=13)
    visits = [visit(bhabin_a, d) for d in (13, 11, 9, 7, 5, 3, 1)]  # 7 of 14 days
    services.commitment_evidence_add(commitment=thin, by=bhabin_a, activities=visits[:6])
    # when only 6 of 14 days have evidence, it is not kept
    with pytest.raises(services.EngagementError, match=r"6 dari 14 hari \(43%\)"):
        services.commitment_close(commitment=thin, by=bhabin_a, kept=True, evidence="Rutin")
    # then with the seventh day it is kept, and the rate is kept on the record
    services.commitment_evidence_add(commitment=thin, by=bhabin_a, activities=visits[6:])
    services.commitment_close(commitment=thin, by=bhabin_a, kept=True, evidence="Rutin")
    thin.refresh_from_db()
    assert (thin.status, thin.evidence_rate) == (Commitment.Status.DONE, 0.5)


def test_checkins_at_the_villages_hotspots_are_evidence_and_flagged_ones_are_not(
    bhabin_a, kapolsek_a
):
    commitment = promise(
        bhabin_a,
        "menambah patroli malam di simpang Cendana",
        due=village_today() + timedelta(days=5),
    )
    spot = marked_spot(kapolsek_a)
    plan = plan_tonight(kapolsek_a, [bhabin_a], [spot])
    near = checkin_record(
        plan=plan, hotspot=spot, officer=bhabin_a, latitude=LAT + FIFTY_M, longitude=LNG
    )
    far = checkin_record(
        plan=plan, hotspot=spot, officer=bhabin_a, latitude=LAT + TWO_KM, longitude=LNG
    )
    with pytest.raises(services.EngagementError, match="Kehadiran patroli itu"):
        services.commitment_evidence_add(commitment=commitment, by=bhabin_a, checkins=[far])
    assert (
        services.commitment_evidence_add(commitment=commitment, by=bhabin_a, checkins=[near]) == 1
    )
    item = CommitmentEvidence.objects.get()
    assert (item.kind, item.checkin_id, item.on) == ("checkin", near.pk, village_today())


def test_a_photo_is_kept_as_a_document_and_a_text_file_is_refused(sign_in, bhabin_a, officer_b):
    commitment = promise(bhabin_a, "memasang lampu jalan", due=village_today() + timedelta(days=5))
    client = sign_in(bhabin_a)
    client.post(
        f"/petugas/komitmen/{commitment.pk}/bukti/",
        {"document": SimpleUploadedFile("x.txt", b"bukan foto", content_type="text/plain")},
    )
    assert CommitmentEvidence.objects.count() == 0
    client.post(
        f"/petugas/komitmen/{commitment.pk}/bukti/",
        {
            "document": SimpleUploadedFile(
                "lampu.jpg", jpeg("green", (20, 20)), content_type="image/jpeg"
            ),
            "note": "Lampu menyala",
        },
    )
    item = CommitmentEvidence.objects.get()
    assert (item.kind, item.name, item.note) == ("document", "lampu.jpg", "Lampu menyala")
    page = client.get(f"/petugas/komitmen/{commitment.pk}/").text
    assert "lampu.jpg" in page
    # and the file opens for who sees the promise's area, not for another area or the public,
    # also once the closed promise keeps it as its evidence
    url = f"/media/{item.file.name}"
    assert f'href="{url}"' in page
    assert client.get(url).status_code == 200
    assert sign_in(officer_b).get(url).status_code == 404
    assert Client().get(url).status_code == 404
    services.commitment_close(commitment=commitment, by=bhabin_a, kept=True, evidence="Menyala")
    assert Commitment.objects.get(pk=commitment.pk).evidence_photo.name == item.file.name
    assert Client().get(url).status_code == 404
    assert sign_in(bhabin_a).get(url).status_code == 200


def test_officer_b_cannot_add_evidence_to_a_promise_of_village_a(sign_in, bhabin_a, officer_b):
    commitment = promise(bhabin_a, "memasang lampu jalan", due=village_today() + timedelta(days=5))
    later = visit(bhabin_a, 0)
    client = sign_in(officer_b)
    assert client.get(f"/petugas/komitmen/{commitment.pk}/").status_code == 404
    response = client.post(f"/petugas/komitmen/{commitment.pk}/bukti/", {"activity": [later.pk]})
    assert response.status_code == 404
    assert CommitmentEvidence.objects.count() == 0


def test_the_checkins_of_a_patrol_plan_made_for_the_promise_are_its_evidence(bhabin_a, kapolsek_a):
    # given a promise, and tonight's patrol planned to keep it (patrols: the plan's commitment)
    from datetime import time  # noqa: PLC0415

    from conftest import DISTRICT_A  # noqa: PLC0415
    from sinergi.patrols.services import plan_create  # noqa: PLC0415
    from sinergi.units.models import Unit  # noqa: PLC0415

    commitment = promise(
        bhabin_a,
        "menambah patroli malam di simpang Cendana",
        due=village_today() + timedelta(days=5),
    )
    spot = marked_spot(kapolsek_a)
    today = village_today()
    plan = plan_create(
        unit=Unit.objects.get(key=f"polsek:{DISTRICT_A}"),
        area=Area.objects.get(code=DISTRICT_A),
        title="Patroli janji",
        starts_on=today,
        ends_on=today,
        weekdays=[today.weekday()],
        time_start=time(22),
        time_end=time(2),
        route=[spot],
        officers=[bhabin_a],
        by=kapolsek_a,
        commitment=commitment,
    )
    # when nobody links anything but the officer checks in on that plan
    checkin_record(plan=plan, hotspot=spot, officer=bhabin_a, latitude=LAT, longitude=LNG)
    # then the promise can be closed as kept: the plan's counted check-in is its evidence
    assert services.evidence_days(commitment) == [village_today()]
    services.commitment_close(commitment=commitment, by=bhabin_a, kept=True, evidence="Dua malam")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE


def test_a_partner_of_the_area_sees_a_polsek_s_promise_but_does_not_close_it(
    sign_in, bhabin_a, kapolsek_a
):
    # given the Kapolsek's promise at a Polsek A Jumat Curhat, and the Lurah of the village
    made = promise(kapolsek_a, "Patroli malam di pasar", due=village_today() + timedelta(days=7))
    lurah = make_official("lurah_a", f"desa:{VILLAGE_A}", Post.Title.KEPALA_DESA)
    page = f"/petugas/komitmen/{made.pk}/"
    client = sign_in(lurah)
    # then she reads it, with no form to close it, and a close posted anyway changes nothing
    assert client.get(page).status_code == 200
    assert "Tutup komitmen" not in client.get(page).text
    refused = client.post(f"{page}tutup/", {"kept": "0", "evidence": "Tidak jadi."})
    assert refused.status_code == 404
    made.refresh_from_db()
    assert made.status == Commitment.Status.OPEN
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=lurah).exists()
    # while the Bhabinkamtibmas of the Polsek that made it may
    assert "Tutup komitmen" in sign_in(bhabin_a).get(page).text
