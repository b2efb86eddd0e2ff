"""A case's details as words on its page: labelled, the system's own keys left out."""

from __future__ import annotations

from sinergi.home.templatetags.field_labels import labelled_details


def test_details_are_labelled_and_the_systems_keys_are_not_shown():
    details = {
        "crowd_size": 300,
        "activity": 7,
        "request": 0,
        "demo_history": True,
        "session": "Jumat Curhat",
        "asked_by": "Ibu Eva",
        "place_note": "",
    }
    assert [(str(k), v) for k, v in labelled_details(details)] == [
        ("Perkiraan peserta", 300),
        ("Dari kegiatan", "Jumat Curhat"),
        ("Disampaikan oleh (menurut rilis)", "Ibu Eva"),
    ]
    # with the activity linked on the page, its title is not said again
    assert [str(k) for k, _v in labelled_details(details, linked=True)] == [
        "Perkiraan peserta",
        "Disampaikan oleh (menurut rilis)",
    ]
