"""Chat benchmarks on PostgreSQL (127.0.0.1:5432, a fresh database, dropped afterwards).

    .venv/bin/python bench/chat.py [--seconds 20] [--clients 2,8] [--events 200000] [--conversations 20]

(a) WhatsApp webhook acknowledgement under load: gunicorn (2 workers x 4 threads) on 127.0.0.1,
    client threads in this (second) process posting signed, documented text payloads, each a
    new wamid, plus one replay in ten; p50/p95/p99 (target p95 < 30 ms), and the ledger check
    (every distinct wamid stored exactly once).
(b) end to end with one db_worker running: a whole guided conversation per citizen; from the
    confirming message's POST to the case row, and to the tracking code reaching the fake
    provider (a real HTTP server on 127.0.0.1 standing in for the Graph API).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

# the benchmarks' shared helpers (this script's folder is on the path when it runs)
from chat_payloads import whatsapp_body
from scratch import ROOT, gunicorn, line, run_threads, scratch_database, territory

PORT = 8766
SECRET = "bench-app-secret"  # noqa: S105 -- a throwaway secret of the bench server
PHONE_ID = "106540352242922"


def payload(wamid: str, sender: str, **message: object) -> bytes:
    return whatsapp_body(
        wamid, sender, phone_number_id=PHONE_ID, name="Bench", timestamp="1795800000", **message
    )


def post(body: bytes) -> int:
    from sinergi.messaging.chat import sign

    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/webhook/whatsapp/",
        data=body,
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": sign(SECRET, body)},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 -- our own server on 127.0.0.1
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def seed_events(connection, count: int) -> None:  # type: ignore[no-untyped-def]
    """Earlier inbound events, so the unique (channel, external_id) index has a real size."""
    with connection.cursor() as cur:
        cur.execute(
            f"""
            INSERT INTO messaging_inboundevent (channel, external_id, payload, received_at,
                processed_at, error)
            SELECT 'whatsapp', 'wamid.SEED' || lpad(g::text, 12, '0'), '{{}}', now(), now(), ''
            FROM generate_series(1, {count}) g
            """
        )
        cur.execute("ANALYZE messaging_inboundevent")


def acknowledge(seconds: int, threads: int, run: int) -> None:
    from sinergi.messaging.models import InboundEvent

    before = InboundEvent.objects.count()
    timings: list[float] = []
    sent: list[str] = []
    errors: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        i = 0
        last = ""
        while time.monotonic() < deadline:
            i += 1
            replay = bool(last) and i % 10 == 0
            wamid = last if replay else f"wamid.BENCH{run}.{n:02d}{i:08d}"
            body = payload(wamid, f"62812{n:08d}", type="text", text={"body": "Halo"})
            start = time.perf_counter()
            status = post(body)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if status == 200:
                    timings.append(elapsed)
                    if not replay:
                        sent.append(wamid)
                else:
                    errors.append(status)
            last = wamid

    wall = run_threads(client, threads)
    line(
        f"(a) POST /webhook/whatsapp/ ack, gunicorn 2x4, {threads} client threads",
        timings,
        f", {len(timings) / wall:.0f} req/s, errors {len(errors)} (target p95 < 30 ms)",
    )
    stored = InboundEvent.objects.count() - before
    found = InboundEvent.objects.filter(external_id__in=sent).count()
    ok = stored == found == len(set(sent)) == len(sent)
    print(
        f"    ledger: distinct wamids acknowledged {len(sent)}, stored {stored}, found {found} "
        f"(replays sent: {len(timings) - len(sent)}) -> {'OK' if ok else 'MISMATCH'}"
    )


def end_to_end(conversations: int, fake) -> None:  # type: ignore[no-untyped-def]
    from sinergi.cases.models import Case
    from sinergi.cases.services import client_key

    def replies_to(sender: str) -> int:
        return sum(
            1
            for r in list(fake.requests)
            if r.method == "POST" and r.path.endswith("/messages") and r.json()["to"] == sender
        )

    def wait(sender: str, count: int) -> float:
        start = time.perf_counter()
        while replies_to(sender) < count:
            if time.perf_counter() - start > 30:
                raise TimeoutError(f"no reply for {sender}")
            time.sleep(0.005)
        return time.perf_counter()

    steps = [
        {"type": "text", "text": {"body": "Halo"}},
        {
            "type": "interactive",
            "interactive": {
                "type": "list_reply",
                "list_reply": {"id": "kind:aspirasi", "title": "Aspirasi"},
            },
        },
        {
            "type": "interactive",
            "interactive": {
                "type": "list_reply",
                "list_reply": {"id": "cat:balap-liar", "title": "Balap liar"},
            },
        },
        {"type": "location", "location": {"latitude": 0.1445, "longitude": 117.494}},
        {"type": "text", "text": {"body": "Balap liar tiap malam Minggu."}},
        {
            "type": "interactive",
            "interactive": {
                "type": "button_reply",
                "button_reply": {"id": "photo:skip", "title": "Lewati"},
            },
        },
    ]
    confirm = {
        "type": "interactive",
        "interactive": {
            "type": "button_reply",
            "button_reply": {"id": "confirm:yes", "title": "Kirim"},
        },
    }
    to_case: list[float] = []
    to_reply: list[float] = []
    step_reply: list[float] = []
    for n in range(conversations):
        sender = f"62899{n:08d}"
        for i, step in enumerate(steps, 1):
            start = time.perf_counter()
            post(payload(f"wamid.E2E{n:04d}{i}", sender, **step))
            step_reply.append((wait(sender, i) - start) * 1000)
        wamid = f"wamid.E2E{n:04d}C"
        key = client_key(source="chat-whatsapp", user_id=None, raw=wamid)
        start = time.perf_counter()
        post(payload(wamid, sender, **confirm))
        while not Case.objects.filter(idempotency_key=key).exists():
            if time.perf_counter() - start > 30:
                raise TimeoutError("no case")
            time.sleep(0.005)
        to_case.append((time.perf_counter() - start) * 1000)
        to_reply.append((wait(sender, len(steps) + 1) - start) * 1000)
    line(
        f"(b) message -> reply at the provider, each step ({conversations} conversations)",
        step_reply,
    )
    line("(b) confirming message -> case row committed", to_case)
    line("(b) confirming message -> tracking code at the provider", to_reply)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", default="2,8", help="client threads, one run per number")
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--only", default="", help="area codes to import (default: all)")
    args = parser.parse_args()

    from sinergi.messaging.tests.fakeprovider import start

    fake_server, fake = start()
    provider: dict[str, str] = {
        "WHATSAPP_APP_SECRET": SECRET,
        "WHATSAPP_ACCESS_TOKEN": "bench",  # the fake provider ignores it
        "WHATSAPP_API_URL": fake.url,
        "LOG_LEVEL": "WARNING",
    }
    try:
        with scratch_database("chat", env=provider):
            from django.db import connection

            from sinergi.areas.models import Area

            territory(only=args.only.split(",") if args.only else None)
            seed_events(connection, args.events)
            villages = Area.objects.filter(level=Area.Level.VILLAGE).count()
            print(
                f"machine: {os.cpu_count()} cores; PostgreSQL; {villages} villages; "
                f"{args.events} earlier inbound events"
            )
            with gunicorn(PORT):
                random.seed(1)
                for run, clients in enumerate(args.clients.split(",")):
                    acknowledge(args.seconds, int(clients), run)
                # the load's own tasks are not part of (b): the worker starts on an empty queue
                from django_tasks_db.models import DBTaskResult

                DBTaskResult.objects.all().delete()
                worker = subprocess.Popen(
                    [
                        sys.executable,
                        "manage.py",
                        "db_worker",
                        "--interval",
                        "0.05",
                        "--no-startup-delay",
                    ],
                    cwd=ROOT,
                    env={**os.environ, "DB_CONN_MAX_AGE": "60"},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                try:
                    end_to_end(args.conversations, fake)
                finally:
                    worker.send_signal(signal.SIGTERM)
                    worker.wait(timeout=15)
    finally:
        fake_server.shutdown()


if __name__ == "__main__":
    main()
