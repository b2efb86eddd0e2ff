"""One case model for every voice a citizen raises, with its timeline and its reporters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from sinergi.areas.models import Area
from sinergi.cases import catalogue
from sinergi.platform.timeline import TimelineEvent


class Category(models.Model):
    """What a case is about, within its kind: decides privacy and the SLA at each tier."""

    class Kind(models.TextChoices):
        ASPIRASI = "aspirasi", _("Aspirasi / keluhan kamtibmas")
        PATROLI = "patroli", _("Permintaan patroli")
        PENGAMANAN = "pengamanan", _("Permohonan pengamanan kegiatan")
        INFORMASI = "informasi", _("Laporan informasi")
        HOAKS = "hoaks", _("Laporan hoaks")
        PELAYANAN = "pelayanan", _("Pengaduan pelayanan")

    class Privacy(models.TextChoices):
        # the case may be shown publicly (without the reporter); the reporter is seen by handlers
        PUBLIC = "public", _("Publik (tanpa identitas pelapor)")
        # only handlers see the case at all
        CONFIDENTIAL = "confidential", _("Rahasia, hanya petugas yang menangani")
        # even handlers see the reporter only after a leader approves, and that is logged
        WITHHELD = "withheld", _("Identitas pelapor ditahan kecuali disetujui pimpinan")

    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    privacy = models.CharField(_("kerahasiaan"), max_length=12, choices=Privacy.choices)
    # Hours the owning tier has before the case moves one tier up: village, district, regency,
    # province (the last one has no tier above; its breach only flags the case).
    sla_hours = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")

    def __str__(self) -> str:
        # the default names are in the catalogue (translated); one an admin typed stays as typed
        return catalogue.label(self.name)

    def sla_for(self, level: int) -> int:
        """SLA hours at a tier (Area.Level 4 village … 1 province)."""
        hours = list(self.sla_hours) or [72, 72, 120, 168]
        return int(hours[min(4 - level, len(hours) - 1)])


class CaseQuerySet(models.QuerySet["Case"]):
    def public(self) -> CaseQuerySet:
        """Cases whose public part may be shown to anyone (never a merged duplicate)."""
        return self.filter(category__privacy=Category.Privacy.PUBLIC).exclude(
            status=Case.Status.DIGABUNG
        )


class Case(models.Model):
    class Status(models.TextChoices):
        BARU = "baru", _("Baru")
        DITERIMA = "diterima", _("Diterima")
        DITANGANI = "ditangani", _("Ditangani")
        SELESAI = "selesai", _("Selesai")
        DIRUJUK = "dirujuk", _("Dirujuk ke instansi lain")
        DIGABUNG = "digabung", _("Digabung")
        DITOLAK = "ditolak", _("Ditolak")

    class Channel(models.TextChoices):
        WEB = "web", _("Formulir web")
        OFFICER = "officer", _("Dicatat petugas")
        API = "api", _("API")
        OPEN311 = "open311", _("Open311")
        WHATSAPP = "whatsapp", _("WhatsApp")
        TELEGRAM = "telegram", _("Telegram")
        SMS = "sms", _("SMS")

    tracking_code = models.CharField(_("kode lacak"), max_length=13, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Category.Kind.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="cases")
    # Where it happened (a village) and which tier forum owns it now (the village, or above).
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    owner_area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BARU
    )
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    description = models.TextField(_("uraian"))
    # Kind-specific facts: patrol spot and time window, event name/date/crowd, hoax link.
    details = models.JSONField(_("rincian"), default=dict, blank=True)
    place = models.CharField(_("lokasi/tempat"), max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    photo = models.ImageField(_("foto"), upload_to="cases/%Y/%m/", blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # what the keyed request asked for (a hash): the same key with another body is refused
    intake_digest = models.CharField(max_length=64, blank=True, default="", db_default="")
    support_count = models.PositiveIntegerField(default=1)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged"
    )
    # Set at intake when an earlier case looks like the same problem; the inbox flags it.
    duplicate_hint = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalate_at = models.DateTimeField(null=True, blank=True)
    # A referred case: the day the reporter is asked whether the agency acted, and when they were
    follow_up_on = models.DateField(_("tanya tindak lanjut"), null=True, blank=True)
    follow_up_asked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        indexes = [
            models.Index(fields=["escalate_at"], name="case_escalate_at"),
            models.Index(fields=["owner_area", "status", "created_at"], name="case_owner_status"),
            models.Index(fields=["area", "created_at"], name="case_area_created"),
            # the inbox's "newest first": a backward walk stops after one page of matches
            models.Index(fields=["-created_at", "-id"], name="case_newest"),
            models.Index(fields=["follow_up_on"], name="case_follow_up_on"),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.BARU, self.Status.DITERIMA, self.Status.DITANGANI}


class Reporter(models.Model):
    """Who raised a case: kept apart from it, shown only to those handling the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reporters")
    anonymous = models.BooleanField(_("anonim"), default=False)
    name = models.CharField(_("nama"), max_length=120, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    # the phone as the SMS gateway writes it (+62…): a lost code is found by it (indexed)
    phone_key = models.CharField(
        max_length=16, blank=True, default="", db_default="", db_index=True
    )
    email = models.EmailField(_("surel"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who filed by chat: a pseudonymous contact (messaging.ChatContact), never the number itself.
    # It is part of the reporter, so it is hidden exactly as the reporter is (access.py).
    chat_contact = models.ForeignKey(
        "messaging.ChatContact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporters",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(Upper("email"), name="reporter_email_upper")]

    def __str__(self) -> str:
        return f"pelapor #{self.pk}"

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.email or self.chat_contact_id)


class CaseEvent(TimelineEvent):
    """One step of a case: its history, the audit trail and the dashboards' raw data."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Laporan diterima sistem")
        TAKEN = "taken", _("Diambil petugas")
        REPLIED = "replied", _("Balasan")
        NOTED = "noted", _("Catatan internal")
        STATUS = "status", _("Status berubah")
        ESCALATED = "escalated", _("Dinaikkan ke tingkat atas")
        REFERRED = "referred", _("Dirujuk")
        MERGED = "merged", _("Digabung")
        REOPENED = "reopened", _("Dibuka kembali")
        IDENTITY_RELEASED = "id_released", _("Identitas pelapor dibuka atas persetujuan pimpinan")
        FEEDBACK = "feedback", _("Penilaian pelapor")
        FOLLOW_UP = "follow_up", _("Pelapor ditanya tindak lanjut rujukan")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    public = models.BooleanField(default=False)

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["case", "at"], name="caseevent_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"
