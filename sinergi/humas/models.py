"""Press releases written from verified activities, through an editor before they go out."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.areas.models import Area
from sinergi.engagement.models import Activity, ActivityPhoto
from sinergi.platform.timeline import TimelineEvent
from sinergi.units.models import Unit


class Release(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIEW = "review", _("Menunggu editor")
        APPROVED = "approved", _("Disetujui editor")
        PUBLISHED = "published", _("Terbit")

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, null=True, blank=True, related_name="releases"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # the activity's area: who may see the draft is decided by it, as everywhere
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    headline = models.CharField(_("judul"), max_length=200)
    dateline = models.CharField(_("dateline"), max_length=80)
    body = models.TextField(_("isi"))
    slug = models.SlugField(max_length=80, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # With photos attached the editor must confirm that no minor's face is recognisable.
    minors_checked = models.BooleanField(_("wajah anak sudah diperiksa"), default=False)
    # A text that quotes an aspiration of a non-public category waits for the editor's explicit
    # confirmation (cases/disclosure.py); returning the release to the writer clears it.
    confidential_confirmed = models.BooleanField(
        _("kutipan aspirasi rahasia disetujui editor"), default=False
    )
    writer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        verbose_name = _("rilis")
        verbose_name_plural = _("rilis")
        indexes = [models.Index(fields=["status", "-published_at"], name="release_published")]

    def __str__(self) -> str:
        return self.headline

    @property
    def has_photos(self) -> bool:
        return self.photos.exists()


class ReleasePhoto(models.Model):
    """A photo of the activity chosen for the release, with the caption it is published under."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="photos")
    photo = models.ForeignKey(ActivityPhoto, on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("keterangan foto"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["release", "photo"], name="release_photo_once")
        ]

    def __str__(self) -> str:
        return self.caption


class ReleaseEvent(TimelineEvent):
    """One step of the editorial flow, with who took it."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=10, choices=Release.Status.choices)

    def __str__(self) -> str:
        return f"{self.release_id} {self.status}"
