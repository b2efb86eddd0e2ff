"""What read() gives beside the labels: who asked and who promised, named leaders with their
role, the venue's end, the time of day only when written."""

from __future__ import annotations

from sinergi.news.extract import read
from sinergi.news.gazetteer import Gazetteer
from sinergi.news.records import to_draft
from sinergi.news.tests.conftest import read_examples

INVENTED = (
    "Balangan - Kapolres Balangan AKBP Budi Hartono menggelar Jumat Curhat bersama warga di "
    "Desa Contoh, Jumat (7/6/2024). Warga meminta agar patroli malam ditambah di sekitar pasar. "
    "Kapolres berjanji akan menambah patroli malam di pasar."
)


def test_each_aspiration_and_commitment_says_who_asked_or_promised(gazetteer: Gazetteer) -> None:
    # when
    reading = read(INVENTED, "Jumat Curhat di Balangan", gazetteer)
    # then
    assert [(s.kind, s.text, s.who, s.who_class) for s in reading.spans] == [
        ("aspiration", "patroli malam ditambah di sekitar pasar", "Warga", "citizen"),
        ("commitment", "menambah patroli malam di pasar", "Kapolres", "police"),
    ]


def test_a_promise_said_in_a_quote_belongs_to_whom_the_quote_is_attributed(
    gazetteer: Gazetteer,
) -> None:
    # given an invented quote: "kami" is the Kapolsek named after it
    text = (
        "Warga Desa Contoh mengeluhkan lampu jalan yang padam. "
        '"Kami akan memasang lampu di gang itu minggu depan," ujar Kapolsek Contoh AKP Budi.'
    )
    # when
    reading = read(text, "", gazetteer)
    # then
    commitments = [(s.text, s.who) for s in reading.spans if s.kind == "commitment"]
    assert commitments == [("memasang lampu di gang itu minggu depan", "Kapolsek Contoh AKP Budi")]


def test_a_promise_to_win_or_a_report_of_an_event_is_no_commitment(gazetteer: Gazetteer) -> None:
    text = (
        "Para calon kepala desa menyatakan siap menang dan siap kalah. "
        "Kapolsek Contoh mengatakan pemungutan suara akan berlangsung pada pekan depan."
    )
    assert read(text, "", gazetteer).labels["commitments"] == []


def test_the_venue_ends_where_its_name_ends(gazetteer: Gazetteer) -> None:
    # given invented sentences where lower-case words or a new line follow the venue's name
    first = "Pertemuan yang berlangsung di Mako Polres Contoh ini merupakan bagian dari upaya."
    second = "Kegiatan digelar di Aula Barata\n\nContoh - Sebuah baris baru."
    third = "Kapolsek bertemu warga di warung kopi Desa Kresek, Senin."
    # then
    assert read(first, "", gazetteer).labels["location"]["venue"] == "Mako Polres Contoh"
    assert read(second, "", gazetteer).labels["location"]["venue"] == "Aula Barata"
    assert read(third, "", gazetteer).labels["location"]["venue"] == "warung kopi Desa Kresek"


def test_named_community_leaders_stay_named_with_their_role(gazetteer: Gazetteer) -> None:
    # given s001: the Majelis Sholawat's chairman, vice-chairman and treasurer by name
    seed = next(r for r in read_examples("seed-articles.jsonl") if r["id"] == "s001")
    # when
    reading = read(seed["text"], seed["title"], gazetteer)
    # then each is named once, with the role and organisation the text gives them
    assert [(p["name"], p["kind"], p["role"]) for p in reading.partners if p["name"]] == [
        ("Choirul Amin", "tokoh_agama", "Ketua MSB"),
        ("Daroji", "tokoh_agama", "Wakil Ketua MSB"),
        ("Suprapto", "tokoh_agama", "Bendahara MSB"),
    ]
    assert reading.labels["location"]["venue"] == "Mako Polres Bontang"


