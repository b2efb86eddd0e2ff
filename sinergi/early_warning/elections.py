"""Which election stage is on for an area on a day (the calendar read by pages and the index)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from sinergi.early_warning.models import ElectionStage


def stages_on(area_code: str, day: dt.date) -> list[ElectionStage]:
    """Stages running on `day` of elections held over this area, one of its parents, or nationwide;
    the most intense first."""
    parts = area_code.split(".")
    codes = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return list(
        ElectionStage.objects.select_related("election", "election__area")
        .filter(starts_on__lte=day, ends_on__gte=day)
        .filter(Q(election__area__isnull=True) | Q(election__area_id__in=codes))
        .order_by("-intensity", "starts_on", "pk")
    )


def stage_on(area_code: str, day: dt.date) -> ElectionStage | None:
    stages = stages_on(area_code, day)
    return stages[0] if stages else None
