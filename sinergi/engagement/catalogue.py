"""The words of engagement work: activity types, programmes, partner kinds, pesan kamtibmas topics.

The codes are those of ../shared/examples/LABELLING.md, so an activity typed by an officer and one
read from a press release speak the same vocabulary. Labels are what officers see.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityType(models.TextChoices):
    JUMAT_CURHAT = "jumat_curhat", _("Jumat Curhat")
    JUMAT_KELILING = "jumat_keliling", _("Jumat Keliling")
    MINGGU_KASIH = "minggu_kasih", _("Minggu Kasih")
    DIALOG_KAMTIBMAS = "dialog_kamtibmas", _("Dialog Kamtibmas")
    SILATURAHMI = "silaturahmi", _("Silaturahmi / sambang")
    DOA_BERSAMA = "doa_bersama", _("Doa bersama")
    RAPAT_KOORDINASI = "rapat_koordinasi", _("Rapat koordinasi")
    SOSIALISASI = "sosialisasi", _("Sosialisasi / penyuluhan")
    BAKTI_SOSIAL = "bakti_sosial", _("Bakti sosial")
    PATROLI = "patroli", _("Patroli")
    PENGAMANAN_KEGIATAN = "pengamanan_kegiatan", _("Pengamanan kegiatan")
    DEKLARASI_DAMAI = "deklarasi_damai", _("Deklarasi damai")
    OTHER = "other", _("Lainnya")


class Program(models.TextChoices):
    COOLING_SYSTEM = "cooling_system", _("Cooling system")
    JUMAT_CURHAT = "jumat_curhat", _("Jumat Curhat")
    JUMAT_KELILING = "jumat_keliling", _("Jumat Keliling")
    MINGGU_KASIH = "minggu_kasih", _("Minggu Kasih")
    POLISI_RW = "polisi_rw", _("Polisi RW")
    TIGA_PILAR = "tiga_pilar", _("Tiga Pilar")
    OTHER = "other", _("Lainnya")


class PartnerKind(models.TextChoices):
    """Who the police engage. People and groups first, then the places where they meet."""

    TOKOH_AGAMA = "tokoh_agama", _("Tokoh agama")
    TOKOH_MASYARAKAT = "tokoh_masyarakat", _("Tokoh masyarakat")
    TOKOH_ADAT = "tokoh_adat", _("Tokoh adat")
    TOKOH_PEMUDA = "tokoh_pemuda", _("Tokoh pemuda")
    ORMAS = "ormas", _("Ormas")
    FORUM = "forum", _("Forum (FKUB, FKDM, majelis)")
    PERANGKAT_DESA = "perangkat_desa", _("Perangkat desa / RT / RW")
    PEMERINTAH_DAERAH = "pemerintah_daerah", _("Pemerintah daerah")
    TNI = "tni", _("TNI")
    PENYELENGGARA_PEMILU = "penyelenggara_pemilu", _("Penyelenggara pemilu")
    PELAJAR_MAHASISWA = "pelajar_mahasiswa", _("Pelajar / mahasiswa")
    WARGA = "warga", _("Warga")
    RUMAH_IBADAH = "rumah_ibadah", _("Rumah ibadah")
    TEMPAT = "tempat", _("Tempat lain (balai, sekolah, pasar)")
    OTHER = "other", _("Lainnya")


# Kinds that are places, not people or groups: coverage counts places of worship separately.
PLACE_KINDS = {PartnerKind.RUMAH_IBADAH, PartnerKind.TEMPAT}
# Kinds that are a group without a name in an activity record ("tokoh agama", "warga").
GROUP_KINDS = [k for k in PartnerKind if k not in PLACE_KINDS]


class Topic(models.TextChoices):
    """The standard pesan kamtibmas: what officers talk about at an activity."""

    KAMTIBMAS_UMUM = "kamtibmas_umum", _("Kamtibmas umum")
    PILKADA = "pilkada", _("Pilkada damai")
    PEMILU = "pemilu", _("Pemilu damai")
    HOAKS = "hoaks", _("Waspada hoaks")
    SARA = "sara", _("Toleransi / anti-SARA")
    KONFLIK_SOSIAL = "konflik_sosial", _("Cegah konflik sosial")
    KRIMINALITAS = "kriminalitas", _("Cegah kejahatan")
    NARKOBA = "narkoba", _("Bahaya narkoba")
    KENAKALAN_REMAJA = "kenakalan_remaja", _("Kenakalan remaja")
    LALU_LINTAS = "lalu_lintas", _("Tertib lalu lintas")
    RADIKALISME = "radikalisme", _("Cegah radikalisme")
    BENCANA = "bencana", _("Siaga bencana")
    OTHER = "other", _("Lainnya")
