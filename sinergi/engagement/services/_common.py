"""What every engagement service shares: the error they raise, the timeline event they write,
the vocabulary check, and the removal of stored files when their rows fail."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from sinergi.accounts.models import User
from sinergi.engagement.catalogue import ActivityType, Program, Topic
from sinergi.engagement.models import Activity, ActivityEvent

MAX_ASPIRATIONS = 50
MAX_COMMITMENTS = 30


class EngagementError(ValueError):
    """Input an activity, partner or commitment cannot be made from; ``field`` names the field."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _event(
    activity: Activity, kind: str, *, by: User | None, message: str = "", **data: Any
) -> ActivityEvent:
    return ActivityEvent.objects.create(
        activity=activity, kind=kind, actor=by, message=message, data=data
    )


def _check_vocabulary(kind: str, programs: list[str], topics: list[str] | None = None) -> None:
    if kind not in ActivityType.values:
        raise EngagementError(_("Jenis kegiatan tidak dikenal."), field="kind")
    if any(p not in Program.values for p in programs):
        raise EngagementError(_("Program tidak dikenal."), field="programs")
    if topics and any(t not in Topic.values for t in topics):
        raise EngagementError(_("Topik pesan kamtibmas tidak dikenal."), field="topics")


def programs_of(kind: str, programs: list[str]) -> list[str]:
    """The programmes an activity of this kind belongs to: a Jumat Curhat is always of the Jumat
    Curhat programme (so recap, board and index count it alike), whatever else was ticked."""
    return list(dict.fromkeys([*([kind] if kind in Program.values else []), *programs]))


def _unstore(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
