"""Shared makers for tests that need an issue on record, as an analyst or a leader opens one, a
case dated days before DAY (the village index's day), or the API as a user with a token."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from django.test import Client
from django.utils import timezone

from conftest import VILLAGE_A
from sinergi.accounts.models import User
from sinergi.accounts.services import api_token_create
from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category
from sinergi.early_warning import services
from sinergi.early_warning.models import Issue

# The day the index tests score on; case() and at() count days back from it.
DAY = dt.date(2026, 11, 20)
_codes = count(1)


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


def api(user: User) -> Client:
    """A client of the API signed with a fresh token of `user`."""
    _, key = api_token_create(user=user, name="analisis")
    return Client(headers={"Authorization": f"Bearer {key}"})


def at(days_before: int) -> dt.datetime:
    """Noon, `days_before` days before DAY."""
    noon = dt.datetime.combine(DAY - dt.timedelta(days=days_before), dt.time(12))
    return timezone.make_aware(noon)


def case(slug: str, days_before: int, *, village: str = VILLAGE_A, **fields: Any) -> Case:
    """A case of `slug` in village A unless told otherwise, created `days_before` days before DAY
    (`owner` is its owner area, the village by default; other `fields` go to the row)."""
    category = Category.objects.get(slug=slug)
    made = Case.objects.create(
        tracking_code=f"SNG-TEST-{next(_codes):04d}",
        kind=category.kind,
        category=category,
        area_id=village,
        owner_area_id=fields.pop("owner", village),
        channel=Case.Channel.WEB,
        description="uji",
        **fields,
    )
    Case.objects.filter(pk=made.pk).update(created_at=at(days_before))
    return made
