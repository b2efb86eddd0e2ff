"""The load: simulated citizens, officers and chat providers, each a thread holding one keep-alive
connection, in one or more client processes (a second process from the server's, on 127.0.0.1).

Every request is recorded as (kind, started, milliseconds, status, outcome). The outcome is what
the ledger needs: the tracking code of an acknowledged case, the message id of an acknowledged
webhook.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import time
import urllib.parse
import uuid
from dataclasses import dataclass
from typing import Any

from chat_payloads import whatsapp_body  # bench/, which run.py puts on the path
from stack import TG_SECRET, TG_TOKEN, WA_SECRET

# What share of requests each kind is, roughly an election week's day: mostly citizens.
MIX = {
    "lapor": 30,  # the web form: POST /lapor/
    "api_case": 15,  # POST /api/v1/cases (the Android app, partner systems)
    "track": 15,  # GET /lacak/<code>/
    "inbox": 12,  # an officer pages the inbox
    "case": 8,  # an officer opens a case
    "whatsapp": 13,  # POST /webhook/whatsapp/
    "telegram": 7,  # POST /webhook/telegram/
}
CODE = re.compile(r"/lacak/(SNG-[0-9A-Z]{4}-[0-9A-Z]{4})/")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Result:
    kind: str
    at: float
    ms: float
    status: int
    outcome: str = ""


def wa_body(wamid: str, sender: str, text: str) -> bytes:
    return whatsapp_body(
        wamid,
        sender,
        phone_number_id="1065403522",
        name="Warga",
        timestamp=str(int(time.time())),
        type="text",
        text={"body": text},
    )


def tg_body(update_id: int, sender: int, text: str) -> bytes:
    person = {"id": sender, "is_bot": False, "first_name": "Warga", "language_code": "id"}
    return json.dumps(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id % 1_000_000,
                "from": person,
                "chat": {"id": sender, "first_name": "Warga", "type": "private"},
                "date": int(time.time()),
                "text": text,
            },
        }
    ).encode()


class Simulated:
    """One thread's client: a connection, a cookie jar of one, and the seed's facts."""

    def __init__(self, *, port: int, facts: dict[str, Any], n: int) -> None:
        self.port = port
        self.facts = facts
        self.n = n
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self.codes: list[str] = []
        self.random = random.Random(n)
        self.sent = 0

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        cookies: bool = True,
    ) -> tuple[int, dict[str, str], bytes]:
        all_headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies and cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=all_headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # a keep-alive connection the server closed between requests: reconnect once
                # (only for the first attempt; a second failure is a real error)
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            except OSError:
                self.conn.close()
                self.conn = None
                raise
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        raise AssertionError("unreachable")

    def step(self, kind: str) -> Result:
        start = time.perf_counter()
        at = time.time()
        try:
            status, outcome = getattr(self, f"do_{kind}")()
        except OSError as exc:
            status, outcome = 0, type(exc).__name__
        return Result(kind, at, (time.perf_counter() - start) * 1000, status, outcome)

    def do_lapor(self) -> tuple[int, str]:
        if not self.csrf:
            status, _, body = self.request("GET", "/lapor/")
            match = TOKEN.search(body.decode())
            if status != 200 or match is None:
                return status, "no form"
            self.csrf = match.group(1)
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.csrf,
                "category": self.facts["category_id"],
                "area": self.random.choice(self.facts["villages"]),
                "description": "Balap liar tiap malam di depan pasar, mohon ditertibkan.",
                "anonymous": "on",
                "idempotency_key": uuid.uuid4().hex,
            }
        ).encode()
        status, headers, _ = self.request(
            "POST",
            "/lapor/",
            form,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}/lapor/",
            },
        )
        match = CODE.search(headers.get("location", ""))
        if status == 302 and match:
            self.codes.append(match.group(1))
            return status, match.group(1)
        return status, ""

    def do_api_case(self) -> tuple[int, str]:
        body = json.dumps(
            {
                "category": self.facts["category_slug"],
                "area": self.random.choice(self.facts["villages"]),
                "description": "Ada keributan antarwarga di dekat balai desa.",
            }
        ).encode()
        status, _, data = self.request(
            "POST",
            "/api/v1/cases",
            body,
            {
                "Content-Type": "application/json",
                "Idempotency-Key": uuid.uuid4().hex,
                "Authorization": f"Bearer {self.facts['api_key']}",
            },
            cookies=False,
        )
        if status == 201:
            code = json.loads(data)["tracking_code"]
            self.codes.append(code)
            return status, code
        return status, data[:200].decode(errors="replace")

    def do_track(self) -> tuple[int, str]:
        if not self.codes:
            return self.do_lapor()
        status, _, _ = self.request("GET", f"/lacak/{self.random.choice(self.codes)}/")
        return status, ""

    def _officer(self) -> None:
        if "sessionid" not in self.cookies:
            self.cookies["sessionid"] = self.facts["sessions"][
                "kapolres" if self.n % 2 else "kapolsek"
            ]

    def do_inbox(self) -> tuple[int, str]:
        self._officer()
        page = self.random.randint(1, 20)
        status, _, _ = self.request("GET", f"/petugas/laporan/?page={page}")
        return status, ""

    def do_case(self) -> tuple[int, str]:
        self._officer()
        case_id = self.random.choice(self.facts["case_ids"])
        status, _, _ = self.request("GET", f"/petugas/laporan/{case_id}/")
        return status, ""

    def do_whatsapp(self) -> tuple[int, str]:
        from sinergi.messaging.chat import sign

        wamid = f"wamid.load{uuid.uuid4().hex}"
        sender = f"62812{self.n:03d}{self.random.randint(0, 99_999):05d}"
        body = wa_body(wamid, sender, "halo")
        status, _, _ = self.request(
            "POST",
            "/webhook/whatsapp/",
            body,
            {"Content-Type": "application/json", "X-Hub-Signature-256": sign(WA_SECRET, body)},
            cookies=False,
        )
        return status, wamid if status == 200 else ""

    def do_telegram(self) -> tuple[int, str]:
        self.sent += 1
        update_id = self.n * 10_000_000 + self.sent  # unique across threads and processes
        sender = 800_000_000 + self.n * 100_000 + self.random.randint(0, 99_999)
        body = tg_body(update_id, sender, "/start")
        status, _, _ = self.request(
            "POST",
            "/webhook/telegram/",
            body,
            {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TG_SECRET},
            cookies=False,
        )
        bot = TG_TOKEN.split(":", 1)[0]
        return status, f"{bot}:{update_id}" if status == 200 else ""


def run_clients(
    port: int, facts: dict[str, Any], threads: int, seconds: float, first: int, mix: dict[str, int]
) -> list[Result]:
    """Closed loop: each thread sends its next request as soon as the last one is answered."""
    import threading

    results: list[Result] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    kinds, weights = list(mix), list(mix.values())

    def loop(n: int) -> None:
        client = Simulated(port=port, facts=facts, n=n)
        mine: list[Result] = []
        while time.monotonic() < deadline:
            mine.append(client.step(client.random.choices(kinds, weights)[0]))
        with lock:
            results.extend(mine)

    workers = [threading.Thread(target=loop, args=(first + i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results
