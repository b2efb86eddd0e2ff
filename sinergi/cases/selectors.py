"""Reads of cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from sinergi.accounts.access import AnyUser
from sinergi.cases import tracking
from sinergi.cases.access import cases_visible_to
from sinergi.cases.models import Case, CaseEvent, Reporter
from sinergi.messaging.chat import msisdn
from sinergi.messaging.models import Outbox
from sinergi.messaging.selectors import outbox_undelivered
from sinergi.units.forums import seats_of

OPEN_STATES = [Case.Status.BARU, Case.Status.DITERIMA, Case.Status.DITANGANI]


def case_by_tracking_code(raw: str) -> Case | None:
    code = tracking.normalize(raw)
    if code is None:
        return None
    return (
        Case.objects.select_related("category", "area", "owner_area")
        .filter(tracking_code=code)
        .first()
    )


def case_public_timeline(case: Case) -> QuerySet[CaseEvent]:
    return case.events.filter(public=True).order_by("at", "pk")


def case_reporter_notes(case: Case, reporter: Reporter) -> QuerySet[CaseEvent]:
    """What this reporter added for the officers (internal steps): shown back to them alone,
    never to another reporter of the same case (a merged case has several)."""
    return case.events.filter(
        kind=CaseEvent.Kind.NOTED, data__from_reporter=True, data__reporter=reporter.pk
    ).order_by("at", "pk")


def case_inbox(
    *,
    user: AnyUser,
    status: str = "open",
    kind: str = "",
    village: str = "",
    overdue: bool = False,
    tier: int | None = None,
    mine: bool = False,
    seated: set[str] | None = None,
) -> QuerySet[Case]:
    """The officer's inbox: cases inside the user's areas, newest first, with filters. `mine`
    is "perlu tindakan saya": the open cases they hold, and the untaken ones waiting at a forum
    they sit in (`seated`, read here when not given); without it, everything in their areas
    (oversight)."""
    qs = cases_visible_to(user).select_related(
        "category", "area", "owner_area", "taken_by", "duplicate_hint"
    )
    if mine:
        if seated is None:
            seated = seats_of(user.pk) if user.is_authenticated else set()
        qs = qs.filter(
            Q(taken_by_id=user.pk) | Q(taken_by__isnull=True, owner_area_id__in=seated),
            status__in=OPEN_STATES,
        )
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATES)
    elif status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if village:
        qs = qs.filter(area_id=village)
    if tier is not None:
        qs = qs.filter(owner_area__level=tier)
    if overdue:
        qs = qs.filter(escalate_at__lte=timezone.now(), status__in=OPEN_STATES)
    return qs.order_by("-created_at", "-pk")


def case_timeline(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("at", "pk")


RECOVER_MAX = 10


def reporters_by_contact(contact: str) -> tuple[str, list[Reporter]]:
    """The contact as we keep it (an e-mail address, or a phone as +62…) and the reporters who
    gave it, newest case first (merged duplicates lead to the kept case)."""
    contact = contact.strip()
    if "@" in contact:
        address = contact
        found = Reporter.objects.filter(email__iexact=address)
    else:
        address = msisdn(contact) or ""
        if not address:
            return "", []
        found = Reporter.objects.filter(phone_key=address)
    reporters = list(
        found.select_related("case__category").order_by("-case__created_at")[:RECOVER_MAX]
    )
    if reporters and "@" in address:
        address = reporters[0].email  # as the reporter wrote it, not as it was typed now
    return address, reporters


def cases_of_reporter(user: AnyUser) -> QuerySet[Case]:
    """The cases a signed-in citizen filed (or supports, after a merge), newest first."""
    if not user.is_authenticated:
        return Case.objects.none()
    return (
        Case.objects.filter(reporters__user=user)
        .select_related("category", "area", "owner_area")
        .distinct()
        .order_by("-created_at", "-pk")
    )


def case_undelivered(case: Case) -> list[Outbox]:
    """Messages to the case's reporter that did not arrive (refused by the provider, failed
    after every try, or reported failed later), newest first, for whoever handles the case."""
    return outbox_undelivered(about=f"case:{case.pk}")


@dataclass(frozen=True, slots=True)
class Referral:
    agency: str
    reference: str
    follow_up: date | None
    asked: bool


def case_referral(case: Case) -> Referral | None:
    """Where a referred case went (the latest referral step) and when its reporter is asked."""
    if case.status != Case.Status.DIRUJUK:
        return None
    event = case.events.filter(kind=CaseEvent.Kind.REFERRED).order_by("-at", "-pk").first()
    data = event.data if event is not None and isinstance(event.data, dict) else {}
    return Referral(
        agency=str(data.get("agency", "")),
        reference=str(data.get("reference", "")),
        follow_up=case.follow_up_on,
        asked=case.follow_up_asked_at is not None,
    )
