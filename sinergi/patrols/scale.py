"""Which command decides an event-security request, and which documents it needs.

Perpol 7/2023 and PP 60/2017 give the notification/permit of a crowd event to the command of the
event's reach: an event within a district (kecamatan) → Polsek (Kapolsek); within a regency or
city → Polres (Kapolres); across regencies of a province → Polda (Kapolda). We read the reach
from the organiser's declaration and, because the expected attendance decides how many personnel
are needed, we also raise it by crowd size. These thresholds are Sinergi's policy, kept here in
one place (docs/architecture.md, rules table) so a Polda can change them with one commit.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sinergi.areas.models import Area

DISTRICT: int = Area.Level.DISTRICT  # Kapolsek
REGENCY: int = Area.Level.REGENCY  # Kapolres
PROVINCE: int = Area.Level.PROVINCE  # Kapolda

# (largest crowd the level decides alone, level), smallest first; above the last → province
CROWD_THRESHOLDS: list[tuple[int, int]] = [(1_000, DISTRICT), (10_000, REGENCY)]

# the organiser's declared reach of the event (details["reach"])
REACH = {
    "desa": DISTRICT,
    "kecamatan": DISTRICT,
    "kabupaten": REGENCY,
    "provinsi": PROVINCE,
}

# Documents the reviewer ticks off; each applies from a level upward (4 village … 1 province).
DOCUMENTS: list[tuple[str, object, int]] = [
    ("surat_permohonan", _("Surat permohonan dari penyelenggara"), DISTRICT),
    ("identitas_penanggung_jawab", _("KTP penanggung jawab"), DISTRICT),
    ("izin_tempat", _("Izin pemilik/pengelola tempat"), DISTRICT),
    ("susunan_acara", _("Susunan acara dan jumlah peserta"), DISTRICT),
    ("rekomendasi_instansi", _("Rekomendasi instansi terkait (Camat/Bakesbangpol)"), REGENCY),
    ("rencana_pengamanan_internal", _("Rencana pengamanan internal penyelenggara"), REGENCY),
    ("rekomendasi_pemda", _("Rekomendasi pemerintah daerah provinsi"), PROVINCE),
]


def level_for(crowd_size: int | None, reach: str = "") -> int:
    """The area level (3 district, 2 regency, 1 province) that decides the request."""
    level = DISTRICT
    crowd = crowd_size or 0
    for limit, at in CROWD_THRESHOLDS:
        level = at
        if crowd <= limit:
            break
    else:
        level = PROVINCE
    return min(level, REACH.get(reach, DISTRICT))


def documents_for(level: int) -> list[tuple[str, str]]:
    """The checklist for a request decided at ``level``."""
    return [(code, str(label)) for code, label, from_level in DOCUMENTS if level <= from_level]
