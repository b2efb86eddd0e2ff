"""Patrol and event-security figures of a Polsek's area for a month (dashboards, coverage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from sinergi.areas.codes import within_q
from sinergi.cases.models import Case, CaseEvent, Category
from sinergi.patrols.models import CheckIn, EventRequest, Hotspot, PatrolPlan

# A requester counts as answered at the first public step an officer takes on the case.
ANSWER_KINDS = (CaseEvent.Kind.REPLIED, CaseEvent.Kind.STATUS, CaseEvent.Kind.REFERRED)


@dataclass(frozen=True, slots=True)
class PatrolFigures:
    area: str
    month: date
    requests: int
    answered_within_sla: int
    hotspots: int
    planned_visits: int
    executed_visits: int
    flagged_checkins: int
    event_requests: int
    events_secured: int

    @property
    def share_answered_within_sla(self) -> float | None:
        return round(self.answered_within_sla / self.requests, 3) if self.requests else None

    @property
    def share_executed(self) -> float | None:
        if not self.planned_visits:
            return None
        return round(self.executed_visits / self.planned_visits, 3)


def _bounds(month: date) -> tuple[date, date, datetime, datetime]:
    first = month.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        first,
        after,
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(after, time.min, tzinfo=zone),
    )


def _planned(area_code: str, first: date, after: date) -> int:
    """Stops × the days in the month each plan runs on."""
    plans = (
        PatrolPlan.objects.filter(within_q("area_id", area_code))
        .filter(starts_on__lt=after, ends_on__gte=first)
        .prefetch_related("stops")
    )
    total = 0
    for plan in plans:
        day = max(plan.starts_on, first)
        last = min(plan.ends_on, after - timedelta(days=1))
        stops = len(plan.stops.all())
        while day <= last:
            total += stops * int(day.weekday() in plan.weekdays)
            day += timedelta(days=1)
    return total


def patrol_figures(*, area_code: str, month: date) -> PatrolFigures:
    """Requests, hotspots, planned vs executed visits (one per stop and day, flagged check-ins
    not counted), the share of requests answered within the village SLA, events secured."""
    first, after, since, until = _bounds(month)
    requests = (
        Case.objects.filter(within_q("area_id", area_code), kind=Category.Kind.PATROLI)
        .filter(created_at__gte=since, created_at__lt=until)
        .exclude(status=Case.Status.DIGABUNG)
        .annotate(
            answered=Min(
                "events__at",
                filter=Q(events__kind__in=ANSWER_KINDS, events__public=True),
            )
        )
        .values_list("created_at", "answered", "category__sla_hours")
    )
    received = within = 0
    for created, answered, sla in requests:
        received += 1
        if answered is not None:
            within += int(answered - created <= timedelta(hours=(list(sla) or [72])[0]))
    checkins = CheckIn.objects.filter(
        within_q("plan__area_id", area_code), at__gte=since, at__lt=until
    )
    executed = (
        checkins.filter(flagged=False)
        .annotate(day=TruncDate("at"))
        .values("plan_id", "hotspot_id", "day")
        .distinct()
        .count()
    )
    events = EventRequest.objects.filter(within_q("area_id", area_code))
    return PatrolFigures(
        area=area_code,
        month=first,
        requests=received,
        answered_within_sla=within,
        hotspots=Hotspot.objects.filter(
            within_q("area_id", area_code), created_at__lt=until
        ).count(),
        planned_visits=_planned(area_code, first, after),
        executed_visits=executed,
        flagged_checkins=checkins.filter(flagged=True).count(),
        event_requests=events.filter(created_at__gte=since, created_at__lt=until).count(),
        events_secured=events.filter(reported_at__gte=since, reported_at__lt=until).count(),
    )
