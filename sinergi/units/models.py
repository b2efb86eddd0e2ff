from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.areas.models import Area


class Unit(models.Model):
    """A unit of one of the three institutions, serving a set of areas."""

    class Institution(models.TextChoices):
        POLRI = "polri", _("Polri")
        TNI = "tni", _("TNI")
        PEMERINTAH = "pemerintah", _("Pemerintah")

    class Kind(models.TextChoices):
        POLDA = "polda", _("Polda")
        POLRES = "polres", _("Polres")
        POLRESTA = "polresta", _("Polresta")
        POLRESTABES = "polrestabes", _("Polrestabes")
        POLRES_METRO = "polres_metro", _("Polres Metro")
        POLSEK = "polsek", _("Polsek")
        KODAM = "kodam", _("Kodam")
        KODIM = "kodim", _("Kodim")
        KORAMIL = "koramil", _("Koramil")
        PEMPROV = "pemprov", _("Pemerintah Provinsi")
        PEMKAB = "pemkab", _("Pemerintah Kabupaten")
        PEMKOT = "pemkot", _("Pemerintah Kota")
        BAKESBANGPOL = "bakesbangpol", _("Bakesbangpol")
        KECAMATAN = "kecamatan", _("Kecamatan")
        DESA = "desa", _("Pemerintah Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    institution = models.CharField(_("institusi"), max_length=12, choices=Institution.choices)
    kind = models.CharField(_("jenis"), max_length=14, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=160)
    # Set on units the default structure generated, so a second run finds them; null on units
    # added by hand.
    key = models.CharField(max_length=40, unique=True, null=True, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    areas = models.ManyToManyField(Area, through="UnitArea", related_name="units")
    # The tier the unit works at: 1 province … 4 village (as Area.Level).
    tier = models.PositiveSmallIntegerField(_("tingkat"), choices=Area.Level.choices)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["tier", "name"]
        verbose_name = _("satuan")
        verbose_name_plural = _("satuan")
        indexes = [models.Index(fields=["institution", "tier"], name="unit_institution_tier")]

    def __str__(self) -> str:
        return self.name


class UnitArea(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE)
    area = models.ForeignKey(Area, on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "area"], name="unitarea_unique")]
        indexes = [models.Index(fields=["area"], name="unitarea_area")]

    def __str__(self) -> str:
        return f"{self.unit_id} → {self.area_id}"


class PostQuerySet(models.QuerySet["Post"]):
    def active(self) -> PostQuerySet:
        now = timezone.now()
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now), started_at__lte=now)

    def responsible_for(self, area: Area) -> PostQuerySet:
        """Posts naming this area, or whose unit serves it when the post names no areas."""
        return self.filter(
            Q(areas=area) | Q(areas__isnull=True, unit__areas=area),
        ).distinct()


class Post(models.Model):
    """A person's post in a unit: Kapolres of Polres Balangan, Bhabinkamtibmas of villages X, Y."""

    class Title(models.TextChoices):
        KAPOLDA = "kapolda", _("Kapolda")
        KAPOLRES = "kapolres", _("Kapolres")
        KAPOLSEK = "kapolsek", _("Kapolsek")
        KASAT_BINMAS = "kasat_binmas", _("Kasat Binmas")
        BHABINKAMTIBMAS = "bhabinkamtibmas", _("Bhabinkamtibmas")
        PANGDAM = "pangdam", _("Pangdam")
        DANDIM = "dandim", _("Dandim")
        DANRAMIL = "danramil", _("Danramil")
        BABINSA = "babinsa", _("Babinsa")
        GUBERNUR = "gubernur", _("Gubernur")
        BUPATI = "bupati", _("Bupati/Wali Kota")
        KABAN_KESBANGPOL = "kaban_kesbangpol", _("Kepala Bakesbangpol")
        CAMAT = "camat", _("Camat")
        KASI_TRANTIB = "kasi_trantib", _("Kasi Trantib")
        KEPALA_DESA = "kepala_desa", _("Kepala Desa/Lurah")
        HUMAS_WRITER = "humas_writer", _("Penulis Humas")
        HUMAS_EDITOR = "humas_editor", _("Editor Humas")
        ANALYST = "analyst", _("Analis")
        OPERATOR = "operator", _("Operator")

    class Role(models.TextChoices):
        FIELD_OFFICER = "field_officer", _("Petugas lapangan")
        UNIT_LEADER = "unit_leader", _("Pimpinan satuan")
        ANALYST = "analyst", _("Analis")
        HUMAS_WRITER = "humas_writer", _("Penulis Humas")
        HUMAS_EDITOR = "humas_editor", _("Editor Humas")
        ADMIN = "admin", _("Admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(_("jabatan"), max_length=20, choices=Title.choices)
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    # Narrows the post to some of the unit's areas (a Bhabinkamtibmas's villages); empty = all.
    areas = models.ManyToManyField(Area, blank=True, related_name="posts")
    started_at = models.DateTimeField(_("mulai"), default=timezone.now)
    ended_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["unit__tier", "title"]
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")

    def __str__(self) -> str:
        return f"{self.get_title_display()} — {self.unit.name}"

    def area_codes(self) -> list[str]:
        """The codes this post is responsible for (its own, else its unit's)."""
        own = [a.code for a in self.areas.all()]
        return own or [a.code for a in self.unit.areas.all()]
