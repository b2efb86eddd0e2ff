"""Which tier owns a case: the village's Tiga Pilar first, then one tier up at a time."""

from __future__ import annotations

from sinergi.areas.models import Area


def tier_above(area: Area) -> Area | None:
    """Village → district → regency → province; None above the province."""
    return area.parent
