"""The editorial flow: a draft from a verified activity, an editor's approval, then publishing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from conftest import REGENCY, make_official
from sinergi.accounts.models import User
from sinergi.cases import disclosure
from sinergi.cases.models import Case, Category
from sinergi.engagement.tests.helpers import jumat_curhat
from sinergi.humas import services
from sinergi.humas.models import Release
from sinergi.humas.tests.helpers import photo, verified
from sinergi.humas.writing import compose
from sinergi.units.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(db: object) -> User:
    return make_official("humas_writer", f"polres:{REGENCY}", Post.Title.HUMAS_WRITER)


def test_the_draft_is_written_from_the_record_in_the_house_style(bhabin_a, kapolsek_a, writer):
    release = services.release_draft(activity=verified(bhabin_a, kapolsek_a), by=writer)
    assert release.headline == "Polsek Bontang Utara Gelar Jumat Curhat, Warga Sampaikan 2 Aspirasi"
    assert release.dateline == "Bontang – "
    body = release.body
    assert body.startswith(
        "Polsek Bontang Utara menggelar kegiatan Jumat Curhat bersama tokoh agama dan warga di "
        "Balai Kelurahan, Kelurahan Bontang Baru, "
    )
    assert "Kegiatan dipimpin langsung oleh Kapolsek Bontang Utara AKP Rudi Santoso" in body
    assert "sekitar 40 peserta" in body
    assert (
        "Warga juga menyampaikan sejumlah aspirasi, antara lain Minta patroli malam di gang "
        "sekolah; Lampu jalan mati." in body
    )
    assert "di antaranya" not in body
    # the pesan kamtibmas as what it asked of the people, not "tentang kamtibmas umum"
    assert (
        "Kapolsek menyampaikan pesan kamtibmas agar warga bersama-sama menjaga keamanan dan "
        "ketertiban lingkungan dan menjaga suasana aman dan damai selama tahapan Pilkada." in body
    )
    assert "tentang kamtibmas umum" not in body
    # the rank before the name, as the seed releases quote
    assert (
        "“kami akan hadir setiap malam untuk menjaga lingkungan ini,” ujar Kapolsek Bontang Utara "
        "AKP Rudi Santoso." in body
    )
    # the promise answers the aspirations written before it
    assert (
        "Menanggapi hal tersebut, Bhabinkamtibmas berkomitmen melaksanakan patroli rutin setiap "
        "malam di sekitar sekolah" in body
    )
    assert (release.status, release.writer_id, release.editor_id) == ("draft", writer.pk, None)


def test_no_draft_before_the_leader_verified(bhabin_a, writer):
    activity = jumat_curhat(bhabin_a)
    with pytest.raises(services.ReleaseError):
        services.release_draft(activity=activity, by=writer)
    assert Release.objects.count() == 0


def test_a_release_is_not_published_without_an_editors_approval(
    bhabin_a, kapolsek_a, writer, humas_editor
):
    release = services.release_draft(activity=verified(bhabin_a, kapolsek_a), by=writer)
    with pytest.raises(services.ReleaseError):
        services.release_publish(release=release, by=writer)
    with pytest.raises(services.ReleaseError):
        services.release_publish(release=release, by=humas_editor)  # a draft, not approved
    release = services.release_submit(release=release, by=writer)
    with pytest.raises(services.ReleaseError):
        services.release_approve(release=release, by=writer, minors_checked=True)
    with pytest.raises(services.ReleaseError):
        services.release_publish(release=release, by=humas_editor)  # in review, not approved
    assert Release.objects.get().status == Release.Status.REVIEW

    services.release_approve(release=release, by=humas_editor, minors_checked=False)
    published = services.release_publish(release=release, by=humas_editor)
    assert (published.status, published.editor_id) == (Release.Status.PUBLISHED, humas_editor.pk)
    assert published.published_at is not None


def test_photos_block_publishing_until_the_editor_checked_for_minors(
    bhabin_a, kapolsek_a, writer, humas_editor, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    release = services.release_draft(
        activity=verified(bhabin_a, kapolsek_a, photos=[photo()]), by=writer
    )
    services.release_submit(release=release, by=writer)
    services.release_approve(release=release, by=humas_editor, minors_checked=False)
    with pytest.raises(services.ReleaseError):
        services.release_publish(release=release, by=humas_editor)
    assert Release.objects.get().status == Release.Status.APPROVED
    services.release_confirm_minors(release=release, by=humas_editor)
    assert services.release_publish(release=release, by=humas_editor).status == "published"


def test_the_news_pages_feed_and_api_show_only_what_was_published(
    client, bhabin_a, kapolsek_a, writer, humas_editor
):
    draft = services.release_draft(activity=verified(bhabin_a, kapolsek_a), by=writer)
    assert client.get("/api/v1/releases").json()["count"] == 0
    assert draft.headline.encode() not in client.get("/berita/feed/").content
    services.release_submit(release=draft, by=writer)
    services.release_approve(release=draft, by=humas_editor, minors_checked=True)
    release = services.release_publish(release=draft, by=humas_editor)

    feed = client.get("/berita/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert release.headline.encode() in feed.content
    page = client.get(f"/berita/{release.slug}/").content.decode()
    assert "Bontang – " in page
    assert f"Editor: {humas_editor.display_name}" in page
    assert client.get("/api/v1/releases").json()["items"][0]["slug"] == release.slug


def test_the_desk_and_a_release_stay_inside_the_area(sign_in, bhabin_a, kapolsek_a, writer):
    release = services.release_draft(activity=verified(bhabin_a, kapolsek_a), by=writer)
    outsider = make_official("humas_other", "polres:63.11", Post.Title.HUMAS_EDITOR)
    client = sign_in(outsider)
    assert client.get(f"/petugas/rilis/{release.pk}/").status_code == 404
    assert client.post(f"/petugas/rilis/{release.pk}/ajukan/").status_code == 404
    assert Release.objects.get().status == Release.Status.DRAFT


def test_a_cooling_system_visit_is_named_by_its_programme_and_promises_are_grouped():
    draft = compose(
        unit_name="Polres Bontang",
        kind="silaturahmi",
        title="",
        programs=["cooling_system"],
        held_at=datetime(2026, 11, 17, 3, 0, tzinfo=UTC),
        regency_name="Kota Bontang",
        village_label="",
        venue="Mako Polres Bontang",
        officials=[],
        partner_names=["Majelis A"],
        partner_groups=[],
        topics=[],
        attendance=None,
        minutes="",
        aspirations=[],
        commitments=[
            ("Kapolres", "mengerahkan personel"),
            ("Kapolres", "menjaga komunikasi dan koordinasi."),
        ],
    )
    assert draft.headline == "Polres Bontang Gelar Silaturahmi Cooling System Bersama Majelis A"
    assert draft.dateline == "Bontang – "
    assert draft.body.startswith(
        "Polres Bontang menggelar kegiatan Silaturahmi Cooling System bersama Majelis A di "
        "Mako Polres Bontang, Selasa, 17 November 2026."
    )
    # no aspiration was written before the promises: nothing to answer "in answer to that"
    assert draft.body.endswith(
        "Dalam kegiatan itu, Kapolres berkomitmen mengerahkan personel serta menjaga "
        "komunikasi dan koordinasi."
    )


def test_a_confidential_aspiration_is_never_quoted_until_an_editor_confirms(
    bhabin_a, kapolsek_a, writer, humas_editor
):
    # given a verified Jumat Curhat where one aspiration was said in confidence
    quarrel = "Pak RT dan tetangga sebelah ribut soal batas tanah di Gang Mawar"
    activity = verified(bhabin_a, kapolsek_a, aspirations=("Lampu jalan mati", quarrel))
    Case.objects.filter(description=quarrel).update(
        category=Category.objects.get(slug="konflik-warga")
    )
    # when the draft is written, it quotes only the public one
    release = services.release_draft(activity=activity, by=writer)
    assert "Lampu jalan mati" in release.body
    assert "batas tanah" not in release.body
    # and when the writer pastes the confidential one in, approval is refused
    services.release_edit(
        release=release,
        by=writer,
        headline=release.headline,
        dateline=release.dateline,
        body=f"{release.body}\n\nWarga mengadukan bahwa pak RT dan tetangga sebelah ribut soal "
        "batas tanah.",
    )
    services.release_submit(release=release, by=writer)
    with pytest.raises(services.ReleaseError, match="mengutip aspirasi yang bersifat rahasia"):
        services.release_approve(release=release, by=humas_editor, minors_checked=False)
    assert Release.objects.get(pk=release.pk).status == Release.Status.REVIEW
    # unless the editor confirms it knowingly
    approved = services.release_approve(
        release=release, by=humas_editor, minors_checked=False, confidential_confirmed=True
    )
    assert (approved.status, approved.confidential_confirmed) == (Release.Status.APPROVED, True)
    # a return to the writer takes the confirmation back
    returned = services.release_return(release=release, by=humas_editor, note="Hapus kutipan.")
    assert returned.confidential_confirmed is False


def test_the_quote_rule():
    said = "Pak RT dan tetangga sebelah ribut soal batas tanah"
    assert disclosure.quotes("…katanya TETANGGA sebelah ribut, soal batas-tanah!", said)
    assert not disclosure.quotes("tetangga sebelah ribut", said)  # four words: not a quote
    assert disclosure.quotes("Ada narkoba di pos ronda.", "narkoba di pos")
    assert not disclosure.quotes("narkoba", "narkoba")  # too short to be anyone's words


def test_the_atom_feed_is_valid_rfc_4287(client, bhabin_a, kapolsek_a, writer, humas_editor):
    release = services.release_draft(activity=verified(bhabin_a, kapolsek_a), by=writer)
    services.release_submit(release=release, by=writer)
    services.release_approve(release=release, by=humas_editor, minors_checked=True)
    release = services.release_publish(release=release, by=humas_editor)
    root = ET.fromstring(client.get("/berita/feed/").content)  # noqa: S314 -- our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    # the feed and every entry carry id, title and updated; summaries are HTML paragraphs
    for element in (root, *root.findall(f"{atom}entry")):
        for required in ("id", "title", "updated"):
            assert element.find(f"{atom}{required}") is not None, required
    (entry,) = root.findall(f"{atom}entry")
    summary = entry.find(f"{atom}summary")
    assert summary.get("type") == "html"
    paragraphs = release.body.count("\n\n") + 1
    assert summary.text.count("<p>") == paragraphs
    assert summary.text.startswith("<p>Bontang – Polsek Bontang Utara menggelar")
