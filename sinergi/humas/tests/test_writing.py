"""The draft's sentences in the manner of the seed releases (pure, no database)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sinergi.humas import writing


def draft(**extra: object) -> writing.Draft:
    fields: dict[str, object] = {
        "unit_name": "Bakesbangpol Kabupaten Tulungagung",
        "kind": "rapat_koordinasi",
        "title": "Rapat",
        "held_at": timezone.make_aware(dt.datetime(2026, 11, 26, 9)),
        "regency_name": "Kabupaten Tulungagung",
        "village_label": "",
        "venue": "Aula Barata",
        "officials": [
            {
                "name": "Sri Wahyuni",
                "rank": None,
                "position": "Kepala Bakesbangpol Kabupaten Tulungagung",
            }
        ],
        "partner_names": [],
        "partner_groups": ["pemerintah_daerah", "tni", "warga"],
        "topics": ["sara", "kamtibmas_umum"],
        "attendance": None,
        "minutes": "",
        "aspirations": [],
        "commitments": [("Kapolsek Belitang Hilir", "patroli rutin setiap hari")],
        "programs": ["tiga_pilar"],
    }
    fields.update(extra)
    return writing.compose(**fields)


def test_a_headline_names_two_groups_at_most_and_titles_its_kind():
    assert draft().headline == (
        "Bakesbangpol Kabupaten Tulungagung Gelar Rapat Koordinasi Tiga Pilar Bersama "
        "Elemen Masyarakat"
    )
    assert draft().dateline == "Tulungagung – "


def test_a_long_title_is_said_whole_and_a_promise_gets_its_verb():
    body = draft().body
    assert (
        "Dalam kesempatan tersebut, Kepala Bakesbangpol Kabupaten Tulungagung menyampaikan pesan "
        "kamtibmas agar warga menjunjung toleransi dan menolak isu SARA dan bersama-sama menjaga "
        "keamanan dan ketertiban lingkungan." in body
    )
    officials_only = draft(partner_groups=["pemerintah_daerah", "tni"]).body
    assert "pesan kamtibmas agar seluruh peserta menjunjung toleransi" in officials_only
    joined = draft(kind="dialog_kamtibmas", extra_kinds=["doa_bersama", "bakti_sosial"]).body
    assert "Kegiatan tersebut dirangkai dengan doa bersama dan bakti sosial." in joined
    assert "Kapolsek Belitang Hilir berkomitmen melaksanakan patroli rutin setiap hari." in body
    kept = draft(commitments=[("Kapolres", "mengerahkan personel")]).body
    assert "Kapolres berkomitmen mengerahkan personel." in kept


def test_one_aspiration_is_not_counted_and_a_partner_keeps_its_title():
    one = draft(aspirations=["Warga meminta lampu jalan diperbaiki."], partner_groups=["warga"])
    assert one.headline.endswith(", Warga Sampaikan Aspirasi")
    assert "Dalam kesempatan itu, warga meminta lampu jalan diperbaiki." in one.body
    other = draft(aspirations=["Lampu jalan di RT 12 mati."], partner_groups=["warga"])
    assert "Warga juga menyampaikan aspirasi: Lampu jalan di RT 12 mati." in other.body
    assert "1 aspirasi" not in one.body
    assert writing.partner_phrase("Ketua Majelis Sholawat", "K.H. Ahmad Syukri") == (
        "Ketua Majelis Sholawat K.H. Ahmad Syukri"
    )
    assert writing.partner_phrase("masjid", "Masjid Al-Ikhlas") == "Masjid Al-Ikhlas"
