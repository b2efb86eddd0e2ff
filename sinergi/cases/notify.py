"""Who hears about a case step, and what the message says.

Messages are written to the outbox inside the same transaction as the step (a rolled-back step
sends nothing); the task worker delivers them. The bulk SLA sweep uses the same builders.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from sinergi.cases.models import Case, CaseEvent, Reporter
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_add
from sinergi.units.forums import Member, forum_members

NEW_CASE = "Laporan baru"
ESCALATED = "Dinaikkan ke tingkat Anda"
REOPENED = "Dibuka kembali oleh pelapor"


def _track_url(case: Case) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("cases:track", args=[case.tracking_code])


def _case_url(case: Case) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("cases:officer_case", args=[case.pk])


def _ask(case: Case) -> str:
    if case.status == Case.Status.SELESAI:
        return "Apakah masalahnya sudah benar-benar selesai? Beri tahu kami di halaman laporan.\n"
    return ""


def forum_messages(
    case: Case, area_code: str, members: Iterable[Member], reason: str
) -> list[Outbox]:
    return [
        Outbox(
            channel=Outbox.Channel.EMAIL,
            to=member.email,
            subject=f"[Sinergi] {case.tracking_code}: {case.category.name} ({reason})",
            body=(
                f"{reason}: {case.category.name} di {case.area.label}.\n\n"
                f"{case.description[:500]}\n\nBuka: {_case_url(case)}\n"
            ),
            key=f"case:{case.pk}:{reason}:{area_code}:user:{member.user_id}",
        )
        for member in members
        if member.email
    ]


def reporter_messages(case: Case, event: CaseEvent, reporters: Iterable[Reporter]) -> list[Outbox]:
    text = f"\n\n{event.message}" if event.message else ""
    return [
        Outbox(
            channel=Outbox.Channel.EMAIL,
            to=reporter.email,
            subject=f"Laporan {case.tracking_code}: {case.get_status_display()}",
            body=(
                f"Perkembangan laporan Anda {case.tracking_code}: {event.get_kind_display()}."
                f"{text}\n\n{_ask(case)}Ikuti di {_track_url(case)}\n"
            ),
            key=f"case:{case.pk}:event:{event.pk}:reporter:{reporter.pk}",
        )
        for reporter in reporters
        if reporter.email
    ]


def forum_of(case: Case, area_code: str, *, reason: str) -> int:
    """Tells every member of the area's tier forum who has an e-mail address."""
    members = forum_members([area_code]).get(area_code, [])
    return outbox_add(forum_messages(case, area_code, members, reason))


def reporters_of(case: Case, event: CaseEvent) -> int:
    """Tells every reporter who left an e-mail address about a public step of their case."""
    return outbox_add(reporter_messages(case, event, case.reporters.exclude(email="")))
