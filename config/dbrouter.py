"""Where a query goes when `DATABASE_REPLICA_URL` adds a read replica (alias `replica`).

Writes always go to the primary (`default`). Reads go to the replica only inside
`reading_from_replica()` — a context manager and decorator that the dashboards' read functions
wear (dashboards selectors, planner, geo, board, recap; early_warning index_selectors) — and
only while no transaction is open on the primary. Everything else reads the primary.

Why a flag the read functions set, and not a router that guesses or `.using()` at every query:
a dashboard figure is one function over many models and helpers (`cases.figures`, area look-ups),
and a forgotten `.using()` would silently read the primary; a router that guessed from the model
would send a session, a freshly written case or a row about to be locked to a replica that may lag
behind. The flag says "this whole read may be a few seconds old", which is true of a figure and
false of a sign-in, so it sits on the figures and nowhere else. A read inside a transaction on the
primary (a service that reads, then writes) stays with that transaction.

Without `DATABASE_REPLICA_URL` there is no `replica` alias and every query reads `default`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

# Per thread and per asyncio task, so one request's flag never leaks into another's.
_reading: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def replica_alias() -> str:
    """The alias a replica-tolerant read should use right now."""
    if _reading.get() and has_replica() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return REPLICA
    return DEFAULT_DB_ALIAS


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads inside may come from the replica (a few seconds behind the primary)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """Reads: the replica inside `reading_from_replica()`, else the primary. Writes: the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        # Explicitly the primary outside the flag: Django would otherwise send a related read of
        # an object loaded from the replica back to the replica.
        return replica_alias()

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database, two doors to it

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica gets its tables by replication
