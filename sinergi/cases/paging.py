"""Paging for big inboxes: nobody reads past a thousand cases, so nobody waits to count them."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """Counts at most COUNT_CAP + 1 rows; `capped` says the real number is larger."""

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        # counting needs no order: without it the database stops at the first COUNT_CAP+1 hits
        unordered = getattr(rows, "order_by", None)
        head = (unordered() if callable(unordered) else rows)[: COUNT_CAP + 1]
        counter = getattr(head, "count", None)  # a queryset counts in the database
        return int(counter()) if callable(counter) else len(head)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def cap(self) -> int:
        return COUNT_CAP
