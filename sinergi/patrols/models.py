"""Hotspots from patrol requests, patrol plans over them, and the evidence that they were done."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.platform.timeline import TimelineEvent
from sinergi.units.models import Unit


class Hotspot(models.Model):
    """A crime-prone spot ("tempat rawan"): patrol requests clustered by place, or added by hand."""

    class Source(models.TextChoices):
        REQUESTS = "requests", _("Dari permintaan warga")
        MANUAL = "manual", _("Ditambahkan pimpinan")

    # the village the spot lies in: what scoping and the Polsek's list go by
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("nama tempat"), max_length=200)
    # fold(name): the "same named spot" key within a village
    name_key = models.CharField(max_length=200, db_index=True)
    latitude = models.FloatField(_("lintang"), null=True, blank=True)
    longitude = models.FloatField(_("bujur"), null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.REQUESTS)
    # the requested times, merged: ["22:00-02:00", "malam minggu"]
    time_windows = models.JSONField(_("waktu rawan"), default=list, blank=True)
    request_count = models.PositiveIntegerField(default=0)
    incident_count = models.PositiveIntegerField(default=0)
    last_request_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(default=0.0, db_index=True)
    note = models.TextField(_("catatan"), blank=True)
    last_patrolled_at = models.DateTimeField(null=True, blank=True)
    # a spot found to be the same as another: its requests, stops and check-ins moved there
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("titik rawan")
        verbose_name_plural = _("titik rawan")
        indexes = [models.Index(fields=["area", "name_key"], name="hotspot_area_name")]

    def __str__(self) -> str:
        return self.name


class HotspotRequest(models.Model):
    """A patrol request (a case of kind patroli) counted in a hotspot; told once when patrolled."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="requests")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="hotspot_link")
    notified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.hotspot_id} ← {self.case_id}"


