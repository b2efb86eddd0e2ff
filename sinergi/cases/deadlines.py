"""When the owning tier's time runs out (the SLA clock), per category and tier."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from sinergi.cases.models import Case


def escalate_at(case: Case, *, start: datetime | None = None) -> datetime | None:
    """The moment the case moves one tier up if nobody closes it; None once it is closed."""
    if not case.is_open:
        return None
    hours = case.category.sla_for(case.owner_area.level)
    return (start or timezone.now()) + timedelta(hours=hours)
