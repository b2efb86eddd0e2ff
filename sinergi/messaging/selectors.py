"""Reads of the outbox, by what a message is about (the outbox knows no domain: "case:42")."""

from __future__ import annotations

from django.db.models import Q

from sinergi.messaging.models import Outbox


def outbox_undelivered(*, about: str, limit: int = 10) -> list[Outbox]:
    """Messages about one record that did not arrive (refused by the provider, failed after
    every try, or reported failed later), newest first."""
    failed = Q(status=Outbox.Status.FAILED) | Q(receipt=Outbox.Receipt.FAILED)
    return list(Outbox.objects.filter(failed, about=about).order_by("-created_at")[:limit])
