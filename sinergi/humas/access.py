"""THE RELEASE DOOR: who writes and who edits releases, and the one way to open a release."""

from __future__ import annotations

from django.http import HttpRequest

from sinergi.accounts import access as account_access
from sinergi.humas.models import Release
from sinergi.units.models import Post

WRITER_ROLES = {Post.Role.HUMAS_WRITER, Post.Role.HUMAS_EDITOR, Post.Role.ADMIN}
EDITOR_ROLES = {Post.Role.HUMAS_EDITOR, Post.Role.ADMIN}


def can_write(user: account_access.AnyUser, area_code: str) -> bool:
    return account_access.scope_of(user).covers(area_code) and bool(
        account_access.roles_of(user) & WRITER_ROLES
    )


def can_edit(user: account_access.AnyUser, area_code: str) -> bool:
    return account_access.scope_of(user).covers(area_code) and bool(
        account_access.roles_of(user) & EDITOR_ROLES
    )


def get_release_for_user(request: HttpRequest, pk: int) -> Release:
    """A release of the user's areas, for those who write or edit there; the same 404 otherwise."""
    found = (
        Release.objects.select_related("activity", "writer", "editor", "unit").filter(pk=pk).first()
    )
    return account_access.door(request, found, lambda r: can_write(request.user, r.area_id))
