"""The database goes away, for real: a gunicorn process whose PostgreSQL port has nobody
listening, and one whose database sits behind a TCP proxy this test cuts and restores.

Every request during the outage is answered 503 "coba lagi" (a page, or JSON for the API,
Open311 and webhooks) with Retry-After, logged in one line without the request's data; once the
database is back the next request succeeds, without restarting anything, and nothing an
interrupted intake sent was half-written.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from conftest import VILLAGE_A
from sinergi.cases.models import Case, CaseEvent, Category, Reporter
from sinergi.messaging.models import InboundEvent
from sinergi.platform.models import RateCount
from sinergi.platform.tests.photos import jpeg
from sinergi.platform.tests.servers import free_port, gunicorn

ROOT = Path(settings.BASE_DIR)
BUSY = "Sistem sedang sibuk — coba lagi sebentar lagi."
FIXTURES = ROOT / "sinergi" / "messaging" / "tests" / "fixtures"
TELEGRAM_SECRET = "rahasia-uji"
PHONE = "0812 9876 5432"
DESCRIPTION = "Lampu jalan depan sekolah mati sejak minggu lalu."


# The TCP proxy between gunicorn and PostgreSQL


@dataclass
class Proxy:
    """127.0.0.1:port → PostgreSQL. `cut()` closes every connection and stops listening (a
    connect is refused, as while the server restarts); `restore()` listens again."""

    target: tuple[str, int]
    port: int = field(default_factory=free_port)
    _server: socket.socket | None = None
    _pipes: list[socket.socket] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def restore(self) -> None:
        self._stop.clear()
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._server.settimeout(0.05)
        self._thread = threading.Thread(target=self._accept, args=(self._server,), daemon=True)
        self._thread.start()

    def cut(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._server is not None:
            self._server.close()
        with self._lock:
            pipes, self._pipes = self._pipes, []
        for pipe in pipes:
            _close(pipe)

    def _accept(self, server: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                client, _address = server.accept()
            except TimeoutError:
                continue
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._pipes += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    _close(source)
    _close(sink)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


# gunicorn


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """gunicorn runs without DEBUG, so pages need collectstatic's manifest."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env={**os.environ, "STATIC_ROOT": str(root)},
        check=True,
        timeout=120,
    )
    return root


@dataclass
class Server:
    url: str
    log: Path

    def busy_lines(self) -> list[str]:
        return [x for x in self.log.read_text().splitlines() if "database unavailable" in x]


def start_gunicorn(database_url: str, static: Path, tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "60",
        "SINERGI_DEMO": "true",
        "DEBUG": "false",
        "STATIC_ROOT": str(static),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "TELEGRAM_BOT_TOKEN": "123:abc",
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "LOG_LEVEL": "INFO",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 -- our own server
            [sys.executable, *gunicorn(port, "--no-control-socket")],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", log=log)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{server.url}/static/css/sinergi.css", timeout=1)  # noqa: S310 -- http://127.0.0.1
                break
            except OSError:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


