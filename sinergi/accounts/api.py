"""People with their contact details: only through the door in access.py."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from sinergi.accounts import access
from sinergi.accounts.schemas import PersonOut
from sinergi.areas.schemas import ErrorOut
from sinergi.platform.api import not_found

router = Router(tags=["people"])


@router.get("/{person_id}", response={200: PersonOut, 404: ErrorOut}, summary="One person")
def get_person(request: HttpRequest, person_id: int) -> PersonOut:
    with not_found("No person with this id."):
        person = access.get_person_for_user(request, person_id)
    return PersonOut.model_validate(person)
