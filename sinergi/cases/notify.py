"""Who hears about a case step, and what the message says.

Messages are written to the outbox inside the same transaction as the step (a rolled-back step
sends nothing); the task worker delivers them. The bulk SLA sweep uses the same builders. Every
text lives in a template under templates/messages/cases/ (translatable, never in the code), and
the outbox key of a message names the step and the recipient, never its wording: rewording a
template sends nothing again.

A reporter is told by the channel they gave: their e-mail, the chat they filed from, or — with
only a phone number — an SMS through the gateway.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse

from sinergi.accounts.models import User
from sinergi.areas import timezones
from sinergi.cases import steps, tracking
from sinergi.cases.models import Case, CaseEvent, Reporter
from sinergi.messaging import texts
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_add, phone_contact
from sinergi.units.forums import Member, forum_members
from sinergi.units.roles import FORUM_NAME

# Why a forum is told: part of the outbox key, so codes, never words.
NEW_CASE = "new"
ESCALATED = "escalated"
REOPENED = "reopened"
REPORTER_WROTE = "reporter"
HANDED = "handed"
# Reporters who can be told: an e-mail address, the chat they filed from, or a phone number.
REACHABLE = ~Q(email="") | Q(chat_contact__isnull=False) | ~Q(phone="")


def _track_url(case: Case, reporter: Reporter | None = None) -> str:
    path = reverse("cases:track", args=[case.tracking_code])
    if reporter is not None:
        path += f"?k={tracking.reporter_key(reporter.pk)}"
    return texts.site_url(path)


def _case_url(case: Case) -> str:
    return texts.site_url(reverse("cases:officer_case", args=[case.pk]))


def _text(name: str, context: dict[str, Any]) -> str:
    return texts.text(f"cases/{name}", context)


def _subject(name: str, context: dict[str, Any]) -> str:
    return texts.subject(f"cases/{name}", context)


def _handling(case: Case) -> dict[str, Any]:
    """Who handles the case now and by when, as the reporter reads it."""
    owner = case.owner_area
    return {
        "case": case,
        "forum": f"{FORUM_NAME[owner.level]} {owner}",
        "deadline": timezones.shown(case.escalate_at, case.area_id) if case.is_open else "",
    }


# -- the forum ------------------------------------------------------------------------------------


def forum_messages(
    case: Case,
    area_code: str,
    members: Iterable[Member],
    reason: str,
    *,
    event: CaseEvent | None = None,
) -> list[Outbox]:
    context = {"case": case, "reason": reason, "url": _case_url(case), "event": event}
    subject = _subject("forum_subject.txt", context)
    body = _text("forum_body.txt", context)
    suffix = f":event:{event.pk}" if event is not None else ""
    return [
        Outbox(
            channel=Outbox.Channel.EMAIL,
            to=member.email,
            subject=subject,
            body=body,
            key=f"case:{case.pk}:{reason}:{area_code}:user:{member.user_id}{suffix}",
        )
        for member in members
        if member.email
    ]


def forum_of(case: Case, area_code: str, *, reason: str) -> int:
    """Tells every member of the area's tier forum who has an e-mail address."""
    members = forum_members([area_code]).get(area_code, [])
    return outbox_add(forum_messages(case, area_code, members, reason))


def forum_of_reporter_message(case: Case, event: CaseEvent) -> int:
    """Tells the owning forum that the reporter added something (each message once)."""
    area_code = case.owner_area_id
    members = forum_members([area_code]).get(area_code, [])
    return outbox_add(forum_messages(case, area_code, members, REPORTER_WROTE, event=event))


def handed_to(case: Case, event: CaseEvent, to: User, *, by: User) -> int:
    """Tells the officer a case was handed to (by a colleague or a partner of another agency),
    once per hand-over step."""
    if not to.email:
        return 0
    context = {"case": case, "reason": HANDED, "url": _case_url(case), "by": by}
    message = Outbox(
        channel=Outbox.Channel.EMAIL,
        to=to.email,
        subject=_subject("forum_subject.txt", context),
        body=_text("forum_body.txt", context),
        key=f"case:{case.pk}:{HANDED}:user:{to.pk}:event:{event.pk}",
    )
    return outbox_add([message])


# -- the reporter ---------------------------------------------------------------------------------


def _phone_only(reporter: Reporter) -> bool:
    return bool(reporter.phone) and not reporter.email and reporter.chat_contact_id is None


