"""Accountability figures of an area: what the public board and the dashboards report."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Min, Q

from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.cases.models import Case, CaseEvent


@dataclass(frozen=True, slots=True)
class Figures:
    area: str
    since: datetime
    until: datetime
    received: int
    taken: int
    taken_within_sla: int
    resolved: int
    resolved_at_village: int
    median_hours_to_resolution: float | None

    @property
    def share_resolved_at_village(self) -> float | None:
        return round(self.resolved_at_village / self.resolved, 3) if self.resolved else None

    @property
    def share_taken_within_sla(self) -> float | None:
        return round(self.taken_within_sla / self.received, 3) if self.received else None


def accountability(*, area_code: str, since: datetime, until: datetime) -> Figures:
    """Cases raised in the area (or anywhere under it) between ``since`` and ``until``.

    Taken within SLA: the first "taken" step came before the village tier's SLA ran out.
    Resolved at village: resolved while the village's Tiga Pilar still owned the case.
    """
    cases = (
        Case.objects.filter(within_q("area_id", area_code))
        .filter(created_at__gte=since, created_at__lt=until)
        .exclude(status=Case.Status.DIGABUNG)
        .annotate(first_taken=Min("events__at", filter=Q(events__kind=CaseEvent.Kind.TAKEN)))
        .values_list(
            "created_at",
            "first_taken",
            "status",
            "closed_at",
            "owner_area__level",
            "category__sla_hours",
        )
    )
    received = taken = within_sla = resolved = at_village = 0
    hours: list[float] = []
    for created, first_taken, status, closed, owner_level, sla in cases:
        received += 1
        if first_taken is not None:
            taken += 1
            village_sla = timedelta(hours=(list(sla) or [72])[0])
            within_sla += int(first_taken - created <= village_sla)
        if status == Case.Status.SELESAI and closed is not None:
            resolved += 1
            at_village += int(owner_level == Area.Level.VILLAGE)
            hours.append((closed - created).total_seconds() / 3600)
    return Figures(
        area=area_code,
        since=since,
        until=until,
        received=received,
        taken=taken,
        taken_within_sla=within_sla,
        resolved=resolved,
        resolved_at_village=at_village,
        median_hours_to_resolution=round(statistics.median(hours), 1) if hours else None,
    )
