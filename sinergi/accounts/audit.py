"""The one function that writes the audit trail."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sinergi.accounts.models import AuditEvent, User


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    ip = request.META.get("REMOTE_ADDR")
    return str(ip) if ip else None


def record(
    kind: str,
    *,
    actor: User | None = None,
    subject: User | None = None,
    request: HttpRequest | None = None,
    username: str = "",
    obj: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    real_actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        kind=kind,
        actor=real_actor,
        subject=subject,
        username=username[:150],
        ip=client_ip(request),
        path=(request.get_full_path()[:300] if request is not None else ""),
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "pk", "")) if obj is not None else "",
        data=data or {},
    )


def record_request(
    kind: str,
    request: HttpRequest,
    *,
    subject: User | None = None,
    obj: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """An event of whoever made the request: its signed-in user as the actor (none for an
    anonymous visitor), its address and path."""
    user = request.user
    actor = user if isinstance(user, User) else None
    return record(kind, actor=actor, subject=subject, request=request, obj=obj, data=data)