def test_the_time_of_day_only_when_the_text_writes_it(gazetteer: Gazetteer) -> None:
    written = "Kapolsek Contoh menggelar Jumat Curhat, Jumat (7/6/2024) mulai pukul 09.30 WIB."
    unwritten = "Kapolsek Contoh menggelar Jumat Curhat, Jumat (7/6/2024)."
    assert read(written, "", gazetteer).time == "09:30"
    assert read(unwritten, "", gazetteer).time is None
    # the time it ended is not when it started
    ended = "Jumat Curhat digelar usai salat Jumat dan berakhir pukul 14.00 WITA."
    assert read(ended, "", gazetteer).time is None
    ranged = "Kegiatan berlangsung pukul 09.00 hingga pukul 12.00 WIB."
    assert read(ranged, "", gazetteer).time == "09:00"


def test_a_venue_ends_before_the_district_and_regency_written_after_it(
    gazetteer: Gazetteer,
) -> None:
    text = "Kegiatan bertempat di Balai Desa Gombang Kecamatan Plumbon Kabupaten Cirebon."
    location = read(text, "", gazetteer).labels["location"]
    assert (location["venue"], location["district"], location["village"]) == (
        "Balai Desa Gombang",
        "Plumbon",
        "Gombang",
    )


def test_the_village_is_one_of_the_regency_found(gazetteer: Gazetteer) -> None:
    # given "Kampung Tangguh", a programme's name that is also a village far away, before the
    # kelurahan of the activity in Kota Jakarta Timur
    text = (
        "Polsek Cakung Polres Metro Jakarta Timur menggelar Jumat Curhat di Kampung Tangguh "
        "Jaya RW 09 Kel. Penggilingan, Jakarta Timur, Jumat (03/02/2023)."
    )
    location = read(text, "", gazetteer).labels["location"]
    assert (location["regency"], location["village"]) == ("Kota Jakarta Timur", "Penggilingan")


def test_complaints_listed_after_mulai_dari_are_one_aspiration_each(gazetteer: Gazetteer) -> None:
    text = (
        "Para peserta menyampaikan berbagai keluhan dan saran, mulai dari masalah keamanan "
        "lingkungan, gangguan lalu lintas, hingga pelayanan publik."
    )
    # each complained-of problem is asked to be handled; "pelayanan" names an action already
    assert read(text, "", gazetteer).labels["aspirations"] == [
        "penanganan masalah keamanan lingkungan",
        "penanganan gangguan lalu lintas",
        "pelayanan publik",
    ]


def test_a_complaint_is_asked_as_its_handling_a_request_as_the_thing_to_be_done(
    gazetteer: Gazetteer,
) -> None:
    # given an invented complaint and an invented request, with who made them
    text = (
        "Ketua RT 05, Darto, mengeluhkan maraknya judi online di kalangan pemuda. Warga juga "
        "meminta agar polisi menertibkan parkir liar di depan pasar."
    )
    # when the release is read into the import's draft
    draft = to_draft(read(text, "", gazetteer), title="Jumat Curhat", gazetteer=gazetteer)
    # then the complaint reads as a request, the request names what is to be done (not who
    # is asked to), and the draft knows who raised each
    assert list(zip(draft.aspirations, draft.aspiration_askers, strict=True)) == [
        ("penanganan maraknya judi online di kalangan pemuda", "Ketua RT 05, Darto"),
        ("penertiban parkir liar di depan pasar", "Warga"),
    ]


def test_the_ranks_who_act_are_not_the_promiser_but_the_leader_who_speaks_for_them(
    gazetteer: Gazetteer,
) -> None:
    # given invented promises: the personnel will patrol, said by the Kapolsek in his sentence
    # and in his quote
    text = (
        "Warga Desa Contoh mengeluhkan balap liar di depan pasar setiap malam. Kapolsek Contoh "
        "AKP Budi Hartono mengatakan personel akan melaksanakan patroli malam di depan pasar. "
        '"Anggota kami akan menjaga gang sekolah setiap pagi," ujar Kapolsek Contoh AKP Budi.'
    )
    # when
    reading = read(text, "", gazetteer)
    # then each promise is the Kapolsek's, not "personel" nor "Anggota"
    assert [(s.text, s.who) for s in reading.spans if s.kind == "commitment"] == [
        ("melaksanakan patroli malam di depan pasar", "AKP Budi Hartono"),
        ("menjaga gang sekolah setiap pagi", "Kapolsek Contoh AKP Budi"),
    ]


