"""The door to uploaded files (/media/…): each folder is served only to whoever may see the record
the file belongs to, through that record's own door. Nothing under MEDIA_ROOT is served blindly.

| folder        | who may fetch the file                                  | door                  |
|---------------|---------------------------------------------------------|-----------------------|
| cases/        | whoever may open the case                               | cases.access          |
| activities/   | anyone once a release with it is published; else the    | engagement.access     |
|               | activity's area                                         |                       |
| commitments/  | anyone (evidence of a promise kept is on the public     | engagement.access     |
|               | board)                                                  |                       |
| patrols/      | whoever may open the patrol plan of the check-in        | patrols.access        |
| events/       | whoever may open the event request of the attachment    | patrols.access        |
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase

# folder → "may this request fetch this file?"; each app registers the doors of its own folders
# when it is ready (`register`), through its record's own door: platform imports no domain app
DOORS: dict[str, Callable[[HttpRequest, str], bool]] = {}


def register(folder: str, door: Callable[[HttpRequest, str], bool]) -> None:
    DOORS[folder] = door


def media_view(request: HttpRequest, path: str) -> HttpResponseBase:
    """One uploaded file, after its record's door; the same 404 for missing and not-yours."""
    folder = path.split("/", 1)[0]
    door = DOORS.get(folder)
    if door is None or ".." in path.split("/") or not door(request, path):
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except OSError as exc:
        raise Http404 from exc
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=kind)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    if not kind.startswith("image/"):
        response["Content-Disposition"] = "attachment"
    return response
