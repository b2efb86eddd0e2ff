"""A file of press releases being read into activities, line by line, by the task worker."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy


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
    # one row per line that did not become an activity: [line, message, values], the message
    # untranslated (news/services.py, LineSkippedError); shown by skip_reasons. Rows of older
    # jobs are [line, reason] as it was said then.
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

    @property
    def skip_reasons(self) -> list[tuple[int, str]]:
        """Each line left out with why, in the reader's language: the message translated now
        and its values put in; a day as the reader writes dates, a list of what could not be
        read in the reader's words."""
        reasons = []
        for line, message, *rest in self.skipped:
            values = rest[0] if rest and isinstance(rest[0], dict) else {}
            shown = {name: _shown(name, value) for name, value in values.items()}
            text = gettext(message)
            reasons.append((line, text % shown if shown else text))
        return reasons


def _shown(name: str, value: object) -> object:
    if name == "day" and isinstance(value, str):
        return date_format(date.fromisoformat(value), "j F Y")
    if isinstance(value, list):
        return ", ".join(gettext(str(v)) for v in value)
    return value