def test_a_promiser_named_by_title_alone_is_named_in_full_when_only_one_holds_it(
    gazetteer: Gazetteer, db: None
) -> None:
    # given the invented release ("Kapolres berjanji", after "Kapolres Balangan AKBP Budi
    # Hartono"), and one naming two Kapolsek before "Kapolsek berjanji"
    two = (
        "Kapolsek Contoh AKP Ali Akbar dan Kapolsek Lain AKP Bayu Aji menggelar Jumat Curhat. "
        "Kapolsek berjanji akan menambah patroli malam di pasar."
    )
    # when each is read into the import's draft
    one_draft = to_draft(read(INVENTED, "", gazetteer), title="Jumat Curhat", gazetteer=gazetteer)
    two_draft = to_draft(read(two, "", gazetteer), title="Jumat Curhat", gazetteer=gazetteer)
    # then the public board will say which Kapolres promised; of two Kapolsek, none is guessed
    assert one_draft.commitment_owners == ["Kapolres Balangan AKBP Budi Hartono"]
    assert two_draft.commitment_owners == ["Kapolsek"]


def test_they_in_an_officials_quote_are_the_residents_he_heard(gazetteer: Gazetteer) -> None:
    # given an invented Kapolres quoting what the cleaners asked of him
    text = (
        "Kapolres Contoh AKBP Budi Hartono mendatangi para petugas kebersihan. "
        '"Mereka curhat dengan kami, mereka curhat agar anggota berjaga lebih pagi," '
        "tutur Kapolres."
    )
    # when
    spans = read(text, "", gazetteer).spans
    # then the request is theirs, not the Kapolres's
    assert [(s.kind, s.text, s.who_class) for s in spans] == [
        ("aspiration", "anggota berjaga lebih pagi", "citizen")
    ]


def test_the_kapolri_named_as_the_programmes_initiator_is_an_official(
    gazetteer: Gazetteer,
) -> None:
    text = "Program Jumat Curhat yang dicanangkan Kapolri Jenderal Polisi Listyo Sigit Prabowo."
    assert read(text, "", gazetteer).labels["officials"] == [
        {"name": "Listyo Sigit Prabowo", "rank": "Jenderal", "position": "Kapolri"}
    ]


def test_named_residents_and_figures_are_partners_with_their_role(gazetteer: Gazetteer) -> None:
    # given invented sentences naming a head of RT, a community figure and a resident
    text = (
        '"Semoga kegiatan ini terus berlanjut," tutur Dery, salah satu Ketua RT yang hadir. '
        "Sementara itu Slamet Riyadi salah seorang tokoh masyarakat menyatakan dukungannya. "
        "Bhabinkamtibmas mendatangi Atim (52) warga Dusun Contoh. "
        "Hadir pula warga di Gereja Contoh, Krian."  # a place after the comma: nobody
    )
    # when
    named = [(p["name"], p["kind"], p["role"]) for p in read(text, "", gazetteer).partners]
    # then
    assert named == [
        ("Dery", "perangkat_desa", "Ketua RT yang hadir"),
        ("Slamet Riyadi", "tokoh_masyarakat", "tokoh masyarakat"),
        ("Atim", "warga", "warga"),
    ]


def test_a_request_addressed_to_the_police_and_a_promise_to_follow_up(
    gazetteer: Gazetteer,
) -> None:
    # given invented sentences: a named resident's complaint, a request "kepada ... untuk ...",
    # and the Kapolres's answer; the body names no unit, the headline does
    text = (
        "Dalam kesempatan itu, salah satu warga, Juremi mengutarakan keluhannya terkait seringnya "
        'aksi penjambretan di Jalan Contoh. "Kami mohon kepada pihak kepolisian untuk lebih '
        'ditingkatkan patrolinya, agar warga merasa aman," ucapnya. Menanggapi hal itu, '
        "Kapolres akan menindaklanjuti aduan dari masyarakat."
    )
    # when
    reading = read(text, "Polsek Siluq Ngurai Gelar Jumat Curhat", gazetteer)
    # then
    assert [(s.kind, s.text, s.who) for s in reading.spans] == [
        ("aspiration", "seringnya aksi penjambretan di Jalan Contoh", "warga Juremi"),
        ("aspiration", "ditingkatkan patrolinya", "warga Juremi"),
        ("commitment", "menindaklanjuti aduan dari masyarakat", "Kapolres"),
    ]
    assert reading.labels["police_units"] == ["Polsek Siluq Ngurai"]