class PatrolPlan(models.Model):
    """A Polsek's patrol: a route of hotspots, on some weekdays between two dates, in a time
    window, by assigned officers."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # the district (the Polsek's area) the plan belongs to: scoping goes by it
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("nama patroli"), max_length=160)
    starts_on = models.DateField(_("mulai tanggal"))
    ends_on = models.DateField(_("sampai tanggal"))
    # 0 = Monday … 6 = Sunday (date.weekday())
    weekdays = models.JSONField(_("hari"), default=list)
    time_start = models.TimeField(_("jam mulai"))
    time_end = models.TimeField(_("jam selesai"))
    # the Polri officers, and the other pillars patrolling with them (Babinsa, Kades, Satpol PP)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="patrol_plans")
    # the promise this patrol keeps ("patroli rutin setiap hari"): its check-ins are the evidence
    commitment = models.ForeignKey(
        "engagement.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="patrol_plans",
        verbose_name=_("komitmen yang dipenuhi"),
    )
    hotspots = models.ManyToManyField(Hotspot, through="PatrolStop", related_name="plans")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("rencana patroli")
        verbose_name_plural = _("rencana patroli")

    def __str__(self) -> str:
        return self.title


class PatrolStop(models.Model):
    plan = models.ForeignKey(PatrolPlan, on_delete=models.CASCADE, related_name="stops")
    hotspot = models.ForeignKey(Hotspot, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "hotspot"], name="patrolstop_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}#{self.order}"


class CheckIn(models.Model):
    """Evidence of a visit: where the officer's phone was, when, optionally a photo and a note."""

    class Review(models.TextChoices):
        NONE = "", _("Belum diperiksa")
        ACCEPTED = "accepted", _("Diterima pimpinan")
        REJECTED = "rejected", _("Ditolak pimpinan")

    plan = models.ForeignKey(PatrolPlan, on_delete=models.PROTECT, related_name="checkins")
    hotspot = models.ForeignKey(Hotspot, on_delete=models.PROTECT, related_name="checkins")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    accuracy_m = models.FloatField(null=True, blank=True)
    distance_m = models.FloatField(null=True, blank=True)
    # when the phone took the position (sent later when there was no signal); `at` is arrival
    taken_at = models.DateTimeField(_("waktu di lokasi"), null=True, blank=True)
    # the phone's key for this check-in: a resend returns the first one
    client_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # too far from the spot, or no position: kept, shown to the leader, not counted as patrolled
    flagged = models.BooleanField(default=False)
    # a leader's review of a flagged check-in: accepted, it counts (and tells the requesters)
    review = models.CharField(max_length=8, choices=Review.choices, default="", blank=True)
    review_note = models.TextField(_("alasan"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    photo = models.ImageField(upload_to="patrols/%Y/%m/", blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["plan", "at"], name="checkin_plan_at"),
            models.Index(fields=["flagged", "review"], name="checkin_to_review"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}@{self.hotspot_id}"

    @property
    def when(self) -> datetime:
        """The moment on the spot: the phone's time when it was taken offline, else arrival."""
        return self.taken_at or self.at

    @property
    def counts(self) -> bool:
        return not self.flagged or self.review == self.Review.ACCEPTED


class PatrolEvent(TimelineEvent):
    """One step of a hotspot or plan: the audit trail and the figures' raw data."""

    class Kind(models.TextChoices):
        HOTSPOT_ADDED = "hotspot_added", _("Titik rawan ditambahkan")
        PLANNED = "planned", _("Patroli direncanakan")
        CHECKED_IN = "checked_in", _("Petugas hadir di titik")
        FLAGGED = "flagged", _("Kehadiran ditandai: jauh dari titik")
        NOTIFIED = "notified", _("Pemohon diberi tahu: sudah dipatroli")
        ACCEPTED = "accepted", _("Kehadiran ditandai diterima pimpinan")
        REJECTED = "rejected", _("Kehadiran ditandai ditolak pimpinan")
        MOVED = "moved", _("Titik rawan dipindahkan")
        MERGED = "merged", _("Titik rawan digabungkan")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    plan = models.ForeignKey(PatrolPlan, on_delete=models.CASCADE, null=True, related_name="events")
    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, null=True, related_name="events")

    def __str__(self) -> str:
        return self.kind


class EventRequest(models.Model):
    """A request to secure a community event (a case of kind pengamanan), decided by the
    command of its scale: review → approved / declined → reported after the event."""

    class Status(models.TextChoices):
        REVIEW = "review", _("Ditinjau")
        APPROVED = "approved", _("Disetujui")
        DECLINED = "declined", _("Ditolak")
        REPORTED = "reported", _("Selesai dilaporkan")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="event_request")
    # copied from the case at intake; the case stays the single record the citizen follows
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    event_name = models.CharField(_("nama kegiatan"), max_length=150)
    organiser = models.CharField(_("penyelenggara"), max_length=150, blank=True)
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    event_date = models.DateField(_("tanggal kegiatan"), null=True, blank=True)
    event_time = models.CharField(_("waktu"), max_length=40, blank=True)
    crowd_size = models.PositiveIntegerField(_("perkiraan peserta"), null=True, blank=True)
    reach = models.CharField(_("lingkup"), max_length=12, blank=True)
    # the level that decides (Area.Level: 3 Kapolsek, 2 Kapolres, 1 Kapolda), from scale.py
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Area.Level.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REVIEW)
    checklist = models.JSONField(_("kelengkapan dokumen"), default=dict, blank=True)
    conditions = models.TextField(_("syarat"), blank=True)
    decline_reason = models.TextField(_("alasan penolakan"), blank=True)
    # {"officers": 40, "units": {"Sabhara": 20}, "koramil": true, "satpol_pp": true, "note": "",
    #  "people": [{"rank": "Aipda", "name": "Agus", "nrp": "", "duty": "Pintu masuk"}]}
    personnel = models.JSONField(_("rencana personel"), default=dict, blank=True)
    report = models.TextField(_("laporan pasca kegiatan"), blank=True)
    actual_attendance = models.PositiveIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event_date", "pk"]
        verbose_name = _("permohonan pengamanan")
        verbose_name_plural = _("permohonan pengamanan")

    def __str__(self) -> str:
        return self.event_name


class EventAttachment(models.Model):
    """A document of an event request (the organiser's letter, a permit, the venue's consent):
    a PDF, or a photo re-encoded without its metadata. Served only through the request's door."""

    request = models.ForeignKey(EventRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="events/%Y/%m/")
    name = models.CharField(_("nama berkas"), max_length=120)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name
