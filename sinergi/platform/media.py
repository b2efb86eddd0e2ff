"""The door to uploaded files (/media/…): each folder is served only to whoever may see the record
the file belongs to, through that record's own door. Nothing under MEDIA_ROOT is served blindly.

| folder        | who may fetch the file                                                  |
|---------------|-------------------------------------------------------------------------|
| cases/        | whoever may open the case (cases.access.get_case_for_user)              |
| activities/   | anyone once a release with it is published; else the activity's area   |
| commitments/  | anyone (evidence of a promise kept is shown on the public board)        |
| patrols/      | whoever may open the patrol plan of the check-in                        |
| events/       | whoever may open the event request of the attachment                    |
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase

from sinergi.accounts.access import scope_of


def _case(request: HttpRequest, name: str) -> bool:
    from sinergi.cases import access  # noqa: PLC0415 -- home is imported by every app
    from sinergi.cases.models import Case  # noqa: PLC0415 -- as above

    case = Case.objects.filter(photo=name).only("pk").first()
    return case is not None and access.get_case_for_user(request, case.pk) is not None


def _activity(request: HttpRequest, name: str) -> bool:
    from sinergi.engagement.models import ActivityPhoto  # noqa: PLC0415 -- platform imports no domain app at load

    photo = ActivityPhoto.objects.filter(image=name).select_related("activity").first()
    if photo is None:
        return False
    if photo.activity.releases.filter(status="published").exists():
        return True
    return scope_of(request.user).covers(photo.activity.area_id)


def _commitment(request: HttpRequest, name: str) -> bool:
    from sinergi.engagement.models import Commitment  # noqa: PLC0415 -- platform imports no domain app at load

    return Commitment.objects.filter(evidence_photo=name).exists()


def _patrol(request: HttpRequest, name: str) -> bool:
    from sinergi.patrols import access  # noqa: PLC0415 -- platform imports no domain app at load
    from sinergi.patrols.models import CheckIn  # noqa: PLC0415 -- platform imports no domain app at load

    checkin = CheckIn.objects.filter(photo=name).only("plan_id").first()
    return checkin is not None and access.get_plan_for_user(request, checkin.plan_id) is not None


def _event(request: HttpRequest, name: str) -> bool:
    from sinergi.patrols import access  # noqa: PLC0415 -- platform imports no domain app at load
    from sinergi.patrols.models import EventAttachment  # noqa: PLC0415 -- platform imports no domain app at load

    attachment = EventAttachment.objects.filter(file=name).only("request_id").first()
    return attachment is not None and (
        access.get_event_request_for_user(request, attachment.request_id) is not None
    )


DOORS: dict[str, Callable[[HttpRequest, str], bool]] = {
    "cases": _case,
    "activities": _activity,
    "commitments": _commitment,
    "patrols": _patrol,
    "events": _event,
}


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
