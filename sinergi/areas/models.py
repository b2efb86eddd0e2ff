from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaQuerySet(models.QuerySet["Area"]):
    def current(self) -> AreaQuerySet:
        """Areas of the edition in force (retired ones stay for the records that point to them)."""
        return self.filter(retired_at__isnull=True)

    def within(self, code: str) -> AreaQuerySet:
        """The area itself and everything below it: one indexed prefix range on the code."""
        from sinergi.areas.codes import within_q  # noqa: PLC0415 -- codes imports no models

        return self.filter(within_q("code", code))


class Area(models.Model):
    """A Kemendagri area: province, regency/city, district or village, keyed by its dotted code."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Provinsi")
        REGENCY = 2, _("Kabupaten/Kota")
        DISTRICT = 3, _("Kecamatan")
        VILLAGE = 4, _("Desa/Kelurahan")

    class Kind(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        KECAMATAN = "kecamatan", _("Kecamatan")
        DISTRIK = "distrik", _("Distrik")
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")
        DESA_ADAT = "desa_adat", _("Desa adat")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=120)
    name_key = models.CharField(max_length=120, db_index=True)
    # "Bontang Utara, Kota Bontang, Kalimantan Timur": the name with its parents, nearest first.
    label = models.CharField(max_length=300)
    # The words a search may match: the name's and its parents', each name also as one word
    # ("kumpang bis belitang hilir ... kumpangbis belitanghilir ..."); see text.search_key.
    search_key = models.CharField(max_length=500, blank=True, default="")
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    edition = models.CharField(_("edisi data"), max_length=80)
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        indexes = [
            models.Index(fields=["level", "name_key"], name="area_level_name"),
            models.Index(fields=["latitude", "longitude"], name="area_latlng"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="area_level_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}" if self.level > 2 else self.name

    @property
    def display_name(self) -> str:
        return str(self)

    def ancestor_codes(self) -> list[str]:
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]


class AreaWord(models.Model):
    """One word of an area's name, so autocomplete is an indexed prefix range, not a table scan.

    A name of several words is also indexed as one word ("kumpangbis"), see text.index_words."""

    word = models.CharField(max_length=40)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["word"], name="areaword_word"),
            models.Index(fields=["level", "word"], name="areaword_level_word"),
        ]

    def __str__(self) -> str:
        return self.word
