"""Hostile input on the public intake form and the reporter's answer on the tracking page:
never a 5xx, never half a case, always a clear Indonesian answer (property-based)."""

from __future__ import annotations

import html
import operator
import re
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import event, given
from hypothesis import strategies as st
from PIL import Image

from sinergi.accounts.models import User
from sinergi.cases import services, tracking
from sinergi.cases.models import Case, Category
from sinergi.cases.tests.helpers import counts, file_case
from sinergi.platform.tests.hostile import (
    BOUNDED,
    MULTIPART,
    NOT_PHOTOS,
    VALID_PHOTOS,
    content_types,
    file_names,
    hostile_text,
    multipart,
    photo_bytes,
    rolled_back,
)

pytestmark = pytest.mark.django_db

VILLAGE_A = "64.74.01.1002"
SLUGS = [
    "gangguan-kamtibmas",
    "balap-liar",
    "pencurian",
    "konflik-warga",
    "tempat-rawan",
    "kegiatan-keagamaan",
    "hoaks-media-sosial",
    "narkoba",
    "perilaku-petugas",
]
# Every message the form may answer with, by its start: Indonesian, from the form, the village
# search, Django's own (translated) validators and the photo check.
MESSAGES = (
    "Bidang ini tidak boleh kosong.",
    "Masukkan pilihan yang valid.",
    "Pastikan nilai ini ",
    "Desa/kelurahan tidak dikenal.",
    "Pilih desa atau kelurahan tempat kejadian.",
    "Tidak ada desa/kelurahan bernama itu.",
    "Beberapa desa cocok.",
    "Nomor HP hanya berisi angka",
    "Masukkan alamat email yang valid.",
    "Unggah gambar yang valid.",
    "Masukkan tanggal yang valid.",
    "Masukkan keseluruhan angka bilangan.",
    "Masukkan nomor.",
    "Masukkan URL yang valid.",
    "Foto terlalu besar",
    "Jenis berkas tidak didukung.",
    "Ukuran gambar terlalu besar.",
    "Berkas ini bukan foto yang dapat dibaca.",
    "Isi nama Anda, atau centang “anonim”.",
    "Sertakan tautan atau tangkapan layar kontennya.",
    "Tanggal kegiatan wajib diisi untuk permohonan pengamanan.",
    "Tidak ada berkas yang dikirimkan.",
    "Berkas yang dikirim kosong.",
    "Lokasi dari perangkat tidak terbaca.",
    "Formulir ini rusak.",
    "Pastikan nama berkas ini mempunyai paling banyak",
    "Ekstensi berkas “",
)
STORED_PHOTO = re.compile(r"cases/[0-9a-f]{24}\.(jpg|png|webp)")


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


numbers = st.one_of(
    st.floats().map(repr),
    st.integers().map(str),
    hostile_text,
    st.sampled_from(["nan", "inf", "-Infinity", "1e309", "0x10", "1_000", "٣"]),
)
intake_forms = st.fixed_dictionaries(
    {
        "category": st.one_of(
            st.sampled_from(SLUGS).map(lambda slug: ("slug", slug)),
            st.one_of(hostile_text, st.integers().map(str)).map(lambda raw: ("raw", raw)),
        ),
        "area": st.one_of(
            st.sampled_from([VILLAGE_A, VILLAGE_A, "64.74.02.1001", "64.74.01", "64.74", "63.11"]),
            hostile_text,
        ),
        "description": st.one_of(st.just("Balap liar tiap malam Minggu."), hostile_text),
        "anonymous": st.sampled_from(["on", "on", "", "off"]),
    },
    optional={
        name: optional(hostile_text)
        for name in (
            "area_q",
            "place",
            "time_window",
            "event_name",
            "organiser",
            "event_time",
            "name",
            "idempotency_key",
        )
    }
    | {
        "event_date": optional(st.one_of(st.dates().map(str), hostile_text)),
        "crowd_size": optional(numbers),
        "reach": optional(st.one_of(st.sampled_from(["desa", "provinsi"]), hostile_text)),
        "latitude": optional(numbers),
        "longitude": optional(numbers),
        "link": optional(st.one_of(st.just("https://x.example/hoaks"), hostile_text)),
        "phone": optional(st.one_of(st.just("0812 3456 7890"), hostile_text)),
        "email": optional(st.one_of(st.just("warga@example.org"), hostile_text)),
    },
)
photos = optional(st.tuples(file_names, content_types, photo_bytes))