class Browser:
    """urllib with cookies, following no redirects: each answer is what the server said."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def send(
        self, path: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Answer:
        url = self.base + path  # http://127.0.0.1:<port>/…
        request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 -- the live server on 127.0.0.1
        try:
            with self.opener.open(request, timeout=15) as response:
                return Answer(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode())

    def send_telegram_update(self) -> Answer:
        """A text message from Telegram's documented update, with the bot's secret token."""
        return self.send(
            "/webhook/telegram/",
            data=(FIXTURES / "telegram_message_text.json").read_bytes(),
            headers={
                "Content-Type": "application/json",
                "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET,
            },
        )

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken" and c.value)

    def file_case(self, *, key: str) -> Answer:
        """POST /lapor/ as the form does: multipart, with a photo, a phone and the CSRF token."""
        fields = {
            "csrfmiddlewaretoken": self.csrf(),
            "category": str(balap_liar()),
            "area": VILLAGE_A,
            "description": DESCRIPTION,
            "place": "Jl. Pendidikan",
            "anonymous": "on",
            "phone": PHONE,
            "idempotency_key": key,
        }
        body, content_type = multipart(fields, photo=jpeg("blue"))
        return self.send("/lapor/", data=body, headers={"Content-Type": content_type})


def balap_liar() -> int:
    return Category.objects.get(slug="balap-liar").pk


def multipart(fields: dict[str, str], *, photo: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n".encode()
        + photo
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def assert_busy_page(answer: Answer) -> None:
    assert answer.status == 503
    assert answer.headers["Retry-After"] == "5"
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Sistem sedang sibuk</h1>" in answer.text
    assert f"<p>{BUSY}</p>" in answer.text
    assert "Traceback" not in answer.text


def assert_busy_json(answer: Answer) -> None:
    assert answer.status == 503
    assert answer.headers["Retry-After"] == "5"
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json() == {"error": "unavailable", "message": BUSY, "fields": []}


# Nobody listens on the database's port


@pytest.fixture
def no_database(collected_static: Path, tmp_path: Path) -> Iterator[Server]:
    yield from start_gunicorn(
        f"postgres://postgres@127.0.0.1:{free_port()}/sinergi", collected_static, tmp_path
    )


def test_without_a_database_every_kind_of_request_is_told_to_try_again(no_database: Server):
    browser = Browser(no_database.url)
    # pages: the front page (demo logins), a tracking page, an officer page whose session
    # (and so its user) must be read from the database first
    assert_busy_page(browser.send("/"))
    assert_busy_page(browser.send("/lacak/SNG-7K4Q-92XD/"))
    assert_busy_page(browser.send("/petugas/laporan/", headers={"Cookie": f"sessionid={'s' * 32}"}))
    # the API (a token is looked up in the database), Open311, a signed webhook
    assert_busy_json(browser.send("/api/v1/cases", headers={"Authorization": "Bearer sng_x"}))
    assert_busy_json(browser.send("/api/v1/areas/64.74"))
    assert_busy_json(browser.send("/open311/v2/services.json"))
    telegram = browser.send_telegram_update()
    assert_busy_json(telegram)  # a non-2xx: Telegram delivers the update again later
    # the intake: the rate limit middleware is the first to need the database
    filed = browser.send("/lapor/", data=b"description=x", headers={})
    assert_busy_page(filed)
    # the load balancer's check keeps its own answer
    health = browser.send("/sehat/")
    assert (health.status, health.json()) == (503, {"status": "unavailable"})
    # one line per failure, naming the view and the error's kind, never the path or a traceback
    lines = no_database.busy_lines()
    assert len(lines) == 8
    assert lines[0].endswith(
        "database unavailable: GET home:index answered 503 (psycopg.OperationalError)"
    )
    assert "GET cases:track answered 503" in lines[1]
    # refused in a middleware (the rate limit), before any view: named by its URL all the same
    assert "POST cases:submit answered 503" in lines[7]
    log = no_database.log.read_text()
    assert "Traceback" not in log
    assert "SNG-7K4Q-92XD" not in log


# The database behind a proxy that is cut and restored


@pytest.fixture
def proxy(territory: None) -> Iterator[Proxy]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's test database is in this process's memory")
    server = Proxy(target=(connection.settings_dict["HOST"], int(connection.settings_dict["PORT"])))
    server.restore()
    yield server
    server.cut()


@pytest.fixture
def behind_proxy(proxy: Proxy, collected_static: Path, tmp_path: Path) -> Iterator[Server]:
    name = connection.settings_dict["NAME"]
    user = connection.settings_dict["USER"]
    # a persistent connection (DB_CONN_MAX_AGE=60): the cut must not leave it broken for good
    yield from start_gunicorn(
        f"postgres://{user}@127.0.0.1:{proxy.port}/{name}", collected_static, tmp_path
    )


def counts() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        Reporter.objects.count(),
        CaseEvent.objects.count(),
        InboundEvent.objects.count(),
    )


def test_a_cut_database_is_answered_503_and_the_next_request_after_it_returns_succeeds(
    proxy: Proxy, behind_proxy: Server, tmp_path: Path
):
    # given a working server that has a connection open and a citizen with the form in hand
    browser = Browser(behind_proxy.url)
    assert browser.send("/").status == 200
    assert browser.send("/lapor/").status == 200
    assert browser.send("/api/v1/areas/64.74").status == 200
    media = tmp_path / "media"
    # when the database goes away
    proxy.cut()
    # then every request is told to try again, the intake included
    assert_busy_page(browser.send("/"))
    assert_busy_json(browser.send("/api/v1/areas/64.74"))
    assert_busy_page(browser.file_case(key="during-cut"))
    telegram = browser.send_telegram_update()
    assert_busy_json(telegram)
    assert len(behind_proxy.busy_lines()) == 4
    # when it is back: the very next requests succeed, gunicorn untouched
    proxy.restore()
    assert browser.send("/").status == 200
    assert browser.send("/api/v1/areas/64.74").json()["code"] == "64.74"
    # then nothing of the interrupted intake was written: no case, reporter, step, counter or file
    assert counts() == (0, 0, 0, 0)
    assert not RateCount.objects.filter(key__startswith="intake:").exists()
    assert not media.exists() or list(media.rglob("*.*")) == []
    # and the citizen's retry goes through: one case, its photo the only file
    filed = browser.file_case(key="during-cut")
    case = Case.objects.get()
    assert (filed.status, filed.headers["Location"]) == (
        302,
        f"/lacak/{case.tracking_code}/?baru=1",
    )
    assert counts()[:3] == (1, 1, 1)
    assert [p.relative_to(media).as_posix() for p in media.rglob("*.jpg")] == [case.photo.name]
    assert (case.description, case.area_id) == (DESCRIPTION, VILLAGE_A)
    # and the webhook's retry is stored once
    again = browser.send_telegram_update()
    assert again.status == 200
    assert InboundEvent.objects.count() == 1
    # and the log says what failed without what was sent
    log = behind_proxy.log.read_text()
    assert PHONE not in log
    assert DESCRIPTION not in log
    assert "Traceback" not in log
