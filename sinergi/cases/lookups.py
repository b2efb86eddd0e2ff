"""What every public submission looks up, kept in each process for a short while.

The active categories and the current villages change only by an admin's edit or a territory
import, and the busiest path (intake: form, API, Open311) would otherwise read them on every
request. So each process keeps them for ``LOOKUP_CACHE_SECONDS`` (60): a category switched off,
or a village retired, is refused by every node within that time. ``forget()`` empties both (tests,
and an admin's save in this process).
"""

from __future__ import annotations

import threading
import time

from django.conf import settings

from sinergi.areas.models import Area
from sinergi.cases.models import Category

VILLAGES_KEPT = 20_000  # per process; about 100 bytes each

_lock = threading.Lock()
_categories: tuple[float, list[Category]] = (0.0, [])
_villages: dict[str, tuple[float, Area | None]] = {}


def _fresh(stamp: float) -> bool:
    return time.monotonic() - stamp < settings.LOOKUP_CACHE_SECONDS


def active_categories() -> list[Category]:
    """The active categories in their display order."""
    global _categories  # noqa: PLW0603 -- the process's one copy
    stamp, categories = _categories
    if not _fresh(stamp):
        categories = list(Category.objects.filter(active=True))
        _categories = (time.monotonic(), categories)
    return categories


def active_category(*, pk: int | None = None, slug: str | None = None) -> Category | None:
    for category in active_categories():
        if category.pk == pk or (slug is not None and category.slug == slug):
            return category
    return None


def current_village(code: str) -> Area | None:
    """A village that has not been retired, by its code; None for anything else."""
    if len(code) > len("00.00.00.0000"):
        return None
    kept = _villages.get(code)
    if kept is not None and _fresh(kept[0]):
        return kept[1]
    village = Area.objects.current().filter(code=code, level=Area.Level.VILLAGE).first()
    with _lock:
        if len(_villages) >= VILLAGES_KEPT:
            _villages.clear()
        _villages[code] = (time.monotonic(), village)
    return village


def forget() -> None:
    global _categories  # noqa: PLW0603 -- the per-process cache
    with _lock:
        _categories = (0.0, [])
        _villages.clear()
