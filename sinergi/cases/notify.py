"""Who hears about a case step, and what the message says. Writes go through the outbox, inside
the same transaction as the step (a rolled-back step sends nothing)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from sinergi.areas.models import Area
from sinergi.cases.models import Case, CaseEvent
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_enqueue
from sinergi.units.forums import tier_forum


def _track_url(case: Case) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("cases:track", args=[case.tracking_code])


def _case_url(case: Case) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("cases:officer_case", args=[case.pk])


def forum_of(case: Case, area: Area, *, reason: str) -> int:
    """Tells every member of the area's tier forum who has an e-mail address."""
    sent = 0
    for post in tier_forum(area).posts:
        user = post.user
        if not user.email:
            continue
        outbox_enqueue(
            channel=Outbox.Channel.EMAIL,
            to=user.email,
            subject=f"[Sinergi] {case.tracking_code}: {case.category.name} ({reason})",
            body=(
                f"{reason}: {case.category.name} di {case.area.label}.\n\n"
                f"{case.description[:500]}\n\nBuka: {_case_url(case)}\n"
            ),
            key=f"case:{case.pk}:{reason}:{area.code}:user:{user.pk}",
        )
        sent += 1
    return sent


def reporters_of(case: Case, event: CaseEvent) -> int:
    """Tells every reporter who left an e-mail address about a public step of their case."""
    sent = 0
    for reporter in case.reporters.exclude(email=""):
        text = f"\n\n{event.message}" if event.message else ""
        outbox_enqueue(
            channel=Outbox.Channel.EMAIL,
            to=reporter.email,
            subject=f"Laporan {case.tracking_code}: {case.get_status_display()}",
            body=(
                f"Perkembangan laporan Anda {case.tracking_code}: {event.get_kind_display()}."
                f"{text}\n\nIkuti di {_track_url(case)}\n"
            ),
            key=f"case:{case.pk}:event:{event.pk}:reporter:{reporter.pk}",
        )
        sent += 1
    return sent
