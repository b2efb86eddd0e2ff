"""Stored keys as the words people read: a case's details ({"crowd_size": 300}) are shown as
"Perkiraan peserta: 300", never as the raw key."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

DETAIL_LABELS = {
    "time_window": _("Waktu rawan"),
    "event_name": _("Nama kegiatan"),
    "event_date": _("Tanggal kegiatan"),
    "event_time": _("Jam kegiatan"),
    "crowd_size": _("Perkiraan peserta"),
    "organiser": _("Penyelenggara kegiatan"),
    "reach": _("Lingkup peserta kegiatan"),
    "link": _("Tautan konten"),
    "session": _("Dari kegiatan"),
    "media_url": _("Lampiran"),
    # a request read from a release (engagement.services.release_request_file)
    "asked_by": _("Disampaikan oleh (menurut rilis)"),
    "release": _("Alamat rilis"),
}
# links kept for the system (the activity an aspiration came from has its own link; which of
# a release's requests a case was filed from; the demo's mark on its history)
HIDDEN = {"activity", "request", "demo_history"}


@register.filter
def labelled_details(details: Any, linked: Any = None) -> list[tuple[str, Any]]:
    """linked: the activity the case was heard at is linked on the page already, so its title
    ("session") is not said a second time."""
    if not isinstance(details, dict):
        return []
    hidden = HIDDEN | {"session"} if linked else HIDDEN
    return [
        (str(DETAIL_LABELS.get(key, key.replace("_", " ").capitalize())), value)
        for key, value in details.items()
        if key not in hidden and value not in ("", None)
    ]
