"""Issues (isu) and hoaxes, alerts, the election calendar, and the village vulnerability index."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.early_warning.catalogue import (
    Credibility,
    ElectionKind,
    IndexLevel,
    IssueCategory,
    IssueStatus,
    SourceReliability,
)
from sinergi.engagement.models import Activity
from sinergi.platform.timeline import TimelineEvent


class Issue(models.Model):
    """A potential threat followed over time: where, how serious, how sure, what is being done."""

    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    category = models.CharField(_("kategori"), max_length=20, choices=IssueCategory.choices)
    tags = models.JSONField(_("label"), default=list, blank=True)  # e.g. ["pilkada"]
    severity = models.PositiveSmallIntegerField(
        _("tingkat keparahan"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    source = models.CharField(_("sumber"), max_length=200, blank=True)
    source_reliability = models.CharField(
        _("keandalan sumber"),
        max_length=1,
        choices=SourceReliability.choices,
        default=SourceReliability.F,
    )
    credibility = models.CharField(
        _("kebenaran informasi"),
        max_length=1,
        choices=Credibility.choices,
        default=Credibility.UNKNOWN,
    )
    # The area the issue is followed from (whose leaders own it); every affected area in `areas`.
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    areas = models.ManyToManyField(Area, related_name="issues", blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.DIPANTAU
    )
    # The tier (Area.Level) at which the issue was contained, when status is "terlokalisir".
    localised_level = models.PositiveSmallIntegerField(
        _("terlokalisir di tingkat"), choices=Area.Level.choices, null=True, blank=True
    )
    cases = models.ManyToManyField(Case, related_name="issues", blank=True)
    activities = models.ManyToManyField(Activity, related_name="issues", blank=True)
    # Hoaxes: the clarification shown on the public page and sent to partners.
    clarification = models.TextField(_("klarifikasi"), blank=True)
    clarification_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("isu")
        verbose_name_plural = _("isu")
        indexes = [
            models.Index(fields=["area", "status"], name="issue_area_status"),
            models.Index(fields=["category", "created_at"], name="issue_category_created"),
        ]

    def __str__(self) -> str:
        return self.title


class IssueEvent(TimelineEvent):
    """One step of an issue: opened, graded, status changed, cases linked, clarification out."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Dibuka")
        UPDATED = "updated", _("Diperbarui")
        GRADED = "graded", _("Penilaian diubah")
        ALERTED = "alerted", _("Pimpinan dan analis diberi tahu")
        STATUS = "status", _("Status berubah")
        LINKED = "linked", _("Laporan/kegiatan dikaitkan")
        CLARIFIED = "clarified", _("Klarifikasi diterbitkan")
        COUNTER_SENT = "counter", _("Pesan kontra dikirim ke mitra")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    def __str__(self) -> str:
        return f"{self.issue_id} {self.kind}"


class Alert(models.Model):
    """A spike of cases or issues of one category in one area against that area's own baseline,
    or a new or raised issue of high severity (source "severe", with its issue).

    `key` makes an alert fire once: the sweep writes it with get_or_create on the key.
    """

    class Source(models.TextChoices):
        CASES = "cases", _("Laporan")
        ISSUES = "issues", _("Isu")
        SEVERE = "severe", _("Isu keparahan tinggi")

    key = models.CharField(max_length=120, unique=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=6, choices=Source.choices)
    category = models.CharField(_("kategori"), max_length=40)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    count = models.PositiveIntegerField(_("jumlah"))
    baseline = models.FloatField(_("rata-rata biasa"))
    threshold = models.FloatField(_("ambang"))
    # as it was raised, in Indonesian: the messages' text and the API's
    explanation = models.TextField(_("penjelasan"))
    # the numbers and names the explanation is made of, so a page says it in its reader's
    # language (`text`); empty for an alert raised before they were kept
    facts = models.JSONField(default=dict, blank=True)
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["area", "created_at"], name="alert_area_created")]

    def __str__(self) -> str:
        return self.key

    def text(self) -> str:
        """The explanation in the active language (templates/messages/early_warning/)."""
        if not self.facts:
            return self.explanation
        name = "severe" if self.source == self.Source.SEVERE else "spike"
        return render_to_string(
            f"messages/early_warning/{name}_text.txt",
            {
                "alert": self,
                "facts": self.facts,
                "weeks": ", ".join(str(n) for n in self.facts.get("weeks", [])),
                # the villages whose index moved beyond the ones named
                "more": int(self.facts.get("moved", 0)) - len(self.facts.get("moves", [])),
            },
        ).strip()


class Election(models.Model):
    """A Pilkada, Pemilu or Pilkades held over an area (none: nationwide)."""

    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=8, choices=ElectionKind.choices)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vote_on = models.DateField(_("hari pemungutan suara"))

    class Meta:
        ordering = ["vote_on", "pk"]

    def __str__(self) -> str:
        return self.name


class ElectionStage(models.Model):
    """A stage of an election (campaign, quiet days, voting, counting …) and how tense it runs.

    `intensity` (0–1) is what the index's political dimension reads while the stage is on.
    """

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("tahapan"), max_length=120)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    intensity = models.FloatField(
        _("intensitas"), validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )

    class Meta:
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["starts_on", "ends_on"], name="stage_dates")]

    def __str__(self) -> str:
        return f"{self.election} – {self.name}"


class VillageIndex(models.Model):
    """The current Indeks Kerawanan Kamtibmas Desa of one village, with its explanation.

    `parts` maps each indicator to its points; they sum to `score` (0–100).
    """

    area = models.OneToOneField(
        Area, on_delete=models.PROTECT, primary_key=True, related_name="vulnerability"
    )
    score = models.FloatField(_("skor"))
    level = models.CharField(_("tingkat"), max_length=6, choices=IndexLevel.choices)
    parts = models.JSONField(default=dict)
    version = models.CharField(max_length=20)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["-score"], name="village_index_score")]

    def __str__(self) -> str:
        return f"{self.area_id} {self.score:.1f}"


class VillageIndexHistory(models.Model):
    """One score per village per day it was computed (a later run the same day replaces it)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    on = models.DateField()
    score = models.FloatField()
    level = models.CharField(max_length=6, choices=IndexLevel.choices)
    version = models.CharField(max_length=20)

    class Meta:
        ordering = ["area", "on"]
        constraints = [
            models.UniqueConstraint(fields=["area", "on"], name="village_index_history_once_a_day")
        ]
        indexes = [models.Index(fields=["on"], name="village_index_history_on")]

    def __str__(self) -> str:
        return f"{self.area_id} {self.on} {self.score:.1f}"
