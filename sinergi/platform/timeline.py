"""The shape every record's history shares (cases, activities, issues, patrols, releases): one
step is what happened (each model's own ``kind`` choices), who did it, when, what they wrote and
the facts of it. Written only by the owning app's services; read as the record's timeline.

One rule for what a step's message keeps: its words without surrounding space, at most
MESSAGE_MAX characters, cut here when the step is saved (the forms say their own, smaller
limits to the people typing; a chat message or an API body may be longer)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

MESSAGE_MAX = 5000


class TimelineEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.message = (self.message or "").strip()[:MESSAGE_MAX]
        super().save(*args, **kwargs)
