"""A long-running loop's stop request: `make run`'s supervisor and `run_schedule` end their loop
cleanly on Ctrl-C (SIGINT) or a service manager's SIGTERM instead of dying mid-step.
Plain Python (no Django), so `config/serve.py` can use it before Django is set up."""

from __future__ import annotations

import signal
from types import FrameType


class Shutdown:
    """Installs the handlers when made; `requested` turns true on the first signal."""

    def __init__(self) -> None:
        self.requested = False
        signal.signal(signal.SIGINT, self._request)
        signal.signal(signal.SIGTERM, self._request)

    def _request(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True
