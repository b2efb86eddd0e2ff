"""The shape every record's history shares (cases, activities, issues, patrols, releases): one
step is what happened (each model's own ``kind`` choices), who did it, when, what they wrote and
the facts of it. Written only by the owning app's services; read as the record's timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
