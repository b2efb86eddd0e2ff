"""Partners, activities, and what was heard and promised at them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.engagement.catalogue import ActivityType, PartnerKind
from sinergi.platform.timeline import TimelineEvent
from sinergi.units.models import Unit


class Partner(models.Model):
    """A tokoh, an organisation or forum, or a place (a mosque, a balai) in one village.

    Name and kind are shared with the units working there; the contact fields are personal data,
    shown only to officials whose areas cover the village, and each view is recorded.
    """

    kind = models.CharField(_("jenis"), max_length=20, choices=PartnerKind.choices)
    name = models.CharField(_("nama"), max_length=160)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        _("peran/jabatan"), max_length=120, blank=True, help_text=_("mis. Ketua FKUB, imam masjid")
    )
    address = models.CharField(_("alamat"), max_length=200, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    note = models.TextField(_("catatan"), blank=True)
    # Kept by activity_report: what coverage and the registry list show without a join.
    last_engaged_on = models.DateField(_("keterlibatan terakhir"), null=True, blank=True)
    last_engaged_subject = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        indexes = [models.Index(fields=["area", "kind"], name="partner_area_kind")]

    def __str__(self) -> str:
        return self.name

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.email or self.address)


class Activity(models.Model):
    """One engagement: planned on a unit's calendar, reported after, verified by its leader."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        REPORTED = "reported", _("Dilaporkan")
        VERIFIED = "verified", _("Diverifikasi")
        CANCELLED = "cancelled", _("Dibatalkan")
        # a leader sent the report back with a note; the officer corrects and resubmits it
        RETURNED = "returned", _("Dikembalikan untuk perbaikan")

    class Source(models.TextChoices):
        OFFICER = "officer", _("Dicatat petugas")
        RELEASE = "release", _("Rilis berita eksternal")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis kegiatan"), max_length=20, choices=ActivityType.choices)
    # further types the same event was (a Jumat Curhat that was also a bakti sosial)
    extra_kinds = models.JSONField(default=list, blank=True)
    programs = models.JSONField(_("program"), default=list, blank=True)
    title = models.CharField(_("judul"), max_length=200)
    # Where: a village for field work; a district or regency for a meeting at the Polres.
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    place = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_at = models.DateTimeField(_("waktu rencana"), null=True, blank=True)
    held_at = models.DateTimeField(_("waktu pelaksanaan"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("jumlah peserta"), null=True, blank=True)
    # Officials present as named in the record: [{"name", "rank", "position"}]
    officials = models.JSONField(default=list, blank=True)
    partners = models.ManyToManyField(Partner, blank=True, related_name="activities")
    # Groups present without names: ["warga", "tokoh_agama"]
    partner_groups = models.JSONField(default=list, blank=True)
    topics = models.JSONField(_("pesan kamtibmas"), default=list, blank=True)
    minutes = models.TextField(_("notulen / ringkasan"), blank=True)
    # What a release says citizens asked, as read: [{"text", "who"}]. Each may be filed as a case
    # by a handler of the area (services.release_request_file); the release's asker is not the
    # case's reporter (they never reported it), so it is filed without one.
    release_requests = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.OFFICER)
    source_url = models.URLField(_("alamat rilis"), max_length=500, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # the leader's note of the last return for correction (the timeline keeps every one)
    correction_note = models.TextField(_("catatan perbaikan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_at", "-planned_at", "-pk"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        indexes = [
            # coverage: the last engagement per village, in an area's code range
            models.Index(fields=["area", "held_at"], name="activity_area_held"),
            models.Index(fields=["unit", "planned_at"], name="activity_unit_planned"),
            models.Index(fields=["kind", "status", "planned_at"], name="activity_schedule"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> object:
        return self.held_at or self.planned_at

    @property
    def done(self) -> bool:
        return self.status in {self.Status.REPORTED, self.Status.VERIFIED}

    @property
    def leading_official(self) -> dict[str, str]:
        return dict(self.officials[0]) if self.officials else {}


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="activities/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.image.name)


class Aspiration(models.Model):
    """A case heard at an activity: the case lives in cases, this is the link back."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="aspirations")
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="aspiration")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.activity_id} → {self.case_id}"


class Commitment(models.Model):
    """A promise an official made at an activity, followed until it is kept."""

    class Status(models.TextChoices):
        OPEN = "open", _("Berjalan")
        DONE = "done", _("Ditepati")
        DROPPED = "dropped", _("Dibatalkan")
        # read from a release after its term had passed: a record of what was said, not a
        # promise that is late (never "lewat tenggat", never an overdue notice)
        HISTORIC = "historic", _("Riwayat")

    class Recurrence(models.TextChoices):
        ONCE = "", _("Sekali")
        DAILY = "daily", _("Setiap hari")
        WEEKLY = "weekly", _("Setiap minggu")

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="commitments")
    # the activity's area, copied so the public board reads one indexed column
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("janji"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # who promised, as said at the activity ("Kapolsek Bontang Utara")
    owner_label = models.CharField(_("yang berjanji"), max_length=160, blank=True)
    due_on = models.DateField(_("tenggat"))
    # a promise kept again and again ("patroli setiap hari", "rutin"): read from its text
    recurrence = models.CharField(
        _("pengulangan"), max_length=6, choices=Recurrence.choices, blank=True, default=""
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    # the closing note: what was done (kept) or why it was dropped
    evidence = models.TextField(_("bukti pelaksanaan"), blank=True)
    # a recurring promise: the share of its days (weeks) with evidence, when it was closed
    evidence_rate = models.FloatField(null=True, blank=True)
    evidence_photo = models.ImageField(upload_to="commitments/%Y/%m/", blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("komitmen")
        verbose_name_plural = _("komitmen")
        indexes = [
            models.Index(fields=["area", "due_on"], name="commitment_area_due"),
            models.Index(fields=["status", "due_on"], name="commitment_status_due"),
        ]

    def __str__(self) -> str:
        return self.text


class CommitmentEvidence(models.Model):
    """One piece of evidence that a promise was kept: a patrol check-in, a later activity, a case,
    or a document (a PDF or a cleaned photo). ``on`` is the day it shows work was done."""

    class Kind(models.TextChoices):
        CHECKIN = "checkin", _("Kehadiran patroli")
        ACTIVITY = "activity", _("Kegiatan")
        CASE = "case", _("Laporan warga")
        DOCUMENT = "document", _("Dokumen/foto")

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="evidence_items"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    checkin = models.ForeignKey(
        "patrols.CheckIn", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to="commitments/%Y/%m/", blank=True)
    name = models.CharField(_("nama berkas"), max_length=120, blank=True)
    on = models.DateField(_("tanggal"))
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "checkin"],
                name="evidence_checkin_once",
                condition=models.Q(checkin__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["commitment", "activity"],
                name="evidence_activity_once",
                condition=models.Q(activity__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["commitment", "case"],
                name="evidence_case_once",
                condition=models.Q(case__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} {self.kind} {self.on}"


class ActivityEvent(TimelineEvent):
    """One step of an activity (planned, reported, verified, a commitment kept): its history."""

    class Kind(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        REPORTED = "reported", _("Dilaporkan")
        VERIFIED = "verified", _("Diverifikasi")
        CANCELLED = "cancelled", _("Dibatalkan")
        RESCHEDULED = "moved", _("Jadwal diubah")
        RETURNED = "returned", _("Dikembalikan untuk perbaikan")
        RESUBMITTED = "resubmit", _("Diperbaiki dan diajukan lagi")
        EVIDENCE = "evidence", _("Bukti komitmen ditambahkan")
        COMMITMENT_DONE = "kept", _("Komitmen ditepati")
        COMMITMENT_DROPPED = "dropped", _("Komitmen dibatalkan")
        COMMITMENT_OVERDUE = "overdue", _("Komitmen lewat tenggat")
        # a request a release told of, filed as a case (the message names it)
        ASPIRATION_FILED = "asked", _("Aspirasi dari rilis dicatat sebagai kasus")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    def __str__(self) -> str:
        return f"{self.activity_id} {self.kind}"
