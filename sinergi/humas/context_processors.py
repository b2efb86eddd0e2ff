"""Whether the menu shows Humas: to writers and editors of releases."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sinergi.accounts.access import menu_roles
from sinergi.humas.services import WRITER_ROLES


def humas(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"writes_releases": False}
    # lazy: pages that don't render the menu pay no query
    return {"writes_releases": SimpleLazyObject(lambda: bool(menu_roles(request) & WRITER_ROLES))}
