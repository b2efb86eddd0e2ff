"""Two machines on one PostgreSQL: two web nodes (gunicorn) and two task workers (db_worker) as
real processes, against the test database.

(a) a session signed in on node 1 works on node 2 (sessions in the database, one SECRET_KEY);
(b) cases filed across both nodes at once each exist once, and every message they caused is
    sent exactly once by one of the two workers;
(c) the sweeps started on two "nodes" at once (two `escalate_overdue`, two `run_schedule --once`
    whose tasks both workers run) act once: one ESCALATED step per overdue case, one overdue
    notice per commitment.

PostgreSQL only: on SQLite the test database lives in this process's memory, out of the
subprocesses' reach.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import quote, urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import PASSWORD, current_code
from sinergi.accounts.models import User
from sinergi.accounts.services import api_token_create
from sinergi.cases.models import Case, CaseEvent
from sinergi.early_warning.alerts import find_spikes
from sinergi.early_warning.models import Alert
from sinergi.early_warning.tests.helpers import case
from sinergi.engagement.models import ActivityEvent, Commitment
from sinergi.engagement.tests.helpers import jumat_curhat
from sinergi.messaging.models import Outbox
from sinergi.platform.tests.servers import free_port, gunicorn

pytestmark = pytest.mark.django_db(transaction=True)

VILLAGE_A = "64.74.01.1002"
DISTRICT_A = "64.74.01"
SUBMISSIONS = 12  # under the shared intake limit of 30 a minute from one address
OVERDUE_CASES = 40
OVERDUE_PROMISES = 6
DEADLINE_SECONDS = 45


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the test reads each 302 itself


def fetch(
    url: str,
    *,
    data: dict[str, str] | bytes | None = None,
    headers: dict[str, str] | None = None,
    jar: CookieJar | None = None,
) -> tuple[int, dict[str, str], str]:
    body = urlencode(data).encode() if isinstance(data, dict) else data
    opener = build_opener(_NoRedirect, *([HTTPCookieProcessor(jar)] if jar is not None else []))
    request = Request(url, data=body, headers=headers or {})  # noqa: S310 -- our own 127.0.0.1
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


def csrf_field(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


class Nodes:
    """The processes of a small cluster; every one is stopped in `stop()`."""

    def __init__(self, logs: Path) -> None:
        db = connection.settings_dict
        password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"DATABASE_REPLICA_URL", "MEDIA_S3_BUCKET"}
            },
            "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}",
            "DB_CONN_MAX_AGE": "0",
            "SINERGI_DEMO": "true",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        self.logs = logs
        self.procs: list[subprocess.Popen[bytes]] = []
        self.web: list[str] = []

    def start(self, name: str, *args: str, **env: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        proc = subprocess.Popen(  # noqa: S603 -- our own fixed commands
            [sys.executable, *args],
            cwd=django_settings.BASE_DIR,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.procs.append(proc)
        return proc

    def start_web(self, name: str) -> None:
        port = free_port()
        self.start(
            name,
            *gunicorn(port, "--threads", "4", "--graceful-timeout", "2"),
            # pages name static files; without DEBUG that needs collectstatic's
            # manifest, which a test does not build (the pages are the same)
            DEBUG="true",
        )
        self.web.append(f"http://127.0.0.1:{port}")

    def manage(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        return self.start(name, "manage.py", *args)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def wait_until(self, ready: Callable[[], bool], what: str, deadline: float) -> None:
        while not ready():
            for proc in self.procs:
                assert proc.poll() in {None, 0}, f"{proc.args!r} exited {proc.returncode}"
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.2)

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's test database is in this process's memory")


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[Nodes]:
    """Listed after the database fixtures, so the processes stop before the tables are flushed."""
    cluster = Nodes(tmp_path)
    try:
        yield cluster
    finally:
        cluster.stop()


def _answering(base: str) -> bool:
    try:
        return fetch(f"{base}/sehat/")[0] == 200
    except OSError:
        return False


def _queue_empty() -> bool:
    busy = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).exists()
    return not busy and not Outbox.objects.filter(status=Outbox.Status.PENDING).exists()


def test_two_web_nodes_and_two_workers_share_sessions_act_once_and_sweep_once(
    postgres, territory, nodes, bhabin_a, kapolsek_a, settings
):
    started = time.monotonic()
    deadline = started + DEADLINE_SECONDS
    # the nodes check passwords with the real hasher, not the tests' fast one
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    kapolsek_a.set_password(PASSWORD)
    kapolsek_a.save(update_fields=["password"])
    # given: officials who receive mail, overdue cases and overdue promises
    User.objects.filter(pk=bhabin_a.pk).update(email="bhabin@example.test")
    User.objects.filter(pk=kapolsek_a.pk).update(email="kapolsek@example.test")
    bhabin_a.refresh_from_db()
    _, token = api_token_create(user=kapolsek_a, name="dua-node")
    overdue = [case("pencurian", 0).pk for _ in range(OVERDUE_CASES)]
    Case.objects.filter(pk__in=overdue).update(escalate_at=timezone.now() - timedelta(hours=1))
    yesterday = timezone.localdate() - timedelta(days=1)
    activity = jumat_curhat(
        bhabin_a,
        aspirations=(),
        commitments=tuple((f"Janji {i}", yesterday) for i in range(OVERDUE_PROMISES)),
    )
    # and: two web nodes and two workers
    nodes.start_web("web1")
    nodes.start_web("web2")
    for name in ("worker1", "worker2"):
        nodes.manage(
            name,
            "db_worker",
            "--queue-name",
            "default",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--worker-id",
            name,
        )
    node1, node2 = nodes.web
    nodes.wait_until(lambda: _answering(node1) and _answering(node2), "the web nodes", deadline)
    print(f"nodes up after {time.monotonic() - started:.1f} s")  # noqa: T201 -- pytest -s shows it

    # (a) when: an official signs in on node 1 (password, then the TOTP code)
    jar = CookieJar()
    _, _, page = fetch(f"{node1}/masuk/", jar=jar)
    status, head, _ = fetch(
        f"{node1}/masuk/",
        jar=jar,
        data={
            "username": kapolsek_a.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf_field(page),
        },
    )
    assert (status, head["Location"]) == (302, "/masuk/kode/?next=/")
    _, _, page = fetch(f"{node1}/masuk/kode/", jar=jar)
    status, head, _ = fetch(
        f"{node1}/masuk/kode/",
        jar=jar,
        data={
            "token": current_code(kapolsek_a),
            "csrfmiddlewaretoken": csrf_field(page),
            "next": "/",
        },
    )
    assert (status, head["Location"]) == (302, "/")
    session = next(c.value for c in jar if c.name == django_settings.SESSION_COOKIE_NAME)
    # then: node 2 knows that session; without it, node 2 asks for a sign-in
    cookie = {"Cookie": f"{django_settings.SESSION_COOKIE_NAME}={session}"}
    status, _, body = fetch(f"{node2}/petugas/dasbor/", headers=cookie)
    assert status == 200
    assert "Keluar" in body
    assert fetch(f"{node2}/petugas/dasbor/")[0] == 302

    # (b) when: cases filed at once, alternately on the two nodes, one retried on the other node
    def submit(i: int, base: str) -> tuple[int, dict[str, Any]]:
        body = {"category": "tempat-rawan", "area": VILLAGE_A, "description": f"Laporan {i}"}
        status, _, text = fetch(
            f"{base}/api/v1/cases",
            data=json.dumps(body).encode(),
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": f"dua-node-{i}",
            },
        )
        return status, json.loads(text)

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(submit, range(SUBMISSIONS), [node1, node2] * (SUBMISSIONS // 2)))
    retry = submit(0, node2)
    # then: every acknowledged case exists once; the retry on the other node is the same case
    assert [status for status, _ in answers] == [201] * SUBMISSIONS
    filed = {body["id"] for _, body in answers}
    assert len(filed) == SUBMISSIONS
    assert retry == (200, answers[0][1])
    assert set(Case.objects.filter(channel=Case.Channel.API).values_list("pk", flat=True)) == filed

    # (c) when: the sweeps are started on two nodes at once, while both workers run
    sweepers = [
        nodes.manage("escalate1", "escalate_overdue"),
        nodes.manage("escalate2", "escalate_overdue"),
        nodes.manage("schedule1", "run_schedule", "--once"),
        nodes.manage("schedule2", "run_schedule", "--once"),
    ]
    nodes.wait_until(lambda: all(p.poll() is not None for p in sweepers), "the sweeps", deadline)
    nodes.wait_until(_queue_empty, "the workers to finish", deadline)
    print(f"sweeps and tasks done after {time.monotonic() - started:.1f} s")  # noqa: T201 -- the drill reports its timing

    # then: each overdue case went one tier up exactly once, whoever moved it
    steps = Counter(
        CaseEvent.objects.filter(kind=CaseEvent.Kind.ESCALATED).values_list("case_id", flat=True)
    )
    assert steps == dict.fromkeys(overdue, 1)
    assert set(Case.objects.filter(pk__in=overdue).values_list("owner_area_id", flat=True)) == {
        DISTRICT_A
    }
    said = [re.search(r"Escalated (\d+)", nodes.log(n)) for n in ("escalate1", "escalate2")]
    by_command = sum(int(m.group(1)) for m in said if m is not None)
    assert None not in said
    by_task = sum(
        r.return_value
        for r in DBTaskResult.objects.filter(task_path__endswith="escalate_overdue_task")
    )
    assert by_command + by_task == OVERDUE_CASES
    # and: each overdue promise was announced once
    assert activity.events.filter(kind=ActivityEvent.Kind.COMMITMENT_OVERDUE).count() == (
        OVERDUE_PROMISES
    )
    assert Commitment.objects.filter(overdue_notified_at__isnull=False).count() == OVERDUE_PROMISES

    # and: every task ran to success on exactly one worker, and both workers took part
    results = list(DBTaskResult.objects.all())
    failed = [
        (r.task_path, r.exception_class_path, r.traceback)
        for r in results
        if r.status != TaskResultStatus.SUCCESSFUL
    ]
    assert failed == []
    assert all(len(r.worker_ids) == 1 for r in results)
    assert {r.worker_ids[0] for r in results} == {"worker1", "worker2"}
    # and: every message was sent once, and the workers' mail logs hold each exactly once
    messages = list(Outbox.objects.all())
    assert {(m.status, m.attempts) for m in messages} == {(Outbox.Status.SENT, 1)}
    keys = [m.key for m in messages]
    assert len(keys) == len(set(keys))
    # one notice per filed case (its village's forum) and per escalated case (the district's)
    per_case = Counter(int(m.key.split(":")[1]) for m in messages if m.key.startswith("case:"))
    assert per_case == dict.fromkeys([*filed, *overdue], 1)
    # two per overdue promise: its owner and the leader above
    assert sorted(m.to for m in messages if m.key.startswith("commitment:")) == (
        ["bhabin@example.test"] * OVERDUE_PROMISES + ["kapolsek@example.test"] * OVERDUE_PROMISES
    )
    # the forty thefts in one village are spikes (village's district and regency): one alert
    # each, whichever of the two sweeps raised it
    spikes = Counter((s.area, s.source, s.category) for s in find_spikes())
    raised = Counter(Alert.objects.values_list("area_id", "source", "category"))
    assert raised == spikes
    assert set(raised.values()) == {1}
    alerted = [m for m in messages if m.key.startswith("alert:")]  # keys: alert:<pk>:user:<pk>
    # (the regency's alerts reach nobody here: no leader of the regency has an address)
    assert {int(m.key.split(":")[1]) for m in alerted} <= set(
        Alert.objects.values_list("pk", flat=True)
    )
    assert len(messages) == SUBMISSIONS + OVERDUE_CASES + 2 * OVERDUE_PROMISES + len(alerted)
    mail_log = nodes.log("worker1") + nodes.log("worker2")
    assert len(re.findall(r"^Subject: ", mail_log, flags=re.MULTILINE)) == len(messages)
    assert time.monotonic() - started < DEADLINE_SECONDS
