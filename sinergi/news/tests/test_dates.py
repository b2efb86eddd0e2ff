"""The activity date: statements, publication stamps and future events are not it (invented
sentences, one per rule)."""

from __future__ import annotations

import pytest

from sinergi.news.dates import activity_date, term_days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a statement's date
        ("Hal itu disampaikan Kapolres saat ditemui wartawan, Senin (14/10/2024).", None),
        ('"Kami siap membantu," kata Kapolsek kepada wartawan, Selasa (15/10/2024).', None),
        # a page's publication stamp
        ("Diterbitkan Senin, 14 Oktober 2024. Polres Contoh menggelar Jumat Curhat.", None),
        # a future event, even with a word between "akan" and the verb
        ("Kapolres mengatakan, Jumat Curhat akan kembali digelar pada Jumat (18/10/2024).", None),
        # the activity's own date
        ("Kegiatan Jumat Curhat digelar pada Jumat (11/10/2024) di Balai Desa.", "2024-10-11"),
        ("Kegiatan yang dilaksanakan pada Jumat (11/10/2024) diikuti warga.", "2024-10-11"),
        # "akan" after a verb means "about": the date is still the activity's
        (
            "Polres mengajak ulama guna mensosialisasikan akan bahaya hoaks, Kamis (08/02/2018).",
            "2018-02-08",
        ),
        # a statement made at the activity is dated by it
        (
            "Kapolres menyampaikan hal itu dalam kegiatan Jumat Curhat, Jumat (11/10/2024).",
            "2024-10-11",
        ),
    ],
)
def test_the_activity_date(text: str, expected: str | None) -> None:
    assert activity_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a regulation's year gives a yearless date no year
        ("Kegiatan digelar Kamis (10/5) sesuai Perkap Nomor 3 Tahun 2015 tentang Polmas.", None),
        ("Kegiatan digelar Kamis (10/5) di balai desa tahun 2018.", "2018-05-10"),
        # a Jumat Curhat's own Friday comes before a dateline's or a page's date
        (
            "NTT, 7 Februari 2026 - Warga mengeluh saat Jumat Curhat yang digelar Jumat "
            "(6/2/2026) pagi.",
            "2026-02-06",
        ),
        (
            "Minggu, 23 Juni 2024. Polresta Contoh menggelar Jumat Curhat pada Jumat, 21 Juni "
            "2024.",
            "2024-06-21",
        ),
    ],
)
def test_a_regulation_s_year_and_the_programme_s_day(text: str, expected: str | None) -> None:
    assert activity_date(text, program_days={"jumat"}) == expected


def test_another_event_s_date_after_pasca_or_jelang_is_not_the_activity_s() -> None:
    # given invented releases that name the election's day before the activity's
    after_vote = (
        "Polres Contoh menggelar cooling system pasca pemungutan suara 14 Februari 2024 dengan "
        "menyambangi tokoh masyarakat."
    )
    both = (
        "Menjaga kedamaian pasca pelaksanaan Pemilu serentak 17 April 2019, Kapolres bertemu "
        "tokoh partai di Aula Polres, Jumat (26/04/2019)."
    )
    # then the first has no date of its own, the second the day of the meeting
    assert activity_date(after_vote) is None
    assert activity_date(both) == "2019-04-26"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("akan menggelar patroli dalam waktu satu minggu", 7),
        ("perbaikan lampu dalam sepekan", 7),
        ("ditindaklanjuti paling lambat 3 hari", 3),
        ("selesai dalam waktu empat belas hari ke depan", 14),
        ("diselesaikan dalam sebulan", 30),
        ("laporan dalam dua minggu terakhir meningkat", None),  # the past, not a term
        ("akan segera ditindaklanjuti", None),
        ("dalam rangka menjaga kamtibmas", None),
    ],
)
def test_a_promise_s_term_is_read_only_when_written_with_its_length(text: str, days: int | None):
    assert term_days(text) == days
