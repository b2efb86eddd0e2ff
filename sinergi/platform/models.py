"""Counters of the public rate limits (one row per client, rule and minute)."""

from django.db import models


class RateCount(models.Model):
    """How many requests a client made under one rule in one minute; pruned after an hour."""

    key = models.CharField(max_length=120, unique=True)  # rule:client:minute
    count = models.PositiveIntegerField(default=0)
    minute = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "home_ratecount"  # made by the home app before the platform had its own

    def __str__(self) -> str:
        return f"{self.key} {self.count}"
