"""People with their contact details: only through the door in access.py."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.errors import HttpError

from sinergi.accounts import access
from sinergi.accounts.schemas import PersonOut
from sinergi.areas.schemas import ErrorOut

router = Router(tags=["people"])


@router.get("/{person_id}", response={200: PersonOut, 404: ErrorOut}, summary="One person")
def get_person(request: HttpRequest, person_id: int) -> PersonOut:
    try:
        person = access.get_person_for_user(request, person_id)
    except Http404 as exc:
        raise HttpError(404, "No person with this id.") from exc
    return PersonOut.model_validate(person)
