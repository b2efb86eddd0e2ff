"""The default case categories per kind, with privacy and SLA hours (village, district, regency,
province). Loaded by migration 0002; editable in the admin afterwards."""

from typing import Any

PUBLIC, CONFIDENTIAL, WITHHELD = "public", "confidential", "withheld"
STANDARD = [72, 72, 120, 168]
URGENT = [24, 24, 48, 72]

CATEGORIES = [
    # kind, slug, name, privacy, sla
    ("aspirasi", "gangguan-kamtibmas", "Gangguan kamtibmas di lingkungan", PUBLIC, STANDARD),
    ("aspirasi", "balap-liar", "Balap liar / knalpot brong", PUBLIC, STANDARD),
    ("aspirasi", "kenakalan-remaja", "Kenakalan remaja", PUBLIC, STANDARD),
    ("aspirasi", "pencurian", "Pencurian / tindak kriminal", PUBLIC, URGENT),
    ("aspirasi", "konflik-warga", "Perselisihan antarwarga", CONFIDENTIAL, URGENT),
    ("aspirasi", "aspirasi-umum", "Aspirasi dan usulan umum", PUBLIC, STANDARD),
    ("patroli", "tempat-rawan", "Patroli di tempat rawan", PUBLIC, STANDARD),
    ("pengamanan", "kegiatan-masyarakat", "Pengamanan kegiatan masyarakat", PUBLIC, STANDARD),
    ("pengamanan", "kegiatan-keagamaan", "Pengamanan kegiatan keagamaan", PUBLIC, STANDARD),
    ("informasi", "hal-mencurigakan", "Orang atau kegiatan mencurigakan", CONFIDENTIAL, URGENT),
    ("informasi", "narkoba", "Penyalahgunaan narkoba", WITHHELD, URGENT),
    ("informasi", "radikalisme", "Intoleransi / radikalisme", WITHHELD, URGENT),
    ("hoaks", "hoaks-media-sosial", "Hoaks di media sosial / grup WhatsApp", PUBLIC, URGENT),
    ("pelayanan", "pelayanan-polisi", "Pelayanan kantor polisi", CONFIDENTIAL, STANDARD),
    ("pelayanan", "perilaku-petugas", "Perilaku petugas", WITHHELD, STANDARD),
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
