"""Forms of engagement pages: plan, report (with aspirations and commitments), partner, close."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import User
from sinergi.areas import timezones
from sinergi.cases.forms import category_choices
from sinergi.cases.models import Category
from sinergi.engagement.catalogue import GROUP_KINDS, ActivityType, PartnerKind, Program, Topic
from sinergi.engagement.models import Partner
from sinergi.platform.fields import (
    date_field,
    local_datetime_field,
    note_field,
    phone_field,
    ticks_field,
)

# Ranks as usually written (LABELLING.md); the first word of an officials line, when it is one.
RANKS = (
    "Jenderal",
    "Komjen",
    "Irjen",
    "Brigjen",
    "Kombes",
    "AKBP",
    "Kompol",
    "AKP",
    "Iptu",
    "Ipda",
    "Aiptu",
    "Aipda",
    "Bripka",
    "Brigadir",
    "Briptu",
    "Bripda",
    "Abripda",
    "Bharada",
    "Mayjen",
    "Brigjen",
    "Kolonel",
    "Letkol",
    "Mayor",
    "Kapten",
    "Lettu",
    "Letda",
    "Peltu",
    "Pelda",
    "Serma",
    "Serka",
    "Sertu",
    "Serda",
    "Kopka",
    "Koptu",
    "Kopda",
    "Praka",
    "Pratu",
)
_RANK_BY_FOLD = {r.casefold(): r for r in RANKS}


def rank_of(word: str) -> str:
    """The rank as usually written ("AIPDA" → "Aipda"), or "" when the word is not one."""
    return _RANK_BY_FOLD.get(word.casefold(), "")


def parse_officials(text: str) -> list[dict[str, str | None]]:
    """One official per line, "AKP Rudi Santoso, Kapolsek Bontang Utara" → name, rank, position."""
    officials: list[dict[str, str | None]] = []
    for raw in text.splitlines():
        line = raw.strip(" -•\t")
        if not line:
            continue
        who, _sep, position = line.partition(",")
        words = who.split()
        rank = _RANK_BY_FOLD.get(words[0].casefold()) if words else None
        name = " ".join(words[1:] if rank else words)
        if name:
            officials.append(
                {"name": name[:120], "rank": rank, "position": position.strip() or None}
            )
    return officials[:30]


def format_officials(officials: Sequence[dict[str, Any]]) -> str:
    lines = []
    for o in officials:
        who = " ".join(str(p) for p in (o.get("rank"), o.get("name")) if p)
        lines.append(f"{who}, {o['position']}" if o.get("position") else who)
    return "\n".join(lines)


def official_line(user: User) -> str:
    """ "Aipda Agus Prasetyo": display_name already carries the rank (never "Aipda Aipda")."""
    return user.display_name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(f, initial) for f in files]


class PartnerChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Registered partners as "name · kind": two partners of one name are told apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} · {PartnerKind(obj.kind).label}"


class ActivityForm(forms.Form):
    """What the activity is, where, and when: the plan, and the head of an unplanned report."""

    kind = forms.ChoiceField(label=_("Jenis kegiatan"), choices=ActivityType.choices)
    programs = ticks_field(_("Program"), Program.choices)
    title = forms.CharField(
        label=_("Judul"),
        max_length=200,
        required=False,
        help_text=_("Boleh dikosongkan: dibuat dari jenis dan tempat."),
    )
    venue = forms.CharField(
        label=_("Tempat"),
        max_length=200,
        required=False,
        help_text=_("mis. Balai Kelurahan, Masjid Al-Ikhlas"),
    )
    when = local_datetime_field(_("Waktu"), help_text=timezones.typed_in())
    unit = forms.TypedChoiceField(label=_("Satuan"), coerce=int, choices=())
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: Any, units: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ChoiceField)  # noqa: S101 -- declared just above
        unit.choices = [(u.pk, u.name) for u in units]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


class ReportForm(forms.Form):
    """What happened; aspirations and commitments come in their own formsets."""

    held_at = local_datetime_field(_("Waktu pelaksanaan"), help_text=timezones.typed_in())
    attendance = forms.IntegerField(
        label=_("Jumlah peserta"), min_value=0, max_value=1_000_000, required=False
    )
    officials = note_field(
        _("Pejabat yang hadir"),
        rows=3,
        required=False,
        validators=[MaxLengthValidator(3000)],
        help_text=_("Satu per baris: pangkat nama, jabatan. Mis. AKP Rudi Santoso, Kapolsek"),
    )
    partners = PartnerChoiceField(
        label=_("Mitra yang hadir"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_groups = ticks_field(
        _("Kelompok yang hadir"), [(k.value, k.label) for k in GROUP_KINDS]
    )
    topics = ticks_field(_("Pesan kamtibmas yang disampaikan"), Topic.choices)
    minutes = note_field(
        _("Notulen / ringkasan"),
        rows=5,
        required=False,
        max_length=20000,
        help_text=_("Kutipan pejabat dalam tanda petik dipakai untuk draf rilis."),
    )
    photos = PhotosField(label=_("Foto kegiatan"), required=False)

    def __init__(self, *args: Any, partners: Sequence[int] = (), **kwargs: Any) -> None:
        """``partners``: the ids offered. A queryset here must stay unsliced: the field filters
        it to check the ticked ids, and a sliced one refuses every id ("“2” bukan nilai yang
        valid")."""
        super().__init__(*args, **kwargs)
        field = self.fields["partners"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 -- declared above
        field.queryset = Partner.objects.filter(pk__in=list(partners)).order_by("kind", "name")

    def clean_held_at(self) -> datetime:
        held_at: datetime = self.cleaned_data["held_at"]
        if held_at > timezone.now() + timedelta(hours=1):
            raise forms.ValidationError(_("Kegiatan yang belum terjadi tidak dapat dilaporkan."))
        return held_at


class NewPartnerForm(forms.Form):
    """A partner met for the first time, registered with the report in the activity's village."""

    name = forms.CharField(label=_("Nama mitra baru"), max_length=160)
    kind = forms.ChoiceField(
        label=_("Jenis mitra"), choices=PartnerKind.choices, initial=PartnerKind.TOKOH_MASYARAKAT
    )
    role = forms.CharField(
        label=_("Peran/jabatan (tidak wajib)"),
        max_length=120,
        required=False,
        help_text=_("mis. Ketua RT 05, imam masjid"),
    )


class AspirationForm(forms.Form):
    description = note_field(_("Aspirasi"), max_length=2000)
    category = forms.TypedChoiceField(label=_("Jenis"), coerce=int, choices=())
    name = forms.CharField(label=_("Nama warga (tidak wajib)"), max_length=120, required=False)
    phone = phone_field(_("Nomor HP (tidak wajib)"))
    # where the aspiration is about (not where the meeting was): a patrol request's hotspot
    place = forms.CharField(
        label=_("Tempat yang dimaksud"),
        max_length=200,
        required=False,
        help_text=_("mis. Gang Mawar dekat SD 005 — bukan tempat pertemuan"),
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, categories: Sequence[Category] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = {c.pk: c for c in categories}
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)  # noqa: S101 -- declared just above
        # in the reader's language, as on the public form (an admin's own name stays as typed)
        category.choices = category_choices(list(categories))
        category.initial = next(
            (c.pk for c in categories if c.kind == Category.Kind.ASPIRASI), None
        )

    def clean_category(self) -> Category:
        category = self.categories.get(self.cleaned_data["category"])
        if category is None:
            raise forms.ValidationError(_("Kategori ini tidak tersedia."))
        return category

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        category = data.get("category")
        patrol = isinstance(category, Category) and category.kind == Category.Kind.PATROLI
        if patrol and not (data.get("place") or "").strip():
            self.add_error("place", _("Sebutkan tempat yang diminta dipatroli."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            data["latitude"] = data["longitude"] = None
        return data


class ReleaseRequestForm(AspirationForm):
    """A request a release tells of, filed as a case: the release names no reporter to call
    back, so no name or phone is asked; the village is the picker's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name", "phone", "latitude", "longitude"):
            del self.fields[name]


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("Janji yang disampaikan"), max_length=300)
    owner = forms.TypedChoiceField(label=_("Yang bertanggung jawab"), coerce=int, choices=())
    owner_label = forms.CharField(
        label=_("Disampaikan oleh (jabatan)"),
        max_length=160,
        required=False,
        help_text=_("mis. Kapolsek Bontang Utara"),
    )
    due_on = date_field(_("Tenggat"))

    def __init__(self, *args: Any, owners: Sequence[User] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)  # noqa: S101 -- declared just above
        owner.choices = [(u.pk, official_line(u) or u.username) for u in owners]
        # the select always sends its first option: as the initial value, an untouched row
        # stays "unchanged" and is skipped instead of refusing the whole report
        owner.initial = owners[0].pk if owners else None
        self.owners = {u.pk: u for u in owners}

    def clean_owner(self) -> User:
        owner = self.owners.get(self.cleaned_data["owner"])
        if owner is None:
            raise forms.ValidationError(_("Pilih petugas yang bertanggung jawab."))
        return owner


class BaseRowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """Rows added on the phone; an untouched empty row is simply skipped."""

    def rows(self) -> list[dict[str, Any]]:
        return [f.cleaned_data for f in self.forms if f.has_changed() and f.cleaned_data]


AspirationFormSet = forms.formset_factory(
    AspirationForm, formset=BaseRowFormSet, extra=1, max_num=50, absolute_max=50, validate_max=True
)
NewPartnerFormSet = forms.formset_factory(
    NewPartnerForm, formset=BaseRowFormSet, extra=0, max_num=20, absolute_max=20, validate_max=True
)
CommitmentFormSet = forms.formset_factory(
    CommitmentForm, formset=BaseRowFormSet, extra=1, max_num=30, absolute_max=30, validate_max=True
)


class PartnerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=PartnerKind.choices)
    name = forms.CharField(label=_("Nama"), max_length=160)
    role = forms.CharField(label=_("Peran/jabatan"), max_length=120, required=False)
    address = forms.CharField(label=_("Alamat"), max_length=200, required=False)
    phone = phone_field(_("Telepon"))
    email = forms.EmailField(label=_("Surel"), required=False)
    note = note_field(_("Catatan"), rows=3, required=False, max_length=2000)


class RescheduleForm(forms.Form):
    """A planned activity's new time and place."""

    when = local_datetime_field(_("Waktu baru"), help_text=timezones.typed_in())
    venue = forms.CharField(label=_("Tempat"), max_length=200, required=False)


class ReturnForm(forms.Form):
    note = note_field(_("Yang harus diperbaiki"), rows=3, max_length=2000, min_length=5)


class CloseCommitmentForm(forms.Form):
    kept = forms.TypedChoiceField(
        label=_("Hasil"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Sudah ditepati")), ("0", _("Tidak ditepati / dibatalkan"))],
    )
    evidence = note_field(_("Yang dilakukan / alasan"), max_length=2000)
    photo = forms.ImageField(
        label=_("Foto bukti"),
        required=False,
        help_text=_(
            "Perlu untuk menutup sebagai ditepati bila belum ada bukti lain (kehadiran patroli, "
            "kegiatan, laporan warga, dokumen)."
        ),
    )
