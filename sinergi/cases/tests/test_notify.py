from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sinergi.areas.models import Area
from sinergi.cases import services
from sinergi.cases.models import Case, Category
from sinergi.cases.services import ReporterIn
from sinergi.cases.tests.helpers import file_web
from sinergi.engagement import services as engagement
from sinergi.engagement.catalogue import ActivityType, Program
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import phone_contact
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers_with_mail(bhabin_a, kapolsek_a, officer_b):
    for user in (bhabin_a, kapolsek_a, officer_b):
        user.email = f"{user.username}@polri.example"
        user.save()
    return bhabin_a, kapolsek_a


def file_case(email: str = "warga@example.id") -> Case:
    """A case filed and its follow-up run, as the worker would."""
    case = file_web(reporter=ReporterIn(email=email)).case
    services.case_filed_follow_up(case_id=case.pk)
    return case


def recipients() -> list[str]:
    return sorted(Outbox.objects.values_list("to", flat=True))


def test_a_new_case_tells_the_village_forum_and_acknowledges_the_reporter_only_once(
    officers_with_mail,
):
    case = file_case()
    services.case_filed_follow_up(case_id=case.pk)  # the worker ran it twice
    assert recipients() == ["bhabin_a@polri.example", "warga@example.id"]


def test_the_forum_hears_of_a_new_case_from_the_worker_not_the_request(officers_with_mail):
    file_web()
    assert recipients() == []


def test_escalation_tells_the_forum_one_tier_up(officers_with_mail):
    case = file_case()
    Outbox.objects.all().delete()
    Case.objects.filter(pk=case.pk).update(escalate_at=timezone.now() - timedelta(seconds=1))
    services.escalate_overdue()
    services.escalate_overdue()
    # the district forum (not officer B's) is told, and the reporter hears it moved, once each
    assert recipients() == ["kapolsek_a@polri.example", "warga@example.id"]
    # each subject is one header line (a line break made SMTP refuse the forum's e-mail)
    forum = Outbox.objects.get(to="kapolsek_a@polri.example")
    assert forum.subject == (
        f"[Sinergi] {case.tracking_code}: Balap liar / knalpot brong (Dinaikkan ke tingkat Anda)"
    )


def test_a_public_reply_reaches_the_reporter_once(officers_with_mail):
    bhabin_a, _ = officers_with_mail
    case = file_case()
    Outbox.objects.filter(to="warga@example.id").delete()  # the acknowledgement
    services.case_reply(case=case, by=bhabin_a, message="Kami patroli malam ini.")
    to_reporter = Outbox.objects.get(to="warga@example.id")
    assert "Kami patroli malam ini." in to_reporter.body
    assert case.tracking_code in to_reporter.subject
    services.case_note(case=case, by=bhabin_a, message="internal")
    assert Outbox.objects.filter(to="warga@example.id").count() == 1


def test_a_rolled_back_step_sends_nothing(officers_with_mail):
    bhabin_a, _ = officers_with_mail
    case = file_case()
    before = Outbox.objects.count()
    with pytest.raises(services.TransitionError):
        services.case_resolve(case=case, by=bhabin_a, note="")
    assert Outbox.objects.count() == before


def test_a_jumat_curhat_aspirant_whose_number_the_officer_typed_hears_back_by_sms(bhabin_a):
    # given a Jumat Curhat where a citizen asked for street lights and left a number
    activity = engagement.activity_record(
        by=bhabin_a,
        unit=Unit.objects.get(key="polsek:64.74.01"),
        kind=ActivityType.JUMAT_CURHAT,
        title="Jumat Curhat di Masjid Al-Ikhlas",
        area=Area.objects.get(code="64.74.01.1002"),
        programs=[Program.JUMAT_CURHAT],
        report=engagement.ReportIn(
            held_at=timezone.now() - timedelta(hours=1),
            attendance=12,
            aspirations=[
                engagement.AspirationIn(
                    description="Lampu jalan di gang masjid mati.",
                    category=Category.objects.get(slug="aspirasi-umum"),
                    phone="0812-9999-1234",
                )
            ],
        ),
    )
    case = activity.aspirations.get().case
    # when the worker follows the new case up, and the officer answers
    services.case_filed_follow_up(case_id=case.pk)
    services.case_reply(case=case, by=bhabin_a, message="Sudah kami sampaikan ke kelurahan.")
    # then the acknowledgement and the answer reach that number by SMS, never the number itself
    contact = phone_contact("0812-9999-1234")
    bodies = list(
        Outbox.objects.filter(channel="sms", to=contact.ref)
        .order_by("pk")
        .values_list("body", flat=True)
    )
    assert len(bodies) == 2
    assert case.tracking_code in bodies[0]
    assert "Sudah kami sampaikan ke kelurahan." in bodies[1]
    assert not Outbox.objects.filter(to__contains="9999").exists()
