"""Whether the menu shows Dasbor and Isu: only to those who may open them (analysts, leaders),
with the count of their areas' unread alerts (the in-app side of an alert)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sinergi.accounts.access import menu_roles, scope_of
from sinergi.early_warning.access import ISSUE_ROLES
from sinergi.early_warning.models import Alert


def early_warning(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"follows_issues": False}
    # lazy: pages that don't render the menu pay no query; the roles are read once per request
    follows = SimpleLazyObject(lambda: bool(menu_roles(request) & ISSUE_ROLES))
    return {"follows_issues": follows, "open_alerts": SimpleLazyObject(lambda: _open(request))}


def _open(request: HttpRequest) -> int:
    """Alerts of the user's areas nobody has read yet."""
    if not menu_roles(request) & ISSUE_ROLES:
        return 0
    return Alert.objects.filter(scope_of(request.user).q("area_id"), acknowledged_at=None).count()
