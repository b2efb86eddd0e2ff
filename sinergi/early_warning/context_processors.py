"""Whether the menu shows Dasbor and Isu: only to those who may open them (analysts, leaders)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sinergi.early_warning.access import can_follow_issues


def early_warning(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"follows_issues": False}
    # lazy: pages that don't render the menu pay no query
    return {"follows_issues": SimpleLazyObject(lambda: can_follow_issues(user))}
