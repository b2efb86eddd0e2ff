"""The vocabulary of early warning: issue categories, the two intelligence grades, issue statuses.

Categories follow the ASTAGATRA reading used by Binmas and Intelkam (ideologi, politik, ekonomi,
sosial, budaya, hankam) with the subtypes leaders actually track (SARA, hoaks, konflik lahan …).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueCategory(models.TextChoices):
    IDEOLOGI = "ideologi", _("Ideologi")
    POLITIK = "politik", _("Politik")
    EKONOMI = "ekonomi", _("Ekonomi")
    SOSIAL = "sosial", _("Sosial")
    BUDAYA = "budaya", _("Budaya")
    HANKAM = "hankam", _("Pertahanan dan keamanan")
    SARA_SUKU = "sara_suku", _("SARA – suku")
    SARA_AGAMA = "sara_agama", _("SARA – agama")
    SARA_RAS = "sara_ras", _("SARA – ras")
    SARA_ANTARGOLONGAN = "sara_antargolongan", _("SARA – antargolongan")
    HOAKS = "hoaks", _("Hoaks")
    KONFLIK_LAHAN = "konflik_lahan", _("Konflik lahan")
    KONFLIK_SOSIAL = "konflik_sosial", _("Konflik sosial")
    KENAKALAN_REMAJA = "kenakalan_remaja", _("Kenakalan remaja")
    NARKOBA = "narkoba", _("Narkoba")
    RADIKALISME = "radikalisme", _("Intoleransi / radikalisme")


# Categories that count toward the index's social-vulnerability dimension.
SOCIAL_CATEGORIES = frozenset(
    {
        IssueCategory.SARA_SUKU,
        IssueCategory.SARA_AGAMA,
        IssueCategory.SARA_RAS,
        IssueCategory.SARA_ANTARGOLONGAN,
        IssueCategory.KONFLIK_LAHAN,
        IssueCategory.KONFLIK_SOSIAL,
        IssueCategory.RADIKALISME,
    }
)


class SourceReliability(models.TextChoices):
    """How far the source has been right before (the Admiralty code's letter)."""

    A = "A", _("A – sepenuhnya andal")
    B = "B", _("B – biasanya andal")
    C = "C", _("C – cukup andal")
    D = "D", _("D – biasanya tidak andal")
    E = "E", _("E – tidak andal")
    F = "F", _("F – belum dapat dinilai")


class Credibility(models.TextChoices):
    """How far this piece of information is borne out (the Admiralty code's digit)."""

    CONFIRMED = "1", _("1 – terkonfirmasi sumber lain")
    PROBABLE = "2", _("2 – kemungkinan benar")
    POSSIBLE = "3", _("3 – mungkin benar")
    DOUBTFUL = "4", _("4 – diragukan")
    IMPROBABLE = "5", _("5 – tidak mungkin benar")
    UNKNOWN = "6", _("6 – belum dapat dinilai")


class IssueStatus(models.TextChoices):
    DIPANTAU = "dipantau", _("Dipantau")
    DITANGANI = "ditangani", _("Ditangani")
    TERLOKALISIR = "terlokalisir", _("Terlokalisir")
    MELUAS = "meluas", _("Meluas / dieskalasi")
    SELESAI = "selesai", _("Selesai")


class ElectionKind(models.TextChoices):
    PILKADA = "pilkada", _("Pilkada")
    PEMILU = "pemilu", _("Pemilu")
    PILKADES = "pilkades", _("Pilkades")


class IndexLevel(models.TextChoices):
    RENDAH = "rendah", _("Rendah")
    SEDANG = "sedang", _("Sedang")
    TINGGI = "tinggi", _("Tinggi")
