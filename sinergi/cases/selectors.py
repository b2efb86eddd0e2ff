"""Reads of cases."""

from __future__ import annotations

from django.db.models import QuerySet

from sinergi.cases import tracking
from sinergi.cases.models import Case, CaseEvent


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
