"""The default case categories per kind, with privacy and SLA hours (village, district, regency,
province). Loaded by migration 0002; editable in the admin afterwards."""

from typing import Any

# Marked for translation (the names are data, stored in Indonesian; Category.__str__ translates
# them for a reader who chose English)
from django.utils.translation import gettext as _translate
from django.utils.translation import gettext_noop

PUBLIC, CONFIDENTIAL, WITHHELD = "public", "confidential", "withheld"
STANDARD = [72, 72, 120, 168]
URGENT = [24, 24, 48, 72]

CATEGORIES = [
    # kind, slug, name, privacy, sla
    (
        "aspirasi",
        "gangguan-kamtibmas",
        gettext_noop("Gangguan kamtibmas di lingkungan"),
        PUBLIC,
        STANDARD,
    ),
    ("aspirasi", "balap-liar", gettext_noop("Balap liar / knalpot brong"), PUBLIC, STANDARD),
    ("aspirasi", "kenakalan-remaja", gettext_noop("Kenakalan remaja"), PUBLIC, STANDARD),
    ("aspirasi", "pencurian", gettext_noop("Pencurian / tindak kriminal"), PUBLIC, URGENT),
    ("aspirasi", "konflik-warga", gettext_noop("Perselisihan antarwarga"), CONFIDENTIAL, URGENT),
    ("aspirasi", "aspirasi-umum", gettext_noop("Aspirasi dan usulan umum"), PUBLIC, STANDARD),
    ("patroli", "tempat-rawan", gettext_noop("Patroli di tempat rawan"), PUBLIC, STANDARD),
    (
        "pengamanan",
        "kegiatan-masyarakat",
        gettext_noop("Pengamanan kegiatan masyarakat"),
        PUBLIC,
        STANDARD,
    ),
    (
        "pengamanan",
        "kegiatan-keagamaan",
        gettext_noop("Pengamanan kegiatan keagamaan"),
        PUBLIC,
        STANDARD,
    ),
    (
        "informasi",
        "hal-mencurigakan",
        gettext_noop("Orang atau kegiatan mencurigakan"),
        CONFIDENTIAL,
        URGENT,
    ),
    ("informasi", "narkoba", gettext_noop("Penyalahgunaan narkoba"), WITHHELD, URGENT),
    ("informasi", "radikalisme", gettext_noop("Intoleransi / radikalisme"), WITHHELD, URGENT),
    (
        "hoaks",
        "hoaks-media-sosial",
        gettext_noop("Hoaks di media sosial / grup WhatsApp"),
        PUBLIC,
        URGENT,
    ),
    (
        "pelayanan",
        "pelayanan-polisi",
        gettext_noop("Pelayanan kantor polisi"),
        CONFIDENTIAL,
        STANDARD,
    ),
    ("pelayanan", "perilaku-petugas", gettext_noop("Perilaku petugas"), WITHHELD, STANDARD),
]


def ensure_categories(category_model: Any) -> None:
    """Adds the missing default categories; takes the model so a migration can pass its own."""
    for order, (kind, slug, name, privacy, sla) in enumerate(CATEGORIES):
        category_model.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "name": name,
                "privacy": privacy,
                "sla_hours": sla,
                "order": order,
            },
        )


def label(name: str) -> str:
    """A category's name in the reader's language: the catalogue's names are translated, one an
    admin typed later stays as typed."""
    return _translate(name)
