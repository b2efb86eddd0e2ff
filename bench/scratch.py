"""What the benchmarks on PostgreSQL share: a scratch database made for the run (Django set up
on it, migrated) and dropped after it, the territory and officials on it, our own gunicorn, client
threads, and the percentile line they print.

Django is set up only inside `scratch_database`, so what needs it imports it when called."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def line(label: str, timings: list[float], extra: str = "") -> None:
    print(
        f"{label}: n={len(timings)} p50 {statistics.median(timings):.1f} ms, "
        f"p95 {pct(timings, 95):.1f} ms, p99 {pct(timings, 99):.1f} ms{extra}"
    )


@contextmanager
def scratch_database(
    name: str, *, dbname: str = "", keep: bool = False, env: dict[str, str] | None = None
) -> Iterator[str]:
    """A fresh PostgreSQL database for this run (`dbname`, else sinergi_bench_<name>_<pid>),
    Django set up on it and migrated; dropped afterwards unless `keep`. `env` adds settings."""
    import psycopg

    dbname = dbname or f"sinergi_bench_{name}_{os.getpid()}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{dbname}"')
    url = f"{PG_SERVER}/{dbname}"
    os.environ.update(
        DATABASE_URL=url,
        SINERGI_DEMO="true",
        DJANGO_SETTINGS_MODULE="config.settings",
        **(env or {}),
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield url
    finally:
        from django.db import connections

        connections.close_all()
        if keep:
            print(f"kept: {url}")
        else:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def plain_static_files() -> None:
    """Pages rendered in-process without collectstatic's manifest, as the test client's host."""
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def territory(only: list[str] | None = None) -> None:
    """The areas (every one, or the subtrees of `only`) and the default units over them."""
    from sinergi.areas.services import areas_import
    from sinergi.units.services import units_generate_default

    areas_import(only=only)
    units_generate_default()


def official(username: str, unit_key: str, title: str, areas: tuple[str, ...] = ()) -> Any:
    """A throw-away bench account holding a post in the unit, over the villages in `areas`."""
    from sinergi.accounts.models import User
    from sinergi.areas.models import Area
    from sinergi.units.models import Unit
    from sinergi.units.services import post_assign

    user = User.objects.create_user(username=username, password="x")  # noqa: S106 -- a throw-away bench account
    post_assign(
        user=user,
        unit=Unit.objects.get(key=unit_key),
        title=title,
        areas=list(Area.objects.filter(code__in=areas)),
    )
    return user


def signed_in(user: Any) -> Any:
    """A test client signed in as the user with both factors done (a confirmed TOTP device)."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def numbered(cur: Any, table: str, select: str, params: list[str] | None = None) -> int:
    """Creates the temporary table `table` from `select`, whose first column numbers its rows
    (`row_number() OVER (…) AS n`) so that the seeding SQL can pick rows by number; returns how
    many rows it holds."""
    cur.execute(f"CREATE TEMP TABLE {table} AS {select}", params)
    cur.execute(f"SELECT count(*) FROM {table}")
    return int(cur.fetchone()[0])


def run_threads(client: Callable[[int], None], count: int) -> float:
    """Runs client(0) … client(count - 1) in threads at once; the wall time in seconds."""
    workers = [threading.Thread(target=client, args=(n,)) for n in range(count)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - started


@contextmanager
def gunicorn(port: int) -> Iterator[subprocess.Popen[bytes]]:
    """Our own gunicorn (2 workers × 4 threads) on 127.0.0.1:<port>, answering before we go on;
    the static files collected first (its pages name them through the manifest)."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    env = {**os.environ, "DB_CONN_MAX_AGE": "60"}
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env)  # noqa: S603 -- our own server
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sehat/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=15)
