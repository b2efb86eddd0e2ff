"""Reading releases in the browser's forms: paste and review, upload a file and follow it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from conftest import VILLAGE_A, village_today
from sinergi.areas import timezones
from sinergi.engagement import services as engagement
from sinergi.engagement.models import Activity, Commitment
from sinergi.news import services
from sinergi.news.models import ImportJob
from sinergi.news.tests.helpers import TEXT, TITLE
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db

URL = "https://humas.example.test/2026/11/jumat-curhat-bontang-baru"


def review_post(**extra: object) -> dict[str, object]:
    """What the reviewer sends back: the pre-filled values, as a browser would."""
    data: dict[str, object] = {
        "title": TITLE,
        "kind": "jumat_curhat",
        "programs": "jumat_curhat",
        "unit": str(Unit.objects.get(key="polsek:64.74.01").pk),
        "area": VILLAGE_A,
        "held_on": "2026-11-20",
        "held_time": "09:00",
        "officials": "AKP Rudi Santoso, Kapolsek Bontang Utara",
        "commitments": "menggelar patroli rutin setiap malam di pasar",
        "source_url": URL,
        "key": URL,
        "venue": "Balai Kelurahan Bontang Baru",
    }
    data.update(extra)
    return data


def test_a_pasted_release_opens_as_a_prefilled_activity_form_and_is_saved_once(
    sign_in, humas_editor
):
    client = sign_in(humas_editor)
    page = client.post("/petugas/rilis/baca/", {"title": TITLE, "text": TEXT, "url": URL})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{VILLAGE_A}" checked' in html
    assert 'value="jumat_curhat" selected' in html
    # the date the release gives; no time of day, which it does not give
    assert 'name="held_on" value="2026-11-20"' in html
    assert 'name="held_time"' in html
    assert 'name="held_time" value=' not in html
    assert "jam (tidak disebut dalam rilis)" in html
    # each promise with who made it, named as the release first named him
    assert (
        "menggelar patroli rutin setiap malam di pasar | Kapolsek Bontang Utara AKP Rudi Santoso"
        in html
    )
    unit = Unit.objects.get(key="polsek:64.74.01")
    assert f'value="{unit.pk}" selected' in html
    assert "patroli rutin setiap malam" in html
    assert 'name="commitments_due" value=' not in html  # the release gives the promise no term
    assert Activity.objects.count() == 0  # nothing is saved before the review

    first = client.post("/petugas/rilis/baca/simpan/", review_post())
    again = client.post("/petugas/rilis/baca/simpan/", review_post())
    activity = Activity.objects.get()
    assert first["Location"] == again["Location"] == f"/petugas/kegiatan/{activity.pk}/"
    assert (activity.source, activity.source_url, activity.status, activity.area_id) == (
        Activity.Source.RELEASE,
        URL,
        Activity.Status.REPORTED,
        VILLAGE_A,
    )
    assert list(Commitment.objects.values_list("text", "owner_label")) == [
        ("menggelar patroli rutin setiap malam di pasar", "Kapolsek Bontang Utara Rudi Santoso")
    ]


def test_a_release_outside_ones_areas_is_not_saved(sign_in, officer_b):
    client = sign_in(officer_b)
    response = client.post("/petugas/rilis/baca/simpan/", review_post())
    assert response.status_code == 400
    assert "di luar wilayah tugas Anda" in response.content.decode()
    assert Activity.objects.count() == 0


def test_a_file_is_read_by_the_worker_and_bad_lines_are_listed(sign_in, humas_editor):
    lines = [
        json.dumps({"id": "a", "title": TITLE, "text": TEXT, "url": URL}),
        "{not json",
        json.dumps({"id": "c", "title": "tanpa isi"}),
    ]
    upload = SimpleUploadedFile("rilis.jsonl", "\n".join(lines).encode(), "application/jsonl")
    client = sign_in(humas_editor)
    response = client.post("/petugas/rilis/impor/", {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/petugas/rilis/impor/{job.pk}/"
    assert (job.total, job.status) == (3, ImportJob.Status.QUEUED)

    assert services.import_run(job_id=job.pk) == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.created, job.content) == ("done", 3, 1, "")
    # each line left out says why, in the reader's language
    assert job.skip_reasons == [(2, "bukan JSON yang sah (kolom 2)"), (3, "tidak ada teks")]
    with translation.override("en"):
        assert job.skip_reasons == [(2, "not valid JSON (column 2)"), (3, "no text")]
    activity = Activity.objects.get()
    assert activity.source_url == URL
    # what residents asked is kept as read, with who asked, for a handler to file as cases
    assert activity.release_requests == [
        {"text": "peningkatan patroli malam di sekitar pasar", "who": "warga"}
    ]
    assert activity.minutes == ""
    assert services.import_run(job_id=job.pk) == 0  # a second run changes nothing
    assert Activity.objects.count() == 1

    progress = client.get(f"/petugas/rilis/impor/{job.pk}/", headers={"HX-Request": "true"})
    assert "3 dari 3 rilis dibaca" in progress.content.decode()
    assert "every 2s" not in progress.content.decode()  # done: the page stops asking

    # and the reader's page lists the upload at its time in the editor's zone (Bontang, WITA)
    listing = client.get("/petugas/rilis/baca/").content.decode()
    assert f"{timezones.shown(job.created_at, VILLAGE_A)} · Selesai · 3/3" in listing


def test_an_oversized_or_binary_file_is_refused_with_a_clear_message(
    sign_in, humas_editor, settings
):
    settings.NEWS_IMPORT_MAX_BYTES = 100
    client = sign_in(humas_editor)
    big = SimpleUploadedFile("besar.jsonl", b"x" * 200)
    assert (
        "Berkas terlalu besar"
        in client.post("/petugas/rilis/impor/", {"file": big}).content.decode()
    )
    settings.NEWS_IMPORT_MAX_BYTES = 10_000
    binary = SimpleUploadedFile("foto.jsonl", b"\xff\xd8\xff\xe0" * 10)
    assert "UTF-8" in client.post("/petugas/rilis/impor/", {"file": binary}).content.decode()
    assert ImportJob.objects.count() == 0


def test_opening_the_address_a_form_was_sent_to_leads_back_to_the_reader(sign_in, humas_editor):
    # given an editor whose file was refused: the page stays at the upload's address
    client = sign_in(humas_editor)
    refused = client.post("/petugas/rilis/impor/", {})
    assert refused.status_code == 400
    # when the editor opens that address again (back button, address bar), or the save's
    for address in ("/petugas/rilis/impor/", "/petugas/rilis/baca/simpan/"):
        response = client.get(address)
        # then the reader opens, not an empty "405" page, and nothing was made
        assert (response.status_code, response["Location"]) == (302, "/petugas/rilis/baca/")
    assert (ImportJob.objects.count(), Activity.objects.count()) == (0, 0)


def test_a_unit_that_does_not_serve_the_place_is_refused(sign_in, humas_editor):
    client = sign_in(humas_editor)
    elsewhere = Unit.objects.get(key="polres:63.11")
    response = client.post("/petugas/rilis/baca/simpan/", review_post(unit=str(elsewhere.pk)))
    assert response.status_code == 400
    assert "tidak bertugas di wilayah tersebut" in response.content.decode()
    assert Activity.objects.count() == 0


def test_an_imported_release_s_promises_are_public_only_after_its_activity_is_verified(
    client, sign_in, humas_editor, kapolsek_a
):
    # given a release saved after review: its promise, with who made it
    sign_in(humas_editor).post(
        "/petugas/rilis/baca/simpan/",
        review_post(
            commitments="menggelar patroli rutin setiap malam di pasar | Kapolsek Rudi",
            held_on=f"{village_today() - timedelta(days=2):%Y-%m-%d}",  # its 30 days not yet up
        ),
    )
    activity = Activity.objects.get()
    assert list(Commitment.objects.values_list("owner_label", "status")) == [
        ("Kapolsek Rudi", Commitment.Status.OPEN)
    ]
    board, page = f"/komitmen/{VILLAGE_A}/", f"/kegiatan/{activity.pk}/"
    # when nobody has verified it yet, then neither the board nor the activity page shows it
    assert "patroli rutin setiap malam" not in client.get(board).content.decode()
    assert "patroli rutin setiap malam" not in client.get(page).content.decode()
    # when its unit's leader verifies it, then both do
    engagement.activity_verify(activity=activity, by=kapolsek_a)
    assert "patroli rutin setiap malam" in client.get(board).content.decode()
    assert "patroli rutin setiap malam" in client.get(page).content.decode()


def test_an_old_release_s_promises_are_history_not_late(client, sign_in, humas_editor, kapolsek_a):
    # given a release of 2020: its promises' 30-day term ended long before it was read
    sign_in(humas_editor).post(
        "/petugas/rilis/baca/simpan/", review_post(held_on="2020-01-10", held_time="10:00")
    )
    engagement.activity_verify(activity=Activity.objects.get(), by=kapolsek_a)
    commitment = Commitment.objects.get()
    assert (commitment.status, str(commitment.due_on)) == (Commitment.Status.HISTORIC, "2020-02-09")
    # when the hourly sweep runs, then nobody is told it is overdue
    assert engagement.commitments_notify_overdue() == 0
    # and the public board calls it history, not late
    html = client.get(f"/komitmen/{VILLAGE_A}/").content.decode()
    assert "patroli rutin setiap malam" in html
    assert '<span class="status status-historic">Riwayat</span>' in html
    assert "Lewat tenggat</span>" not in html


def test_a_release_read_again_names_the_activity_it_is_already_recorded_as(
    sign_in, humas_editor, officer_b
):
    # given a release read and saved, with its address
    client = sign_in(humas_editor)
    client.post("/petugas/rilis/baca/simpan/", review_post())
    first = Activity.objects.get()
    warning = "Rilis yang mirip sudah pernah dicatat"
    link = f'<a href="/petugas/kegiatan/{first.pk}/">{TITLE}</a>'

    def review(title: str, text: str) -> str:
        page = client.post("/petugas/rilis/baca/", {"title": title, "text": text, "url": ""})
        assert page.status_code == 200
        return str(page.content.decode())

    # when it is pasted again from another site, without the address, its date two days on:
    # the same title near the same day
    html = review(TITLE, TEXT.replace("(20/11/2026)", "(22/11/2026)"))
    assert warning in html
    assert link in html
    # another site's headline over the same promise
    html = review("Warga Bontang Baru Curhat ke Kapolsek", TEXT)
    assert (warning in html, link in html) == (True, True)
    # and a session of two months later with the same headline and a new promise is no repeat
    later = TEXT.replace("(20/11/2026)", "(22/1/2027)").replace("rutin setiap malam", "di gang")
    assert warning not in review(TITLE, later)
    # nor is a release of another title and other promises
    other = TEXT.replace("patroli rutin setiap malam di pasar", "sosialisasi bahaya narkoba")
    assert warning not in review("Bhabinkamtibmas Sambangi Warga Bontang Baru", other)
    assert Activity.objects.count() == 1  # reading saves nothing
    # and an officer of another area reading the same release learns nothing of the record
    other = sign_in(officer_b).post("/petugas/rilis/baca/", {"title": TITLE, "text": TEXT})
    assert other.status_code == 200
    assert warning not in other.content.decode()
    assert f"/petugas/kegiatan/{first.pk}/" not in other.content.decode()


def test_a_file_leaves_out_a_release_like_one_recorded_and_says_which(sign_in, humas_editor):
    # given a file with a release, the same release from another site under another headline
    # and without its address, the first line again, and next week's session under the same
    # headline with the same standing promise
    next_week = TEXT.replace("(20/11/2026)", "(27/11/2026)")
    lines = [
        json.dumps({"id": "a", "title": TITLE, "text": TEXT, "url": URL}),
        json.dumps({"id": "b", "title": "Warga Bontang Baru Curhat ke Kapolsek", "text": TEXT}),
        json.dumps({"id": "c", "title": TITLE, "text": TEXT, "url": URL}),
        json.dumps({"id": "d", "title": TITLE, "text": next_week, "url": f"{URL}-2"}),
    ]
    upload = SimpleUploadedFile("rilis.jsonl", "\n".join(lines).encode(), "application/jsonl")
    sign_in(humas_editor).post("/petugas/rilis/impor/", {"file": upload})
    job = ImportJob.objects.get()
    # when the worker reads it
    assert services.import_run(job_id=job.pk) == 2
    job.refresh_from_db()
    # then the first is recorded once, the third counts as a repeat, and the second is left
    # out with the activity it looks like, so its promise is on the board once; next week's
    # session is its own
    assert (job.created, job.repeated) == (2, 1)
    assert job.skip_reasons == [
        (
            2,
            f"mirip kegiatan yang sudah dicatat: {TITLE}, 20 November 2026; tempel rilis ini "
            "untuk memeriksanya",
        )
    ]
    with translation.override("en"):
        assert job.skip_reasons == [
            (
                2,
                f"like an activity already recorded: {TITLE}, 20 November 2026; paste this "
                "release to check it",
            )
        ]
    assert (Activity.objects.count(), Commitment.objects.count()) == (2, 2)


def test_a_line_the_reader_cannot_place_says_what_is_missing_in_the_readers_words(
    sign_in, humas_editor
):
    # given a release that names no place, no unit and no date
    text = "Warga berkumpul dan meminta lampu jalan diperbaiki."
    upload = SimpleUploadedFile(
        "rilis.jsonl", json.dumps({"title": "Warga berkumpul", "text": text}).encode()
    )
    sign_in(humas_editor).post("/petugas/rilis/impor/", {"file": upload})
    job = ImportJob.objects.get()
    services.import_run(job_id=job.pk)
    job.refresh_from_db()
    # then its line names what is missing as words, not as the fields' names
    assert job.skip_reasons == [(1, "tidak terbaca: wilayah, satuan, tanggal")]
    with translation.override("en"):
        assert job.skip_reasons == [(1, "could not be read: area, unit, date")]
    # and a job saved before reasons were kept untranslated still shows its lines
    job.skipped = [[4, "tidak ada teks"], [5, "sebab yang tidak dikenal"]]
    with translation.override("en"):
        assert job.skip_reasons == [(4, "no text"), (5, "sebab yang tidak dikenal")]


def test_a_promise_s_term_in_the_release_fills_its_deadline(sign_in, humas_editor):
    # the promise "within one week" of a Jumat Curhat held on 20 November is due on the 27th
    termed = TEXT.replace(
        "setiap malam di pasar.", "setiap malam di pasar dalam waktu satu minggu."
    )
    page = sign_in(humas_editor).post(
        "/petugas/rilis/baca/", {"title": TITLE, "text": termed, "url": URL}
    )
    assert 'name="commitments_due" value="2026-11-27"' in page.text
