"""Whether the menu shows Dasbor and Isu: only to those who may open them (analysts, leaders)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sinergi.accounts.access import AnyUser, scope_of
from sinergi.early_warning.access import can_follow_issues
from sinergi.early_warning.models import Alert


def early_warning(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"follows_issues": False}
    # lazy: pages that don't render the menu pay no query
    follows = SimpleLazyObject(lambda: can_follow_issues(user))
    return {"follows_issues": follows, "open_alerts": SimpleLazyObject(lambda: _open(user))}


def _open(user: AnyUser) -> int:
    """Alerts of the user's areas nobody has read yet: the in-app side of an alert."""
    if not can_follow_issues(user):
        return 0
    return Alert.objects.filter(scope_of(user).q("area_id"), acknowledged_at=None).count()
