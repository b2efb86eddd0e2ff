"""`make run`: the web server (gunicorn) and the task worker together; Ctrl-C stops both.

python -m config.serve        # PORT, WEB_WORKERS, TASK_WORKERS from the environment
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from config.env import env_int, env_str
from sinergi.platform.shutdown import Shutdown

GRACE_SECONDS = 10


def commands() -> list[list[str]]:
    port = env_int("PORT", 8000)
    host = env_str("HOST", "127.0.0.1")
    web = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(env_int("WEB_WORKERS", 2)),
        "--threads",
        str(env_int("WEB_THREADS", 4)),
        "--timeout",
        "60",
        "--access-logfile",
        "-",
        "--graceful-timeout",
        str(GRACE_SECONDS),
    ]
    worker = [sys.executable, "manage.py", "run_worker", "--queue-name", "default"]
    schedule = [sys.executable, "manage.py", "run_schedule"]
    return [web, schedule] + [worker] * env_int("TASK_WORKERS", 1)


def main() -> int:
    procs = [subprocess.Popen(cmd) for cmd in commands()]  # noqa: S603 -- our own fixed commands
    port = env_int("PORT", 8000)
    print(f"Sinergi: http://127.0.0.1:{port}  (Ctrl-C stops the server and the task worker)")  # noqa: T201 -- the command's own output
    shutdown = Shutdown()
    code = 0
    while not shutdown.requested:
        for proc in procs:
            if proc.poll() is not None:
                print(f"{proc.args!r} exited with {proc.returncode}; stopping.", file=sys.stderr)  # noqa: T201 -- the command's own output
                code = proc.returncode or 1
                shutdown.requested = True
        time.sleep(0.3)
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
    return code


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.exit(main())
