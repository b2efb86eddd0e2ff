"""The coverage planner's ranking for an area in the caller's scope."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query

from sinergi.accounts import access as account_access
from sinergi.areas.codes import CODE_REGEX
from sinergi.areas.models import Area
from sinergi.areas.schemas import ErrorOut
from sinergi.dashboards import planner
from sinergi.early_warning.access import can_follow_issues
from sinergi.platform.api import LIMIT, OFFSET, page

router = Router(tags=["dashboards"])


class CoverageRowOut(Schema):
    area: str = Field(validation_alias="code")
    name: str
    score: float
    level: str
    days_since_engagement: int = Field(validation_alias="days")
    last_engagement: dt.date | None = Field(validation_alias="last")
    priority: float


class CoveragePageOut(Schema):
    area: str
    cap_days: int
    count: int
    limit: int
    offset: int
    items: list[CoverageRowOut]


@router.get(
    "",
    response={200: CoveragePageOut, 404: ErrorOut},
    summary="Villages of an area by vulnerability x days since the last engagement",
)
def coverage(
    request: HttpRequest,
    area: str = Query(..., pattern=CODE_REGEX),
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> CoveragePageOut:
    # the planner's own rule: analysts and leaders, inside their areas (dashboards/views.py)
    allowed = can_follow_issues(request.user) and account_access.scope_of(request.user).covers(area)
    if not allowed or not Area.objects.filter(code=area).exists():
        raise HttpError(404, "No area with this code in your areas.")
    rows = planner.ranking([area])
    return page(CoveragePageOut, rows, limit, offset, area=area, cap_days=planner.CAP_DAYS)
