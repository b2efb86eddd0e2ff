"""Reads of the index for pages and the API: one village with its history, an area's summary."""

from __future__ import annotations

from django.db.models import Avg, Count, Max, Q

from config.dbrouter import reading_from_replica
from sinergi.areas.codes import within_q
from sinergi.early_warning.models import VillageIndex, VillageIndexHistory

HISTORY_DAYS = 180


@reading_from_replica()
def villages_under(code: str, *, offset: int, limit: int) -> list[VillageIndex]:
    """One page of the scores of the villages under an area (or the village), highest first."""
    return list(
        VillageIndex.objects.filter(within_q("area_id", code))
        .select_related("area")
        .order_by("-score", "area_id")[offset : offset + limit]
    )


@reading_from_replica()
def summary(code: str) -> dict[str, object]:
    """Mean, max and villages per level under an area, in one query."""
    return VillageIndex.objects.filter(within_q("area_id", code)).aggregate(
        villages=Count("pk"),
        mean=Avg("score"),
        max=Max("score"),
        tinggi=Count("pk", filter=Q(level="tinggi")),
        sedang=Count("pk", filter=Q(level="sedang")),
        rendah=Count("pk", filter=Q(level="rendah")),
    )


@reading_from_replica()
def history(code: str) -> list[VillageIndexHistory]:
    return list(VillageIndexHistory.objects.filter(area_id=code).order_by("-on")[:HISTORY_DAYS])
