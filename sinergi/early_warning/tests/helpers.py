"""Shared makers for tests that need an issue on record, as an analyst or a leader opens one."""

from __future__ import annotations

from typing import Any

from conftest import VILLAGE_A
from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.early_warning import services
from sinergi.early_warning.models import Issue


def issue_in(
    by: User, title: str, category: str, *, severity: int, area: str = VILLAGE_A, **more: Any
) -> Issue:
    """An issue opened by `by` in village A unless told otherwise (`more` goes to `issue_open`:
    the source's reliability, the credibility, a description…)."""
    return services.issue_open(
        by=by,
        title=title,
        category=category,
        severity=severity,
        area=Area.objects.get(code=area),
        **more,
    )