def _for_reporters(
    case: Case, reporters: Iterable[Reporter], kind: str, context: dict[str, Any], *, key: str
) -> list[Outbox]:
    """The message to each reporter by the channel they gave, with their private key and link;
    none to a reporter who gave none. Each one's outbox key is ``<key>:reporter:<pk>``. One
    person who filed twice (merged since) gets one message, by their first report's key."""
    out: dict[tuple[str, str], Outbox] = {}
    for reporter in sorted(reporters, key=lambda r: r.pk):
        message = _for_reporter(case, reporter, kind, context, key=f"{key}:reporter:{reporter.pk}")
        if message is not None:
            out.setdefault((message.channel, message.to), message)
    return list(out.values())


def _for_reporter(
    case: Case, reporter: Reporter, kind: str, context: dict[str, Any], key: str
) -> Outbox | None:
    """One message to one reporter by the channel they gave; None when they gave none."""
    context = {
        **context,
        "key": tracking.reporter_key(reporter.pk),
        "track_url": _track_url(case, reporter),
    }
    about = f"case:{case.pk}"  # a message that does not arrive shows on the case page
    if reporter.email:
        return texts.email(f"cases/{kind}", context, to=reporter.email, key=key, about=about)
    if reporter.chat_contact is not None:
        return Outbox(
            channel=reporter.chat_contact.channel,
            to=reporter.chat_contact.ref,
            body=_text(f"{kind}_chat.txt", context),
            key=f"{key}:chat",
            about=about,
            # outside WhatsApp's 24-hour window the transport sends the approved template with
            # these parameters (its text invites a reply; these words follow the reply)
            data={"case": case.pk, "template": [case.tracking_code, case.get_status_display()]},
        )
    if _phone_only(reporter):
        contact = phone_contact(reporter.phone)
        if contact is None:
            return None
        return Outbox(
            channel=Outbox.Channel.SMS,
            to=contact.ref,
            body=_text(f"{kind}_sms.txt", {**context, "short_url": _track_url(case)}),
            key=f"{key}:sms",
            data={"case": case.pk},
            about=about,
        )
    return None


def reporter_messages(case: Case, event: CaseEvent, reporters: Iterable[Reporter]) -> list[Outbox]:
    """A public step, to each reporter by their own channel."""
    context = {
        **_handling(case),
        "step": steps.title(event),
        "event": event,
        "ask": case.status == Case.Status.SELESAI,
        # a referred case's follow-up day: did the agency act?
        "ask_agency": (
            str(event.data.get("agency", "")) if event.kind == CaseEvent.Kind.FOLLOW_UP else ""
        ),
    }
    return _for_reporters(case, reporters, "step", context, key=f"case:{case.pk}:event:{event.pk}")


def reporters_of(case: Case, event: CaseEvent) -> int:
    """Tells every reporter who can be reached about a public step."""
    reporters = case.reporters.filter(REACHABLE).select_related("chat_contact")
    return outbox_add(reporter_messages(case, event, reporters))


def reporters_acknowledge(case: Case) -> int:
    """The acknowledgement of a new case, by the channel each reporter gave: the code, their
    private key, who handles it and by when. Chat reporters had theirs in the conversation."""
    reporters = case.reporters.filter(REACHABLE, chat_contact__isnull=True)
    return outbox_add(
        _for_reporters(case, reporters, "ack", _handling(case), key=f"case:{case.pk}:ack")
    )


def reporter_codes(address: str, reporters: list[Reporter], *, hour: str) -> int:
    """A lost code: the codes and private links of the reports filed with this contact, sent to
    that contact only (an e-mail address or, for a phone number, an SMS). At most one message
    per contact and hour, whatever the number of requests."""
    if not reporters:
        return 0
    lines: list[dict[str, str]] = []
    for r in reporters:
        # two reports merged into one are one case: its code once, by the first key
        if all(line["code"] != r.case.tracking_code for line in lines):
            lines.append(
                {
                    "code": r.case.tracking_code,
                    "category": r.case.category.name,
                    "url": _track_url(r.case, r),
                }
            )
    digest = hashlib.sha256(address.lower().encode()).hexdigest()[:24]
    key = f"codes:{digest}:{hour}"
    context = {"lines": lines}
    if "@" in address:
        message = texts.email("cases/codes", context, to=address, key=key)
    else:
        contact = phone_contact(address)
        if contact is None:
            return 0
        message = Outbox(
            channel=Outbox.Channel.SMS,
            to=contact.ref,
            key=key,
            body=_text("codes_sms.txt", context),
        )
    return outbox_add([message])
