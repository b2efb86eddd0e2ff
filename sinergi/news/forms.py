"""The review form of an activity read from a release, and the upload of a file of releases."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.engagement.catalogue import GROUP_KINDS, ActivityType, Program, Topic
from sinergi.platform.fields import date_field, note_field, ticks_field, time_field


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class PasteForm(forms.Form):
    title = forms.CharField(label=_("Judul rilis"), max_length=300, required=False)
    url = forms.URLField(
        label=_("Alamat rilis (tidak wajib)"), max_length=500, required=False, assume_scheme="https"
    )
    text = note_field(_("Isi rilis"), rows=12, max_length=60_000)


class ReviewForm(forms.Form):
    """What the reader found, for a person to check before it becomes an activity."""

    kind = forms.ChoiceField(label=_("Jenis kegiatan"), choices=ActivityType.choices)
    extra_kinds = ticks_field(_("Jenis lain dalam kegiatan yang sama"), ActivityType.choices)
    programs = ticks_field(_("Program"), Program.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    unit = forms.TypedChoiceField(label=_("Satuan"), coerce=int, choices=())
    venue = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    held_on = date_field(_("Tanggal pelaksanaan"))
    # never pre-filled with a guess: only a time the release writes is filled in
    held_time = time_field(
        _("Jam pelaksanaan"), help_text=_("Isi sendiri bila rilis tidak menyebut jamnya.")
    )
    officials = note_field(
        _("Pejabat yang disebut"),
        rows=3,
        required=False,
        max_length=5000,
        help_text=_("Satu per baris: pangkat nama, jabatan."),
    )
    partner_groups = ticks_field(_("Mitra yang hadir"), [(k.value, k.label) for k in GROUP_KINDS])
    topics = ticks_field(_("Pesan kamtibmas"), Topic.choices)
    aspirations = note_field(
        _("Aspirasi menurut rilis"),
        rows=3,
        required=False,
        max_length=10_000,
        help_text=_(
            "Satu per baris: aspirasi | yang menyampaikan. Setelah disimpan, tiap aspirasi dapat "
            "dicatat sebagai kasus dari halaman kegiatan."
        ),
    )
    commitments = note_field(
        _("Komitmen menurut rilis"),
        rows=3,
        required=False,
        max_length=10_000,
        help_text=_(
            "Satu per baris: janji | yang berjanji. Tampil di papan komitmen publik setelah "
            "kegiatan diverifikasi; janji yang tenggatnya sudah lewat dicatat sebagai riwayat."
        ),
    )
    commitments_due = date_field(
        _("Tenggat komitmen"), required=False, help_text=_("Kosong: 30 hari setelah kegiatan.")
    )
    source_url = forms.URLField(
        label=_("Alamat rilis"), max_length=500, required=False, assume_scheme="https"
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=600)

    def __init__(self, *args: Any, units: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ChoiceField)  # noqa: S101 -- declared just above
        unit.choices = [(u.pk, u.name) for u in units]
        for name in ("officials", "aspirations", "commitments"):
            # the whole of what was read shows on a phone, without scrolling inside the box
            self.fields[name].widget.attrs["class"] = "grows"

    def lines(self, name: str) -> list[str]:
        return _lines(self.cleaned_data.get(name) or "")

    def said(self, name: str) -> tuple[list[str], list[str]]:
        """("what", "who") per line of "what | who" (who is "" without the bar)."""
        pairs = [line.partition("|") for line in self.lines(name)]
        kept = [(what.strip(), who.strip()) for what, _bar, who in pairs if what.strip()]
        return [what for what, _ in kept], [who for _, who in kept]


def said_lines(items: list[str], who: list[str]) -> str:
    """The textarea's "what | who" lines for the reviewer."""
    return "\n".join(f"{item} | {w}" if w else item for item, w in zip(items, who, strict=False))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas JSONL"),
        help_text=_('Satu rilis per baris: {"id": …, "title": …, "text": …, "url": …}'),
    )