def stored_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def shown_errors(response: Any) -> list[str]:
    context = response.context
    errors = [str(e) for field in context["form"].errors.values() for e in field]
    return [*errors, *(str(context.get(key) or "") for key in ("area_error", "too_big"))]


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any) -> None:
    # test_ratelimit.py tests the limits; here every example must reach the view
    settings.RATE_LIMIT_INTAKE_PER_MINUTE = settings.RATE_LIMIT_TRACK_PER_MINUTE = 0


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@given(fields=intake_forms, photo=photos, urlencoded=st.booleans())
@BOUNDED
def test_the_intake_form_files_one_whole_case_or_nothing(
    client: Client, media: Path, fields, photo, urlencoded
):
    # given
    data = {name: value for name, value in fields.items() if value is not None}
    kind, raw = data.pop("category")
    data["category"] = str(Category.objects.get(slug=raw).pk) if kind == "slug" else raw
    if photo is None and urlencoded:
        body, content_type = urlencode(data).encode(), "application/x-www-form-urlencoded"
    else:
        files = {"photo": photo} if photo is not None else {}
        body, content_type = multipart(data, files), MULTIPART
    root = media / "media"
    with rolled_back():
        try:
            # when
            response = client.post("/lapor/", body, content_type=content_type)
            # then (--hypothesis-show-statistics shows how often each outcome was tried)
            event(
                f"{response.status_code}, photo stored: {Case.objects.exclude(photo='').exists()}"
            )
            if response.status_code == 302:
                case = Case.objects.get()
                assert response["Location"] == f"/lacak/{case.tracking_code}/?baru=1"
                assert counts() == (1, 1, 1, 1)
                assert case.description == data["description"].strip()
                assert case.photo.name == "" or STORED_PHOTO.fullmatch(case.photo.name)
                assert stored_files(root) == ({case.photo.name} if case.photo.name else set())
                if case.photo.name:
                    assert Path(case.photo.path).resolve().is_relative_to(root.resolve())
                assert photo is not None or case.photo.name == ""
            else:
                assert response.status_code == 400
                assert counts() == (0, 0, 0, 0)
                assert stored_files(root) == set()
                errors = [e for e in shown_errors(response) if e]
                assert errors
                for error in errors:
                    assert error.startswith(MESSAGES), error
                    assert html.escape(error) in response.text
            # nothing ever lands outside the media folder
            assert {p.name for p in media.iterdir()} <= {"media"}
        finally:
            shutil.rmtree(root, ignore_errors=True)


FREE_TEXT = {
    "description": 5000,
    "place": 200,
    "time_window": 100,
    "event_name": 150,
    "organiser": 150,
    "event_time": 40,
}
free_forms = st.fixed_dictionaries(
    {name: hostile_text.map(operator.itemgetter(slice(limit))) for name, limit in FREE_TEXT.items()}
)
FORMAT_OF = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}


@given(
    fields=free_forms,
    photo=st.tuples(
        file_names | file_names.map(lambda name: f"{name}.jpg"),
        content_types,
        st.sampled_from([*VALID_PHOTOS, *NOT_PHOTOS]),
    ),
)
@BOUNDED
def test_free_text_is_kept_as_sent_and_a_photo_only_under_a_name_of_our_own(
    client: Client, media: Path, fields, photo
):
    # given a form that is valid but for what a person may type anything into, and a photo or
    # not-a-photo under any name and content type
    data = {
        **fields,
        "category": str(Category.objects.get(slug="tempat-rawan").pk),
        "area": VILLAGE_A,
        "anonymous": "on",
    }
    root = media / "media"
    with rolled_back():
        try:
            # when
            response = client.post(
                "/lapor/", multipart(data, {"photo": photo}), content_type=MULTIPART
            )
            # then
            event(
                f"{response.status_code}, photo stored: {Case.objects.exclude(photo='').exists()}"
            )
            if not fields["description"].strip():
                assert response.status_code == 400
                assert "Bidang ini tidak boleh kosong." in response.text
            if response.status_code == 400:
                assert set(response.context["form"].errors) <= {"description", "photo"}
                assert counts() == (0, 0, 0, 0)
                assert stored_files(root) == set()
                return
            assert response.status_code == 302
            case = Case.objects.get()
            assert counts() == (1, 1, 1, 1)
            assert (case.description, case.place) == (
                fields["description"].strip(),
                fields["place"].strip(),
            )
            assert case.details == {
                key: fields[key].strip()
                for key in ("time_window", "event_name", "organiser", "event_time")
                if fields[key].strip()
            }
            if case.photo.name:
                assert photo[2] in VALID_PHOTOS
                assert STORED_PHOTO.fullmatch(case.photo.name)
                assert stored_files(root) == {case.photo.name}
                stored = Path(case.photo.path).resolve()
                assert stored.is_relative_to(root.resolve())
                with Image.open(stored) as image:
                    assert image.format == FORMAT_OF[case.photo.name.rsplit(".", 1)[1]]
            else:
                # a name that is only a directory part ("..", "a/") leaves no file at all
                assert stored_files(root) == set()
        finally:
            shutil.rmtree(root, ignore_errors=True)


# -- the reporter's answer on the tracking page ---------------------------------------------------

STATES = ["baru", "selesai", "ditolak", "selesai-long-ago", "dirujuk", "dirujuk-long-ago"]
ANSWERS = st.one_of(st.sampled_from(["solved", "not_solved", "add", "SOLVED", ""]), hostile_text)


def closed_case(state: str, officer: User) -> Case:
    case = file_case()
    if state.startswith("selesai"):
        services.case_resolve(case=case, by=officer, note="Sudah ditertibkan.")
    elif state == "ditolak":
        services.case_reject(case=case, by=officer, reason="Bukan wewenang kami.")
    elif state.startswith("dirujuk"):
        services.case_refer(case=case, by=officer, agency="PDAM", reference="118")
    if state.endswith("long-ago"):
        Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=30))
    case.refresh_from_db()
    return case


def expected_answer(state: str, answer: str, comment: str) -> tuple[list[str], str]:  # noqa: PLR0911 -- one return per rule
    """The events the answer adds and the message the page shows: the rules, written out."""
    too_late = "Batas waktu membuka kembali (14 hari) sudah lewat. Silakan kirim laporan baru."
    reason_missing = "Ceritakan mengapa masalahnya belum selesai."
    reopened = "Laporan dibuka kembali dan diteruskan ke petugas."
    # the reporter's own words stay with the handlers: a private note beside the public answer
    noted = ["noted"] if comment.strip() else []
    if answer == "add":
        if not comment.strip():
            return [], "Tulis keterangan yang ingin ditambahkan."
        return ["noted"], "Keterangan Anda diteruskan ke petugas."
    # the two questions we ask: "is it solved?" and, for a referral, "did the agency act?"
    asked = state.startswith(("selesai", "dirujuk"))
    if answer == "solved":
        if asked:
            return ["feedback", *noted], "Terima kasih atas penilaian Anda."
        return [], "Penilaian hanya untuk laporan yang sudah selesai atau dirujuk."
    if answer != "not_solved":
        return [], "Pilih salah satu jawaban."
    if state.startswith("selesai") and not comment.strip():
        # a resolved case reopens with what is still wrong, for the officer to act on
        return [], "Ceritakan apa yang belum selesai, agar petugas tahu yang harus dilakukan."
    reason = comment or ("-" if asked else "")
    if not reason.strip():
        return [], reason_missing
    if state == "baru":
        return [], "Laporan ini tidak dapat dibuka kembali."
    if state == "selesai-long-ago":
        return [], too_late
    if state == "selesai" or state.startswith("dirujuk"):
        # a referral reopens whenever its reporter says the agency did not act: we asked them
        return ["feedback", *noted, "reopened"], reopened
    # a contested decline: the reporter's words stay a private note beside the public step
    return ["noted", "reopened"], reopened


@given(state=st.sampled_from(STATES), answer=ANSWERS, comment=hostile_text)
@BOUNDED
def test_the_reporters_answer_changes_exactly_what_the_rules_say(
    client: Client, bhabin_a: User, state, answer, comment
):
    with rolled_back():
        # given
        case = closed_case(state, bhabin_a)
        before = list(case.events.values_list("pk", flat=True))
        added, message = expected_answer(state, answer, comment[:2000])
        # when
        key = tracking.reporter_key(case.reporters.get().pk)
        response = client.post(
            f"/lacak/{case.tracking_code}/tanggapan/",
            {"answer": answer, "comment": comment, "k": key},
            follow=True,
        )
        # then
        assert response.redirect_chain == [(f"/lacak/{case.tracking_code}/", 302)]
        assert html.escape(message) in response.text
        new = case.events.exclude(pk__in=before).order_by("pk")
        assert list(new.values_list("kind", flat=True)) == added
        case.refresh_from_db()
        assert (case.closed_at is None) == ("reopened" in added or state == "baru")


@given(code=hostile_text, answer=ANSWERS)
@BOUNDED
def test_an_answer_for_a_code_that_does_not_exist_is_404_and_changes_nothing(
    client: Client, code, answer
):
    response = client.post(f"/lacak/{quote(code, safe='')}/tanggapan/", {"answer": answer})
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
    assert counts() == (0, 0, 0, 0)
