"""Shared makers for tests that need a report filed the way a citizen files one."""

from __future__ import annotations

from typing import Any

from conftest import VILLAGE_A
from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category
from sinergi.cases.services import ReporterIn, Submitted, case_submit


def file_web(
    *,
    description: str = "Balap liar.",
    village: str = VILLAGE_A,
    slug: str = "balap-liar",
    reporter: ReporterIn | None = None,
    **more: Any,
) -> Submitted:
    """A report filed through the web form's service: a "balap liar" in village A, from an
    anonymous citizen, unless told otherwise (`more` goes to `case_submit` as it is)."""
    return case_submit(
        category=Category.objects.get(slug=slug),
        area=Area.objects.get(code=village),
        description=description,
        channel=Case.Channel.WEB,
        reporter=reporter or ReporterIn(),
        **more,
    )
