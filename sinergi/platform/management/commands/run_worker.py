"""The task worker: django-tasks-db's db_worker, started again when the database goes away.

db_worker exits on a lost connection (a PostgreSQL restart, a failover); this one closes its
connections, waits RETRY_SECONDS and starts again, so the system recovers by itself. A task that
was running when the connection went stays RUNNING until its lease runs out, then run_schedule
queues it again (sinergi/platform/lease.py).
"""

from __future__ import annotations

import signal
import sys
import time
from types import FrameType
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorker

RETRY_SECONDS = 2


def _exit(signum: int, frame: FrameType | None) -> None:
    sys.exit(0)


class Command(DbWorker):
    help = "Runs queued tasks (db_worker) and outlives a database restart."

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                super().handle(*args, **options)
                return
            except (OperationalError, InterfaceError) as exc:
                self.stderr.write(
                    f"database lost ({type(exc).__name__}); the worker starts again in "
                    f"{RETRY_SECONDS} s"
                )
            connections.close_all()
            # a stop asked for while waiting ends the worker (db_worker's own handlers are gone)
            signal.signal(signal.SIGTERM, _exit)
            signal.signal(signal.SIGINT, _exit)
            time.sleep(RETRY_SECONDS)
