"""The form fields every app's forms ask with: a date, a time, a local date and time, a set of
ticks, a note, a phone number. One widget each, so a phone shows the same picker everywhere.

The browser's date and time inputs read and write ISO values ("2026-12-11", "09:00",
"2026-12-11T09:00") whatever the page's language: the widgets render those formats, never the
Indonesian "11-12-2026" / "09.00" a localised widget would write and the browser would drop.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LOCAL_DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def date_field(label: StrOrPromise, **kwargs: Any) -> forms.DateField:
    """A day, picked on the phone's calendar."""
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(label=label, widget=widget, **kwargs)


def time_field(label: StrOrPromise, **kwargs: Any) -> forms.TimeField:
    """A time of day, hours and minutes."""
    widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    return forms.TimeField(label=label, widget=widget, **kwargs)


def local_datetime_field(label: StrOrPromise, **kwargs: Any) -> forms.DateTimeField:
    """A day and time as typed in the place's own zone (the form's help text says which)."""
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME_FORMATS[0])
    return forms.DateTimeField(
        label=label, widget=widget, input_formats=LOCAL_DATETIME_FORMATS, **kwargs
    )


def ticks_field(
    label: StrOrPromise, choices: Sequence[tuple[str, Any]] = (), **kwargs: Any
) -> forms.MultipleChoiceField:
    """Boxes to tick, none needed unless ``required=True``."""
    kwargs.setdefault("required", False)
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs
    )


def note_field(label: StrOrPromise, *, rows: int = 2, **kwargs: Any) -> forms.CharField:
    """Free text over a few lines; ``rows`` is how tall the box starts."""
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def phone_field(label: StrOrPromise, **kwargs: Any) -> forms.RegexField:
    """A phone number as people type it (digits, spaces, dashes, a leading "+"); not needed
    unless ``required=True``."""
    kwargs.setdefault("required", False)
    return forms.RegexField(
        label=label,
        regex=r"^\+?[0-9 \-]{8,20}$",
        max_length=20,
        error_messages={"invalid": _("Nomor HP hanya berisi angka, 8–20 digit.")},
        **kwargs,
    )
