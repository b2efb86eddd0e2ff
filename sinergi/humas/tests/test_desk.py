"""The Humas desk lists verified activities waiting for a release (and is in the menu); photos
are chosen and captioned; the dateline keeps its spacing."""

from __future__ import annotations

import pytest

from conftest import REGENCY, make_official
from sinergi.accounts.models import User
from sinergi.engagement.models import Activity
from sinergi.humas import services, writing
from sinergi.humas.models import Release, ReleasePhoto
from sinergi.humas.tests.helpers import photo, verified
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db


def menu_of(page: str) -> str:
    return page[page.index('<nav class="menu"') : page.index("</nav>")]


@pytest.fixture
def writer(db: object) -> User:
    return make_official("humas_writer", f"polres:{REGENCY}", Post.Title.HUMAS_WRITER)


def test_the_desk_lists_verified_activities_waiting_for_a_release(
    sign_in,
    bhabin_a,
    kapolsek_a,
    writer,
):
    # given a verified activity and a reported one
    waiting = verified(bhabin_a, kapolsek_a)
    client = sign_in(writer)
    page = client.get("/petugas/rilis/").text
    # then the desk offers the verified one, and the menu leads there
    assert f'action="/petugas/kegiatan/{waiting.pk}/rilis/"' in page
    assert 'href="/petugas/rilis/"' in menu_of(page)  # the Humas item of the menu
    # and the writer's own page says it waits, leading to the desk
    assert "1 kegiatan terverifikasi menunggu rilis" in client.get("/petugas/").text
    # when the writer makes its draft from the desk, it no longer waits
    client.post(f"/petugas/kegiatan/{waiting.pk}/rilis/")
    assert Release.objects.get().activity_id == waiting.pk
    assert "menunggu rilis" not in client.get("/petugas/").text
    assert (
        f'action="/petugas/kegiatan/{waiting.pk}/rilis/"' not in client.get("/petugas/rilis/").text
    )


def test_an_activity_read_from_a_published_release_is_not_released_again(
    sign_in, bhabin_a, kapolsek_a, writer
):
    # given a verified activity that the release reader made from an outside release
    read = verified(bhabin_a, kapolsek_a)
    Activity.objects.filter(pk=read.pk).update(
        source=Activity.Source.RELEASE, source_url="https://tribratanews.example/rilis-1"
    )
    client = sign_in(writer)
    # then neither the desk nor its page offers a draft, and a draft asked for anyway is refused
    assert f'action="/petugas/kegiatan/{read.pk}/rilis/"' not in client.get("/petugas/rilis/").text
    assert "Buat draf rilis" not in client.get(f"/petugas/kegiatan/{read.pk}/").text
    refused = client.post(f"/petugas/kegiatan/{read.pk}/rilis/", follow=True)
    assert "dibaca dari rilis yang sudah terbit" in refused.text
    assert not Release.objects.exists()


def test_the_menu_has_no_humas_for_a_bhabinkamtibmas(sign_in, bhabin_a):
    assert 'href="/petugas/rilis/"' not in menu_of(sign_in(bhabin_a).get("/petugas/kegiatan/").text)


def test_photos_are_chosen_and_captioned_and_published_with_their_captions(
    sign_in,
    bhabin_a,
    kapolsek_a,
    writer,
    humas_editor,
):
    activity = verified(bhabin_a, kapolsek_a, photos=[photo(), photo()])
    release = services.release_draft(activity=activity, by=writer)
    first, second = activity.photos.order_by("pk")
    # the draft offers both, each with a caption in the releases' manner
    assert list(ReleasePhoto.objects.values_list("photo_id", "caption")) == [
        (
            first.pk,
            f"Jumat Curhat Polsek Bontang Utara di Balai Kelurahan, "
            f"{writing.full_date(activity.held_at)}.",
        ),
        (
            second.pk,
            f"Jumat Curhat Polsek Bontang Utara di Balai Kelurahan, "
            f"{writing.full_date(activity.held_at)}.",
        ),
    ]
    client = sign_in(writer)
    # a chosen photo without a caption is refused and changes nothing
    client.post(
        f"/petugas/rilis/{release.pk}/foto/", {"photo": [second.pk], f"caption-{second.pk}": " "}
    )
    assert ReleasePhoto.objects.count() == 2
    chosen = client.post(
        f"/petugas/rilis/{release.pk}/foto/",
        {"photo": [second.pk], f"caption-{second.pk}": "Kapolsek berdialog dengan warga."},
        follow=True,
    )
    assert "Pilihan foto tersimpan." in chosen.text
    assert list(ReleasePhoto.objects.values_list("photo_id", "caption")) == [
        (second.pk, "Kapolsek berdialog dengan warga.")
    ]
    # the writer submits; the editor checks the faces, approves and publishes, each step saying
    # what it did; the page shows the chosen photo
    steps = [
        (client, "ajukan", {}, "Rilis diajukan ke editor."),
        (editor := sign_in(humas_editor), "setujui", {"minors_checked": "1"}, "Rilis disetujui"),
        (editor, "terbitkan", {}, "Rilis terbit di halaman berita."),
    ]
    for who, action, data, said in steps:
        answer = who.post(f"/petugas/rilis/{release.pk}/{action}/", data, follow=True)
        assert said in answer.text, action
    published = Release.objects.get(pk=release.pk)
    assert published.status == Release.Status.PUBLISHED
    page = client.get(f"/berita/{published.slug}/").text
    assert "<figcaption>Kapolsek berdialog dengan warga.</figcaption>" in page
    assert first.image.url not in page


def test_the_dateline_keeps_its_dash_and_spaces_when_edited(bhabin_a, kapolsek_a, writer):
    release = services.release_draft(activity=verified(bhabin_a, kapolsek_a), by=writer)
    for typed in ("Bontang –", "Bontang-", "  Bontang  ", "Bontang – "):
        edited = services.release_edit(
            release=release,
            by=writer,
            headline=release.headline,
            dateline=typed,
            body=release.body,
        )
        assert edited.dateline == "Bontang – "
