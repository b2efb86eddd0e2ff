"""The mixed load scenario and the fault drills, each ending with the ledger check.

    .venv/bin/python bench/load/run.py [--seconds 300] [--fault web,task,pg] [--intake-only]

A fresh PostgreSQL database (dropped afterwards) is seeded (Kota Bontang, its forum seats, N older
cases), then the production server runs: gunicorn (WEB_WORKERS x LOAD_WEB_THREADS), K db_workers
and run_schedule. Client processes on 127.0.0.1 send the mix of client.MIX for --seconds: citizens
filing (form and API) and tracking cases, officers paging their inbox and opening cases, WhatsApp
and Telegram webhooks. Faults, if asked for, happen at set moments during the load:

  web   kill -9 one gunicorn worker (the master starts another)
  task  kill -9 a db_worker while it runs a task, start a replacement (as systemd would); the
        task's lease (TASK_LEASE_SECONDS, 20 s here) runs out and run_schedule queues it again
  pg    restart PostgreSQL (pg_ctlcluster ... restart): clients get 503 while it is down

Printed: throughput, p50/p95/p99 and status counts per kind, and the ledger (exit 1 if it fails):
every acknowledged case exists exactly once with one SUBMITTED event; every acknowledged webhook
message is one stored, processed event with one set of replies; every queued message reached the
fake provider or the SMTP sink exactly once.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # the benches' shared modules (chat_payloads)
sys.path.insert(0, str(HERE.parents[1]))

from client import MIX, Result, run_clients
from stack import Stack


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _client_process(queue: Any, *args: Any) -> None:
    queue.put(run_clients(*args))


def load(
    stack: Stack, facts: dict[str, Any], args: argparse.Namespace
) -> tuple[list[Result], float]:
    mix = {"lapor": 2, "api_case": 1} if args.intake_only else MIX
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    per = args.clients // args.processes
    processes = [
        context.Process(
            target=_client_process,
            args=(queue, stack.port, facts, per, args.seconds, 1 + i * per, mix),
        )
        for i in range(args.processes)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results: list[Result] = []
    for _ in processes:
        results.extend(queue.get())
    for process in processes:
        process.join()
    return results, time.perf_counter() - started


def load_wrk(
    stack: Stack, facts: dict[str, Any], args: argparse.Namespace
) -> tuple[list[Result], float]:
    """Public intake only, from wrk (C, so the client takes little of the 2 cores): the form
    with a CSRF token fetched once; the acknowledged codes come back through files."""
    started = time.perf_counter()
    printed, codes = _wrk(stack.url, stack, facts, args)
    wall = time.perf_counter() - started
    print("wrk: " + "\n     ".join(line.strip() for line in printed.strip().splitlines()))
    return [Result("lapor", 0.0, 0.0, 302, code) for code in codes], wall


def load_bare(stack: Stack, facts: dict[str, Any], args: argparse.Namespace) -> float:
    """The yardstick (bench/load/bare.py) under the same wrk, on the next port, before and after
    the real run (its cases are not counted by the ledger). Returns its requests per second."""
    port = stack.port + 1
    bare = stack.spawn_web(port, "bare:application", "bare", "--pythonpath", str(HERE))
    try:
        stack.wait_healthy(60, url=f"http://127.0.0.1:{port}/lapor/")
        started = time.perf_counter()
        _, codes = _wrk(f"http://127.0.0.1:{port}", stack, facts, args)
        rate = len(codes) / (time.perf_counter() - started)
    finally:
        bare.terminate()
        bare.wait(timeout=30)
    print(f"yardstick: a bare Django view inserting a case and an event row: {rate:.0f}/s")
    return rate


def _wrk(
    url: str, stack: Stack, facts: dict[str, Any], args: argparse.Namespace
) -> tuple[str, list[str]]:
    """wrk's report and the tracking codes it was answered with."""
    import http.client
    import tempfile

    conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=10)
    conn.request("GET", "/lapor/")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert cookie, "no CSRF cookie from /lapor/"
    assert token, "no CSRF token on /lapor/"
    out = tempfile.mkdtemp(prefix="sinergi-wrk-")
    printed = subprocess.run(  # noqa: S603 -- fixed command
        [
            "/usr/bin/wrk",
            "-t2",
            f"-c{args.clients}",
            f"-d{int(args.seconds)}s",
            "--latency",
            "-s",
            str(HERE / "intake.lua"),
            url,
            "--",
            token.group(1),
            cookie.group(1),
            str(facts["category_id"]),
            ",".join(facts["villages"]),
            out,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    codes = [code for path in Path(out).glob("*.codes") for code in path.read_text().split()]
    return printed, codes


def report(results: list[Result], wall: float) -> None:
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_kind[result.kind].append(result)
    ok = [r for r in results if 200 <= r.status < 400]
    print(
        f"load: {len(results)} requests in {wall:.0f} s = {len(results) / wall:.0f}/s; "
        f"answered 2xx/3xx {len(ok)}, other {len(results) - len(ok)}"
    )
    for kind in sorted(by_kind):
        rows = by_kind[kind]
        timings = [r.ms for r in rows if 200 <= r.status < 400] or [0.0]
        statuses = Counter(r.status for r in rows)
        failed = [r.outcome for r in rows if r.status >= 400 and r.outcome]
        if failed:
            print(f"  {kind}: first failure: {failed[0]}")
        print(
            f"  {kind:9} {len(rows) / wall:6.1f}/s  p50 {statistics.median(timings):6.1f}  "
            f"p95 {pct(timings, 95):6.1f}  p99 {pct(timings, 99):6.1f} ms  "
            f"statuses {dict(sorted(statuses.items()))}"
        )
    intake = [r for r in results if r.outcome.startswith("SNG-")]
    print(f"  public intake acknowledged: {len(intake) / wall:.0f} submissions/s")


class Faults(threading.Thread):
    """Runs the asked-for faults at fixed moments of the load, and notes what happened."""

    def __init__(self, stack: Stack, faults: list[str], seconds: float) -> None:
        super().__init__(daemon=True)
        self.stack, self.faults, self.seconds = stack, faults, seconds
        self.notes: list[str] = []
        self.killed_task: str = ""

    def run(self) -> None:
        slots = len(self.faults) + 1
        for fault in self.faults:
            time.sleep(self.seconds / slots)
            getattr(self, f"fault_{fault}")()

    def fault_web(self) -> None:
        pid = self.stack.kill_web_worker()
        self.notes.append(f"web: kill -9 gunicorn worker {pid} at {time.strftime('%X')}")

    def fault_task(self) -> None:
        """Kills the worker of the longest-running task; when that task ended just before the
        kill (short tasks often do), tries again, up to three kills."""
        from django_tasks_db.models import DBTaskResult

        deadline = time.monotonic() + 20
        kills = 0
        while time.monotonic() < deadline and kills < 3:
            running = DBTaskResult.objects.filter(status="RUNNING").order_by("started_at")
            owners = [w[-1] for w in running.values_list("worker_ids", flat=True) if w]
            target = next((w for w in owners if w in self.stack.workers), None)
            if target is None:
                time.sleep(0.005)
                continue
            pid = self.stack.kill_worker(target)
            replacement = self.stack.start_worker()
            kills += 1
            # what the dead worker held is whatever is still RUNNING under its id now
            # (it may have finished the task seen above and claimed the next)
            held = [
                (t, p)
                for t, w, p in DBTaskResult.objects.filter(status="RUNNING").values_list(
                    "id", "worker_ids", "task_path"
                )
                if w and w[-1] == target
            ]
            ran = f"{held[0][1].rsplit('.', 1)[-1]} {held[0][0]}" if held else "nothing any more"
            self.notes.append(
                f"task: kill -9 db_worker {target} (pid {pid}) while it ran {ran}; "
                f"started {replacement}"
            )
            if held:
                self.killed_task = str(held[0][0])
                return
        if not kills:
            self.notes.append("task: no task was running in 20 s; nothing killed")

    def fault_pg(self) -> None:
        version = next(iter(sorted(os.listdir("/etc/postgresql"))))
        start = time.monotonic()
        subprocess.run(  # noqa: S603 -- fixed command
            [
                "/usr/bin/pg_ctlcluster",
                "--skip-systemctl-redirect",
                version,
                "main",
                "restart",
                "-m",
                "fast",
            ],
            check=True,
        )
        restarted = time.monotonic() - start
        healthy = self.stack.wait_healthy(60)
        self.notes.append(
            f"pg: PostgreSQL restarted in {restarted:.1f} s; the server answered /sehat/ 200 "
            f"{healthy:.1f} s later without being restarted"
        )


def drain(seconds: float) -> float:
    """Waits until every queued task ran and every due message left; returns the wait."""
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    from sinergi.messaging.models import Outbox

    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            busy = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
            pending = Outbox.objects.filter(status=Outbox.Status.PENDING).exists()
        except Exception:
            connections.close_all()
            busy = pending = True
        if not busy and not pending:
            return time.monotonic() - start
        time.sleep(0.5)
    return -1.0


def ledger(
    results: list[Result],
    fake: Any,
    sink: Any,
    started_at: float,
    killed_task: str,
    *,
    faults: bool,
) -> bool:
    from datetime import UTC, datetime

    from django.db.models import Count

    from sinergi.cases.models import Case, CaseEvent
    from sinergi.messaging.models import InboundEvent, Outbox

    since = datetime.fromtimestamp(started_at, tz=UTC)
    problems: list[str] = []
    codes = [r.outcome for r in results if r.outcome.startswith("SNG-")]
    found = Case.objects.filter(tracking_code__in=codes).count()
    new = Case.objects.filter(created_at__gte=since)
    stored = new.count()
    submitted = CaseEvent.objects.filter(case__in=new, kind=CaseEvent.Kind.SUBMITTED)
    doubled = submitted.values("case").annotate(n=Count("id")).filter(n__gt=1).count()
    print(
        f"ledger: cases acknowledged {len(codes)} (distinct {len(set(codes))}), found {found}, "
        f"stored since start {stored} (committed but unacknowledged {stored - found}), "
        f"cases with two SUBMITTED events {doubled}"
    )
    if found != len(set(codes)) or len(codes) != len(set(codes)):
        problems.append("an acknowledged case is missing or doubled")
    if submitted.count() != stored or doubled:
        problems.append("a case without exactly one SUBMITTED event")

    ids = [r.outcome for r in results if r.kind in {"whatsapp", "telegram"} and r.outcome]
    events = InboundEvent.objects.filter(external_id__in=ids)
    unprocessed = events.filter(processed_at__isnull=True).count()
    print(
        f"ledger: webhook messages acknowledged {len(ids)} (distinct {len(set(ids))}), "
        f"stored {events.count()}, unprocessed {unprocessed}"
    )
    if events.count() != len(set(ids)) or unprocessed:
        problems.append("an acknowledged webhook message is missing or unprocessed")

    chat = Outbox.objects.filter(channel__in=[Outbox.Channel.WHATSAPP, Outbox.Channel.TELEGRAM])
    digests = {key.rsplit(":", 1)[0] for key in chat.values_list("key", flat=True)}
    chat_sent = chat.filter(status=Outbox.Status.SENT).count()
    provider = len(fake.sent())
    mail = Outbox.objects.filter(channel=Outbox.Channel.EMAIL)
    mail_sent = mail.filter(status=Outbox.Status.SENT).count()
    # a message the SMTP server took just before its worker died is sent again by the rerun with
    # the same Message-ID, which mail systems show once: count what recipients see
    message_ids = [
        re.search(rb"^Message-ID: (.+)$", m, re.MULTILINE | re.IGNORECASE) for m in sink.messages
    ]
    seen = {m.group(1).strip() for m in message_ids if m}
    repeats = len(sink.messages) - len(seen)
    print(
        f"ledger: chat replies queued {chat.count()} for {len(digests)} messages, sent {chat_sent}, "
        f"received by the fake provider {provider}; e-mails queued {mail.count()}, sent "
        f"{mail_sent}, received by the SMTP sink {len(seen)} distinct "
        f"({repeats} repeated with the same Message-ID)"
    )
    if len(digests) != len(set(ids)):
        problems.append("a webhook message without exactly one set of replies")
    if provider < chat_sent or chat_sent != chat.count():
        problems.append("a chat reply lost")
    if provider > chat_sent:
        # WhatsApp and Telegram take no idempotency key: a worker that dies (or loses the
        # database) between the provider's answer and marking the row sends it again
        print(
            f"ledger: {provider - chat_sent} chat replies sent twice by a retry after a fault "
            "(the providers have no idempotency key)"
        )
        if not faults:
            problems.append("a chat reply sent twice without any fault")
    if len(seen) != mail_sent or mail_sent != mail.count() or None in message_ids:
        problems.append("an e-mail lost or sent twice")
    if killed_task:
        from django_tasks_db.models import DBTaskResult

        task = DBTaskResult.objects.get(pk=killed_task)
        print(
            f"ledger: the killed worker's task ended {task.status} after "
            f"{len(task.worker_ids)} runs ({', '.join(task.worker_ids)})"
        )
        if task.status != "SUCCESSFUL" or len(task.worker_ids) < 2:
            problems.append("the killed worker's task did not run again")
    crashes = Counter(r.status for r in results if r.status >= 500 and r.status != 503)
    if crashes:
        problems.append(f"server errors other than 503: {dict(crashes)}")
    print("ledger: " + ("OK" if not problems else "FAILED: " + "; ".join(problems)))
    return not problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=16, help="client threads in all")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--task-workers", type=int, default=2)
    parser.add_argument("--cases", type=int, default=100_000, help="older cases seeded")
    parser.add_argument("--fault", default="", help="comma-separated: web, task, pg")
    parser.add_argument("--intake-only", action="store_true", help="only public intake")
    parser.add_argument("--wrk", action="store_true", help="public intake (form) from wrk")
    parser.add_argument(
        "--bare", action="store_true", help="with --wrk: also the yardstick, bench/load/bare.py"
    )
    parser.add_argument("--drain", type=float, default=180, help="seconds to wait for the queue")
    parser.add_argument("--port", type=int, default=8780)
    parser.add_argument(
        "--hold", action="store_true", help="serve for --seconds with no load (for wrk), then stop"
    )
    args = parser.parse_args()
    faults = [f for f in args.fault.split(",") if f]

    from sinergi.messaging.tests.fakeprovider import start as fake_start
    from sinergi.messaging.tests.smtpsink import start as sink_start

    fake_server, fake = fake_start()
    sink = sink_start()
    stack = Stack(port=args.port, web_workers=args.web_workers, task_workers=args.task_workers)
    stack.configure(provider_url=fake.url, smtp_port=sink.port)
    stack.create_database()
    ok = False
    try:
        import django

        django.setup()
        start = time.perf_counter()
        facts = seed(cases=args.cases)
        print(
            f"machine: {os.cpu_count()} cores, PostgreSQL; seeded {len(facts['villages'])} "
            f"villages, {args.cases} older cases in {time.perf_counter() - start:.0f} s; "
            f"server: gunicorn {args.web_workers} workers x "
            f"{os.environ.get('LOAD_WEB_THREADS', '4')} threads, {args.task_workers} db_workers; "
            f"clients: {args.processes} processes x {args.clients // args.processes} threads"
        )
        from django.db import connections

        connections.close_all()  # the client processes fork: no shared connection
        stack.start()
        if args.hold:
            facts_file = stack.log_dir / "facts.json"
            facts_file.write_text(json.dumps(facts))
            print(
                f"serving {stack.url} for {args.seconds:.0f} s; facts in {facts_file}", flush=True
            )
            time.sleep(args.seconds)
            return 0
        bare = load_bare(stack, facts, args) if args.bare else 0.0
        started_at = time.time()
        drill = Faults(stack, faults, args.seconds)
        if faults:
            drill.start()
        results, wall = load_wrk(stack, facts, args) if args.wrk else load(stack, facts, args)
        if faults:
            drill.join(timeout=120)
        report(results, wall)
        for note in drill.notes:
            print(f"fault {note}")
        waited = drain(args.drain) if args.task_workers else 0.0
        print(
            "no task workers: the queue is left as it is"
            if not args.task_workers
            else f"queue drained {waited:.1f} s after the load"
            if waited >= 0
            else f"queue NOT drained after {args.drain:.0f} s"
        )
        ok = (
            ledger(results, fake, sink, started_at, drill.killed_task, faults=bool(faults))
            and waited >= 0
        )
        if bare:
            # once more after the ledger (its cases are not the ledger's): the machine's speed
            # drifts, so the real run is compared with the mean of one run before and one after
            bare = (bare + load_bare(stack, facts, args)) / 2
            rate = sum(1 for r in results if r.outcome.startswith("SNG-")) / wall
            print(
                f"public intake: {rate:.0f}/s, {100 * rate / bare:.0f}% of the bare view's "
                f"{bare:.0f}/s (mean of before and after; the bar is 40%)"
            )
    finally:
        stack.stop()
        from django.db import connections

        connections.close_all()
        stack.drop_database()
        fake_server.shutdown()
        sink.shutdown()
    return 0 if ok else 1


from stack import seed

if __name__ == "__main__":
    sys.exit(main())
