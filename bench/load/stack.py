"""The system under load: a fresh PostgreSQL database, the production server (gunicorn, DEBUG and
the demo off), K task workers, the scheduler, and the outside world it talks to (a fake WhatsApp /
Telegram provider and an SMTP sink, both real servers on 127.0.0.1).

Processes are started here one by one, not through config/serve.py, so a fault drill can kill one
and start its replacement, as systemd (Restart=always) would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
SECRET_KEY = "load-test-secret-key-not-for-production-0123456789abcdef"  # noqa: S105 -- a throw-away load-test stack on 127.0.0.1
WA_SECRET = "load-app-secret"  # noqa: S105 -- a throw-away load-test stack on 127.0.0.1
TG_TOKEN = "700123456:load-bot-token"  # noqa: S105 -- a throw-away load-test stack on 127.0.0.1
TG_SECRET = "load-telegram-secret"  # noqa: S105 -- a throw-away load-test stack on 127.0.0.1
TERRITORY = ["64.74"]
# Task workers run at a lower CPU priority, as docs/deploy.md advises: at peak the citizens'
# requests come first and the queue catches up afterwards.
WORKER_NICE = 10  # Kota Bontang: 15 villages, 3 districts


@dataclass
class Stack:
    port: int
    web_workers: int = 2
    task_workers: int = 2
    lease_seconds: int = 20
    dbname: str = field(default_factory=lambda: f"sinergi_load_{os.getpid()}")
    env: dict[str, str] = field(default_factory=dict)
    web: subprocess.Popen[bytes] | None = None
    schedule: subprocess.Popen[bytes] | None = None
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    started_workers: int = 0
    log_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="sinergi-load-")))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def configure(self, *, provider_url: str, smtp_port: int) -> None:
        """The process environment of this script and of every server: production settings,
        except plain HTTP on loopback (no TLS proxy here) and no per-address limits (every
        simulated citizen comes from 127.0.0.1)."""
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"{PG_SERVER}/{self.dbname}",
            "DB_CONN_MAX_AGE": "60",
            "DEBUG": "false",
            "SINERGI_DEMO": "false",
            "SECRET_KEY": SECRET_KEY,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "RATE_LIMIT_INTAKE_PER_MINUTE": "0",
            "RATE_LIMIT_TRACK_PER_MINUTE": "0",
            "RATE_LIMIT_LOGIN_PER_MINUTE": "0",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "WHATSAPP_APP_SECRET": WA_SECRET,
            "WHATSAPP_ACCESS_TOKEN": "load",
            "WHATSAPP_API_URL": provider_url,
            "TELEGRAM_BOT_TOKEN": TG_TOKEN,
            "TELEGRAM_SECRET_TOKEN": TG_SECRET,
            "TELEGRAM_API_URL": provider_url,
            "TASK_LEASE_SECONDS": str(self.lease_seconds),
            "LOG_LEVEL": "WARNING",
            # production serves hashed static files: collected once per run (seed)
            "STATIC_ROOT": str(self.log_dir / "static"),
        }
        os.environ.update(self.env)

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.dbname}"')

    def drop_database(self) -> None:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')

    def _spawn(self, args: list[str], name: str, *, nice: int = 0) -> subprocess.Popen[bytes]:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{name}.log").open("ab")
        return subprocess.Popen(  # noqa: S603 -- our own servers
            args,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=(lambda: os.nice(nice)) if nice else None,  # noqa: PLW1509 -- our own child, started before any thread
        )

    def start(self) -> None:
        import socket

        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                raise RuntimeError(f"port {self.port} is taken: an earlier run still serving?")
        self.web = self.spawn_web(self.port, "config.wsgi:application", "web")
        self.schedule = self._spawn([sys.executable, "manage.py", "run_schedule"], "schedule")
        for _ in range(self.task_workers):
            self.start_worker()
        self.wait_healthy(60)

    def spawn_web(self, port: int, app: str, name: str, *extra: str) -> subprocess.Popen[bytes]:
        """gunicorn serving `app`, as in production: WEB_WORKERS x LOAD_WEB_THREADS."""
        return self._spawn(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                *extra,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.web_workers),
                "--threads",
                os.environ.get("LOAD_WEB_THREADS", "4"),
                "--timeout",
                "60",
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            name,
        )

    def start_worker(self) -> str:
        self.started_workers += 1
        worker_id = f"load-{self.started_workers}"
        self.workers[worker_id] = self._spawn(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--queue-name",
                "default",
                "--worker-id",
                worker_id,
                "--interval",
                "0.2",
            ],
            worker_id,
            nice=WORKER_NICE,
        )
        return worker_id

    def wait_healthy(self, seconds: float, *, url: str = "") -> float:
        """Seconds until /sehat/ (or `url`) answers 200 (the database answers too)."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            try:
                with urllib.request.urlopen(url or f"{self.url}/sehat/", timeout=2) as response:  # noqa: S310 -- our own server on 127.0.0.1
                    if response.status == 200:
                        return time.monotonic() - start
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server not healthy after {seconds} s; logs in {self.log_dir}")

    def web_worker_pids(self) -> list[int]:
        assert self.web is not None
        children = Path(f"/proc/{self.web.pid}/task/{self.web.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill_web_worker(self) -> int:
        pid = self.web_worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def kill_worker(self, worker_id: str) -> int:
        process = self.workers.pop(worker_id)
        process.kill()
        process.wait()
        return process.pid

    def stop(self) -> None:
        processes = [p for p in (self.web, self.schedule, *self.workers.values()) if p]
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def seed(*, cases: int) -> dict[str, Any]:
    """Territory, units, the forum seats of every village (so each new case tells three people
    by e-mail), two officers with a signed-in session, and N older cases. Runs in this process
    after django.setup()."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sinergi.accounts.models import User
    from sinergi.areas.models import Area
    from sinergi.areas.services import areas_import
    from sinergi.cases.models import Case, Category
    from sinergi.units.models import Post, Unit
    from sinergi.units.services import post_assign, units_generate_default

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    areas_import(only=TERRITORY)
    units_generate_default()
    villages = list(Area.objects.filter(level=Area.Level.VILLAGE).order_by("code"))
    seats = [Post.Title.BHABINKAMTIBMAS, Post.Title.BABINSA, Post.Title.KEPALA_DESA]
    for village in villages:
        district = village.code.rsplit(".", 1)[0]
        units = {
            Post.Title.BHABINKAMTIBMAS: f"polsek:{district}",
            Post.Title.BABINSA: f"koramil:{district}",
            Post.Title.KEPALA_DESA: f"desa:{village.code}",
        }
        for title in seats:
            unit = Unit.objects.filter(key=units[title]).first()
            if unit is None:
                continue
            user = User.objects.create_user(
                username=f"{title}-{village.code}",
                email=f"{title}.{village.code}@load.test",
                name=f"{title} {village.name}",
            )
            post_assign(user=user, unit=unit, title=title, areas=[village])
    if cases:
        _seed_cases(connection, cases)
    sessions = {}
    for label, unit_key, title in (
        ("kapolsek", "polsek:64.74.01", Post.Title.KAPOLSEK),
        ("kapolres", "polres:64.74", Post.Title.KAPOLRES),
    ):
        user = User.objects.create_user(username=f"load-{label}", email=f"{label}@load.test")
        device = TOTPDevice.objects.create(user=user, name="load", confirmed=True)
        post_assign(user=user, unit=Unit.objects.get(key=unit_key), title=title)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["otp_device_id"] = device.persistent_id
        session.create()
        sessions[label] = session.session_key
    from sinergi.accounts.services import api_token_create

    partner = User.objects.create_user(username="load-partner-app", email="app@load.test")
    _, api_key = api_token_create(user=partner, name="the citizens' app")
    open_ids = list(
        Case.objects.filter(area__code__startswith="64.74.01.")
        .order_by("-id")
        .values_list("id", flat=True)[:500]
    )
    return {
        "villages": [v.code for v in villages],
        "category_id": Category.objects.get(slug="balap-liar").pk,
        "category_slug": "balap-liar",
        "sessions": sessions,
        "api_key": api_key,
        "case_ids": open_ids,
    }


def _seed_cases(connection: Any, count: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from cases import seed_cases

    seed_cases(connection, count)
