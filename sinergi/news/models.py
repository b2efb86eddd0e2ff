"""A file of press releases being read into activities, line by line, by the task worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy


class ImportJob(models.Model):
    class Status(models.TextChoices):
        # a context of their own: a case "Selesai" is resolved, a file read is done
        QUEUED = "queued", pgettext_lazy("import", "Menunggu")
        RUNNING = "running", pgettext_lazy("import", "Berjalan")
        DONE = "done", pgettext_lazy("import", "Selesai")
        FAILED = "failed", pgettext_lazy("import", "Gagal")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    # the uploaded JSONL, kept until read (a few MB at most: see NEWS_IMPORT_MAX_BYTES)
    content = models.TextField()
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)  # lines read so far: a rerun resumes here
    created = models.PositiveIntegerField(default=0)
    repeated = models.PositiveIntegerField(default=0)
    # one row per line that did not become an activity: [line, reason]
    skipped = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100
