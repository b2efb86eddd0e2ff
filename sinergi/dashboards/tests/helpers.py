"""Shared pieces of the dashboards' tests, whose cases are dated days before the index's DAY."""

from __future__ import annotations

from django.utils import timezone

from sinergi.early_warning.tests.helpers import DAY


def today() -> int:
    """For case(): the days before DAY that make today (tests run on any later date too)."""
    return (DAY - timezone.localdate()).days
