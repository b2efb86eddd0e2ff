"""Who hears about a case step, and what the message says.

Messages are written to the outbox inside the same transaction as the step (a rolled-back step
sends nothing); the task worker delivers them. The bulk SLA sweep uses the same builders.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from sinergi.cases.models import Case, CaseEvent, Reporter
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_add
from sinergi.units.forums import Member, forum_members

NEW_CASE = "Laporan baru"
ESCALATED = "Dinaikkan ke tingkat Anda"
REOPENED = "Dibuka kembali oleh pelapor"
REPORTER_WROTE = "Pesan tambahan dari pelapor"
# Reporters who can be told: an e-mail address, or the chat they filed from.
REACHABLE = ~Q(email="") | Q(chat_contact__isnull=False)


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
    reporters = list(reporters)
    return _email_messages(case, event, reporters) + _chat_messages(case, event, reporters)


def _chat_messages(case: Case, event: CaseEvent, reporters: list[Reporter]) -> list[Outbox]:
    """The same step, back through the chat the reporter used. ``to`` is the contact's
    pseudonymous reference; outside WhatsApp's 24-hour window the transport sends the approved
    template with ``template`` as its parameters, and these words follow once the citizen
    answers it. A reply to it joins the case's thread."""
    return [
        Outbox(
            channel=reporter.chat_contact.channel,
            to=reporter.chat_contact.ref,
            body=chat_text(case, event),
            key=f"case:{case.pk}:event:{event.pk}:reporter:{reporter.pk}:chat",
            about=f"case:{case.pk}",
            data={"case": case.pk, "template": [case.tracking_code, case.get_status_display()]},
        )
        for reporter in reporters
        if reporter.chat_contact is not None
    ]


def chat_text(case: Case, event: CaseEvent) -> str:
    """What happened, in plain words, for a chat: the officer's own words where there are any."""
    code, kind, message = case.tracking_code, event.kind, event.message[:1500]
    words = f"\n\n{message}" if message else ""
    if kind == CaseEvent.Kind.REPLIED:
        text = f"Petugas membalas laporan {code}:{words}"
    elif kind == CaseEvent.Kind.TAKEN:
        text = f"Laporan {code} sudah diambil petugas dan sedang ditindaklanjuti."
    elif kind == CaseEvent.Kind.STATUS and case.status == Case.Status.SELESAI:
        text = (
            f"Petugas menyatakan laporan {code} selesai:{words}\n\n"
            "Apakah masalahnya sudah benar-benar selesai? Balas pesan ini bila belum."
        )
    elif kind == CaseEvent.Kind.STATUS and case.status == Case.Status.DITOLAK:
        text = f"Laporan {code} tidak dapat ditindaklanjuti. Alasan petugas:{words}"
    elif kind == CaseEvent.Kind.REFERRED:
        agency, reference = event.data.get("agency", ""), event.data.get("reference", "")
        number = f" (nomor rujukan {reference})" if reference else ""
        text = f"Laporan {code} diteruskan ke {agency}{number}, instansi yang berwenang.{words}"
    elif kind == CaseEvent.Kind.ESCALATED:
        owner = f"{case.owner_area.get_kind_display()} {case.owner_area.name}"
        text = f"Laporan {code} kini ditangani di tingkat {owner} agar segera selesai."
    elif kind == CaseEvent.Kind.REOPENED:
        text = f"Laporan {code} dibuka kembali dan akan ditangani lagi."
    elif message:
        text = f"Laporan {code}: {message}"
    else:
        text = f"Ada perkembangan pada laporan {code} (status: {case.get_status_display()})."
    return f"{text}\n\nBalas pesan ini untuk menambahkan keterangan."


def _email_messages(case: Case, event: CaseEvent, reporters: list[Reporter]) -> list[Outbox]:
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
    """Tells every reporter who left an e-mail address or filed by chat about a public step."""
    reporters = case.reporters.filter(REACHABLE).select_related("chat_contact")
    return outbox_add(reporter_messages(case, event, reporters))


def forum_of_reporter_message(case: Case, event: CaseEvent) -> int:
    """Tells the owning forum that the reporter added something by chat (each message once)."""
    area_code = case.owner_area_id
    members = forum_members([area_code]).get(area_code, [])
    messages = forum_messages(case, area_code, members, REPORTER_WROTE)
    for message in messages:
        message.key = f"{message.key}:event:{event.pk}"
        message.body = f"{REPORTER_WROTE}:\n\n{event.message[:500]}\n\nBuka: {_case_url(case)}\n"
    return outbox_add(messages)
