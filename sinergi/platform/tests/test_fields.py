"""The shared form fields: the phone's pickers get ISO values whatever the page's language; a
phone number is read as people type it."""

from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.utils import translation

from sinergi.platform.fields import date_field, local_datetime_field, phone_field, time_field


class Pickers(forms.Form):
    day = date_field("Hari")
    at = time_field("Jam")
    when = local_datetime_field("Waktu")


def test_pre_filled_pickers_render_iso_values_in_indonesian_and_english():
    initial = {"day": date(2026, 12, 11), "at": time(9, 0), "when": datetime(2026, 12, 11, 9, 0)}
    for language in ("id", "en"):
        with translation.override(language):
            html = str(Pickers(initial=initial))
        # Indonesian formats ("11-12-2026", "09.00.00") are dropped by the browser's inputs
        assert 'type="date" name="day" value="2026-12-11"' in html
        assert 'type="time" name="at" value="09:00"' in html
        assert 'type="datetime-local" name="when" value="2026-12-11T09:00"' in html


def test_the_pickers_read_what_the_browser_sends():
    form = Pickers({"day": "2026-12-11", "at": "09:00", "when": "2026-12-11T09:00"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["day"], form.cleaned_data["at"]) == (date(2026, 12, 11), time(9, 0))
    assert form.cleaned_data["when"].replace(tzinfo=None) == datetime(2026, 12, 11, 9, 0)


class Contact(forms.Form):
    phone = phone_field("Telepon")


def test_a_phone_number_may_be_left_out_or_typed_with_spaces_dashes_and_a_plus():
    for typed in ("", "0812-3456-7890", "+62 812 3456 7890"):
        form = Contact({"phone": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["phone"] == typed


def test_a_phone_number_with_letters_or_too_few_digits_is_refused_with_one_message():
    for typed in ("telepon saya", "0812", "0812 34ab 7890"):
        form = Contact({"phone": typed})
        assert not form.is_valid()
        assert form.errors["phone"] == ["Nomor HP hanya berisi angka, 8–20 digit."]
