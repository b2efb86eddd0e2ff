"""Which tier owns a case: the village's Tiga Pilar first, then one tier up at a time."""

from __future__ import annotations

from sinergi.areas.models import Area
from sinergi.units.forums import forum_members


def tier_above(area: Area) -> Area | None:
    """Village → district → regency → province; None above the province."""
    return area.parent


def lowest_seated(area: Area) -> Area | None:
    """The area itself or its nearest ancestor whose tier forum has someone seated; None when
    nobody is seated anywhere up to the province (the case stays where it is, on the staffing
    gap list). Two queries for the whole chain, a third to read the tier it moves to."""
    codes = [area.code, *reversed(area.ancestor_codes())]  # village, district, regency, province
    seated = forum_members(codes)
    code = next((c for c in codes if seated.get(c)), None)
    if code is None or code == area.code:
        return None if code is None else area
    return Area.objects.get(code=code)
