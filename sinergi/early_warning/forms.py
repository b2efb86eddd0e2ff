from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sinergi.areas.models import Area
from sinergi.early_warning.catalogue import (
    Credibility,
    ElectionKind,
    IssueCategory,
    IssueStatus,
    SourceReliability,
)
from sinergi.platform.fields import date_field

SEVERITY = [(n, str(n)) for n in range(1, 6)]


class IssueForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200, min_length=3)
    category = forms.ChoiceField(label=_("Kategori"), choices=IssueCategory.choices)
    severity = forms.TypedChoiceField(
        label=_("Tingkat keparahan (1 ringan – 5 sangat berat)"), choices=SEVERITY, coerce=int
    )
    area = forms.ChoiceField(label=_("Wilayah"))
    village = forms.CharField(
        label=_("Atau kode desa/kelurahan (mis. 64.74.01.1002)"), max_length=13, required=False
    )
    description = forms.CharField(
        label=_("Uraian"), widget=forms.Textarea, required=False, max_length=5000
    )
    source = forms.CharField(label=_("Sumber"), max_length=200, required=False)
    source_reliability = forms.ChoiceField(
        label=_("Keandalan sumber"), choices=SourceReliability.choices, initial="F"
    )
    credibility = forms.ChoiceField(
        label=_("Kebenaran informasi"), choices=Credibility.choices, initial="6"
    )
    tags = forms.CharField(
        label=_("Label, dipisah koma (mis. pilkada)"), max_length=200, required=False
    )

    def __init__(self, *args: Any, areas: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.code, str(a)) for a in areas]  # type: ignore[attr-defined]

    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=IssueStatus.choices)
    level = forms.TypedChoiceField(
        label=_("Terlokalisir di tingkat"),
        choices=[("", "—"), *Area.Level.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)


class LinkForm(forms.Form):
    codes = forms.CharField(
        label=_("Kode lacak laporan, dipisah koma"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "SNG-XXXX-XXXX"}),
    )


class ClarificationForm(forms.Form):
    text = forms.CharField(
        label=_("Klarifikasi untuk publik"), widget=forms.Textarea, min_length=20, max_length=3000
    )


class GradeForm(forms.Form):
    severity = forms.TypedChoiceField(
        label=_("Tingkat keparahan (1 ringan – 5 sangat berat)"), choices=SEVERITY, coerce=int
    )
    source_reliability = forms.ChoiceField(
        label=_("Keandalan sumber"), choices=SourceReliability.choices
    )
    credibility = forms.ChoiceField(label=_("Kebenaran informasi"), choices=Credibility.choices)
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)


class ElectionForm(forms.Form):
    name = forms.CharField(label=_("Nama pemilihan"), max_length=200, min_length=3)
    kind = forms.ChoiceField(label=_("Jenis"), choices=ElectionKind.choices)
    area = forms.ChoiceField(label=_("Wilayah"))
    vote_on = date_field(_("Hari pemungutan suara"))

    def __init__(self, *args: Any, areas: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.code, str(a)) for a in areas]  # type: ignore[attr-defined]


class StageForm(forms.Form):
    name = forms.CharField(label=_("Tahapan"), max_length=120, min_length=3)
    starts_on = date_field(_("Mulai"))
    ends_on = date_field(pgettext_lazy("ends", "Selesai"))
    intensity = forms.FloatField(
        label=_("Intensitas (0–1)"),
        min_value=0.0,
        max_value=1.0,
        help_text=_("mis. pemutakhiran data 0,3 · kampanye 0,7 · masa tenang 0,8 · pemungutan 1"),
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )
