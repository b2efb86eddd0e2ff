"""When a requester wants the patrol (pure): "22:00-02:00", "jam 22 s/d 2", "malam", "dini hari".

A request about a window is answered only by a check-in made inside it; a request without a
readable window is answered by any counted check-in.
"""

from __future__ import annotations

import re
from datetime import time

Window = tuple[time, time]

_RANGE = re.compile(
    r"(?<!\d)(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|—|s/?d|sd|sampai|hingga|to)\s*"
    r"(?:jam|pukul)?\s*(\d{1,2})(?:[:.](\d{2}))?(?!\d)"
)
# Words for parts of the day, as people write them; the first that appears wins.
WORDS: tuple[tuple[str, Window], ...] = (
    ("dini hari", (time(0, 0), time(5, 0))),
    ("tengah malam", (time(23, 0), time(3, 0))),
    ("subuh", (time(3, 30), time(6, 0))),
    ("malam", (time(18, 0), time(5, 0))),
    ("pagi", (time(5, 0), time(11, 0))),
    ("siang", (time(11, 0), time(15, 0))),
    ("sore", (time(15, 0), time(18, 30))),
)


def parse(text: str) -> Window | None:
    """The window named in the text, or None when it names none (any time will do)."""
    folded = " ".join((text or "").lower().split())
    match = _RANGE.search(folded)
    if match:
        h1, m1, h2, m2 = match.groups()
        start_h, end_h = int(h1), int(h2)
        if start_h <= 24 and end_h <= 24:
            return (
                time(start_h % 24, int(m1 or 0) % 60),
                time(end_h % 24, int(m2 or 0) % 60),
            )
    for word, window in WORDS:
        if re.search(rf"\b{word}\b", folded):
            return window
    return None


def inside(moment: time, window: Window) -> bool:
    """Whether a local time of day lies in the window; a window may cross midnight."""
    start, end = window
    if start == end:
        return True
    if start < end:
        return start <= moment <= end
    return moment >= start or moment <= end
