"""The release the news tests read, in the form's fields and on the phone."""

from __future__ import annotations

# An invented release in the style of the examples (no article text is copied here).
TITLE = "Polsek Bontang Utara Gelar Jumat Curhat di Bontang Baru"
TEXT = (
    "BONTANG – Kapolsek Bontang Utara AKP Rudi Santoso menggelar Jumat Curhat bersama warga "
    "di Balai Kelurahan Bontang Baru, Kecamatan Bontang Utara, Kota Bontang, Jumat (20/11/2026).\n"
    "Dalam kegiatan tersebut warga meminta patroli malam ditingkatkan di sekitar pasar.\n"
    "Menanggapi hal itu, Kapolsek berjanji akan menggelar patroli rutin setiap malam di pasar."
)
