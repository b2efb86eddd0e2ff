from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sinergi.cases import lookups
from sinergi.cases.models import Category
from sinergi.messaging.chat import msisdn
from sinergi.platform.fields import date_field, phone_field

# Photos above this are made smaller on the phone before they are sent (a weak signal).
PHOTO_SHRINK_ABOVE = 1_500_000
BAD_POSITION = _("Lokasi dari perangkat tidak terbaca. Muat ulang halaman lalu coba lagi.")


def category_choices(
    categories: list[Category] | None = None,
) -> list[tuple[str, list[tuple[int, str]]]]:
    groups: dict[str, list[tuple[int, str]]] = {}
    for category in Category.objects.filter(active=True) if categories is None else categories:
        groups.setdefault(str(Category.Kind(category.kind).label), []).append(
            (category.pk, str(category))
        )
    return list(groups.items())


class CaseForm(forms.Form):
    """The public form: everything but the village, which the view resolves (code or search)."""

    category = forms.TypedChoiceField(label=_("Jenis laporan"), coerce=int, choices=())
    description = forms.CharField(
        label=_("Apa yang terjadi?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "data-counter": ""}),
        help_text=_("Tulis sejelas mungkin: apa, di mana, kapan."),
    )
    place = forms.CharField(label=_("Tempat / alamat (jika ada)"), max_length=200, required=False)
    time_window = forms.CharField(
        label=_("Waktu rawan (untuk permintaan patroli)"),
        max_length=100,
        required=False,
        help_text=_("mis. malam hari pukul 22.00–02.00"),
    )
    event_name = forms.CharField(
        label=_("Nama kegiatan (untuk permohonan pengamanan)"), max_length=150, required=False
    )
    event_date = date_field(_("Tanggal kegiatan"), required=False)
    crowd_size = forms.IntegerField(
        label=_("Perkiraan jumlah peserta"), min_value=1, max_value=10_000_000, required=False
    )
    organiser = forms.CharField(label=_("Penyelenggara kegiatan"), max_length=150, required=False)
    event_time = forms.CharField(
        label=_("Jam kegiatan"), max_length=40, required=False, help_text=_("mis. 08.00–12.00")
    )
    reach = forms.ChoiceField(
        label=_("Lingkup peserta kegiatan"),
        required=False,
        choices=[
            ("", _("— pilih —")),
            ("desa", _("Desa/kelurahan")),
            ("kecamatan", _("Kecamatan")),
            ("kabupaten", _("Kabupaten/kota")),
            ("provinsi", _("Provinsi")),
        ],
    )
    # the phone's position, added by "Gunakan lokasi saya" (static/js/sinergi.js): patrol
    # requests a few metres apart become one hotspot. Hidden fields have no place on the page
    # for a message of their own: theirs say what to do (_form_errors.html shows them).
    latitude = forms.FloatField(
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), BAD_POSITION),
    )
    longitude = forms.FloatField(
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), BAD_POSITION),
    )
    link = forms.URLField(
        label=_("Tautan konten (untuk laporan hoaks)"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    photo = forms.ImageField(
        label=_("Foto (tidak wajib)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    anonymous = forms.BooleanField(label=_("Kirim tanpa nama (anonim)"), required=False)
    name = forms.CharField(
        label=_("Nama"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = phone_field(
        _("Nomor HP/WhatsApp (tidak wajib, untuk kabar perkembangan)"),
        widget=forms.TextInput(
            attrs={
                "type": "tel",
                "autocomplete": "tel",
                "inputmode": "tel",
                "placeholder": "0812 3456 7890",
            }
        ),
        help_text=_("Kabar perkembangan dikirim lewat SMS bila Anda tidak mengisi surel."),
    )
    email = forms.EmailField(
        label=_("Surel (tidak wajib)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    idempotency_key = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        required=False,
        error_messages={"max_length": _("Formulir ini rusak. Muat ulang halaman lalu kirim lagi.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)  # noqa: S101 -- declared just above
        # one list serves the choices and, once bound, the chosen category itself
        self.categories = {c.pk: c for c in lookups.active_categories()}
        category.choices = [("", _("— pilih —")), *category_choices(list(self.categories.values()))]
        # the page shows the fields each kind needs with it (static/js/citizen-form.js)
        category.widget.attrs["data-kinds"] = "category-kinds"
        self.fields["photo"].widget.attrs.update(
            {
                "data-max-bytes": str(settings.CASE_PHOTO_MAX_BYTES),
                "data-shrink-above": str(PHOTO_SHRINK_ABOVE),
                "data-msg-shrinking": _("Foto sedang dikecilkan…"),
                "data-msg-shrunk": _("Foto dikecilkan menjadi %(size)s MB agar cepat terkirim."),
                "data-msg-too-big": _(
                    "Foto ini %(size)s MB, lebih dari batas %(max)s MB. Pilih foto lain."
                ),
            }
        )

        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    @property
    def category_kinds(self) -> dict[str, str]:
        return {str(pk): c.kind for pk, c in self.categories.items()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        category_id = data.get("category")
        category = self.categories.get(category_id) if category_id else None
        if category is None:
            return data
        data["category_obj"] = category
        if category.kind == Category.Kind.PENGAMANAN and not data.get("event_date"):
            self.add_error(
                "event_date", _("Tanggal kegiatan wajib diisi untuk permohonan pengamanan.")
            )
        if category.kind == Category.Kind.HOAKS and not (data.get("link") or data.get("photo")):
            self.add_error("link", _("Sertakan tautan atau tangkapan layar kontennya."))
        if not data.get("anonymous") and not data.get("name"):
            self.add_error("name", _("Isi nama Anda, atau centang “anonim”."))
        return data

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        details: dict[str, Any] = {}
        for key in ("time_window", "event_name", "organiser", "event_time", "reach", "link"):
            if data.get(key):
                details[key] = data[key]
        if data.get("event_date"):
            details["event_date"] = data["event_date"].isoformat()
        if data.get("crowd_size"):
            details["crowd_size"] = data["crowd_size"]
        return details


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Kode lacak"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "placeholder": "SNG-XXXX-XXXX"}
        ),
    )


class RecoverForm(forms.Form):
    contact = forms.CharField(
        label=_("Nomor HP atau surel yang Anda isi saat melapor"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email tel", "inputmode": "email"}),
    )

    def clean_contact(self) -> str:
        contact = str(self.cleaned_data["contact"]).strip()
        if "@" in contact:
            try:
                validators.validate_email(contact)
            except ValidationError as exc:
                raise ValidationError(_("Surel ini tidak valid.")) from exc
        elif msisdn(contact) is None:
            raise ValidationError(_("Tulis nomor HP (8–15 angka) atau alamat surel."))
        return contact


class OfficerCaseForm(CaseForm):
    """An officer records what a citizen raised at a session (Jumat Curhat, sambang, rapat)."""

    session = forms.CharField(
        label=_("Kegiatan tempat aspirasi disampaikan"),
        max_length=200,
        required=False,
        help_text=_("mis. Jumat Curhat di Balai Kelurahan Bontang Baru, 21 November"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["anonymous"].initial = True
        self.fields["description"].label = _("Aspirasi atau keluhan yang disampaikan")

    def details(self) -> dict[str, Any]:
        details = super().details()
        if self.cleaned_data.get("session"):
            details["session"] = self.cleaned_data["session"]
        return details
