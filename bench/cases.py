"""Cases benchmarks on PostgreSQL (127.0.0.1:5432, a fresh database, dropped afterwards).

    .venv/bin/python bench/cases.py [--cases 1000000] [--overdue 100000] [--seconds 20]

(a) public intake over HTTP: gunicorn with 2 workers, client threads posting the real form;
    submissions/s, p50/p95, errors, and the ledger check (every acknowledged case is in the
    database exactly once).
(b) the officer inbox, first page with filters, at N cases: p50/p95 (target p95 < 100 ms).
(c) escalate_overdue over M overdue cases (target < 30 s).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from scratch import (
    gunicorn,
    line,
    numbered,
    official,
    run_threads,
    scratch_database,
    signed_in,
    territory,
)

PORT = 8765


def seed_cases(connection, count: int) -> None:  # type: ignore[no-untyped-def]
    """N cases spread over every village and the last year, by SQL (minutes in Python)."""
    with connection.cursor() as cur:
        villages = numbered(
            cur,
            "bench_v",
            "SELECT row_number() OVER (ORDER BY code) AS n, code FROM areas_area WHERE level = 4",
        )
        categories = numbered(
            cur,
            "bench_c",
            "SELECT row_number() OVER (ORDER BY id) AS n, id, kind, sla_hours FROM cases_category",
        )
        cur.execute(
            f"""
            INSERT INTO cases_case (tracking_code, kind, category_id, area_id, owner_area_id, status,
                channel, description, details, place, photo, support_count, created_at, updated_at,
                escalate_at, closed_at)
            SELECT 'B' || lpad(s.g::text, 12, '0'), c.kind, c.id, v.code, v.code, s.status, 'web',
                'Data uji ' || s.g, '{{}}', '', '', 1, s.at, s.at,
                CASE WHEN s.status IN ('baru', 'diterima', 'ditangani')
                     THEN now() + random() * interval '30 days' END,
                CASE WHEN s.status IN ('baru', 'diterima', 'ditangani') THEN NULL ELSE s.at END
            FROM (
                SELECT g, 1 + floor(random() * {villages})::int AS vn,
                       1 + floor(random() * {categories})::int AS cn,
                       (ARRAY['baru','diterima','ditangani','selesai','selesai','selesai','dirujuk','ditolak'])
                           [1 + floor(random() * 8)::int] AS status,
                       now() - random() * interval '365 days' AS at
                FROM generate_series(1, {count}) g
            ) s JOIN bench_v v ON v.n = s.vn JOIN bench_c c ON c.n = s.cn
            """
        )
        cur.execute("ANALYZE cases_case")


def intake(seconds: int, threads: int) -> None:
    from sinergi.cases.models import Case, Category

    category = Category.objects.get(slug="balap-liar").pk
    before = Case.objects.filter(channel="web").count()
    acknowledged: list[str] = []
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(_: int) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        form = opener.open(f"http://127.0.0.1:{PORT}/lapor/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
        while time.monotonic() < deadline:
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "category": category,
                    "area": "64.74.01.1002",
                    "description": "Balap liar tiap malam di depan pasar.",
                    "anonymous": "on",
                    "idempotency_key": uuid.uuid4().hex,
                }
            ).encode()
            request = urllib.request.Request(
                f"http://127.0.0.1:{PORT}/lapor/",
                data=body,
                headers={"Referer": f"http://127.0.0.1:{PORT}/lapor/"},
            )
            start = time.perf_counter()
            try:
                response = opener.open(request, timeout=30)
                status, location = response.status, response.headers.get("Location", "")
            except urllib.error.HTTPError as exc:
                status, location = exc.code, exc.headers.get("Location", "")
            except OSError as exc:
                status, location = 0, str(exc)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if status == 302 and location.startswith("/lacak/"):
                    acknowledged.append(location.split("/")[2])
                    timings.append(elapsed)
                else:
                    errors.append(f"{status} {location[:80]}")

    wall = run_threads(client, threads)
    line(
        f"(a) intake POST /lapor/ over HTTP, gunicorn 2 workers x 4 threads, {threads} clients",
        timings,
        f", {len(acknowledged) / wall:.1f} submissions/s, errors {len(errors)}",
    )
    stored = Case.objects.filter(channel="web").count() - before
    unique = Case.objects.filter(tracking_code__in=acknowledged).count()
    ok = stored == len(acknowledged) == unique == len(set(acknowledged))
    print(
        f"    ledger: acknowledged {len(acknowledged)}, stored {stored}, found by code {unique} "
        f"-> {'OK' if ok else 'MISMATCH'}"
    )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def inbox(count: int) -> None:
    from django.core.paginator import Paginator

    from sinergi.cases.selectors import case_inbox
    from sinergi.units.models import Post

    cast = [
        ("Kapolsek (1 district)", "polsek:64.74.01", Post.Title.KAPOLSEK),
        ("Kapolres (1 regency)", "polres:64.74", Post.Title.KAPOLRES),
        ("Kapolda (1 province)", "polda:35", Post.Title.KAPOLDA),
    ]
    for label, unit_key, title in cast:
        user = official(f"bench-{unit_key}", unit_key, title)
        client = signed_in(user)
        # "saya" is the default view (what waits for this leader); the rest is oversight
        views: tuple[dict[str, str], ...] = (
            {"saya": "1"},
            {},
            {"kind": "aspirasi"},
            {"overdue": "1"},
            {"status": "selesai"},
        )
        for filters in views:
            mine = bool(filters.get("saya"))
            selector, page = [], []
            for i in range(40):
                start = time.perf_counter()
                qs = case_inbox(
                    user=user,
                    status=filters.get("status", "open"),
                    kind=filters.get("kind", ""),
                    overdue=bool(filters.get("overdue")),
                    mine=mine,
                )
                p = Paginator(qs, 25).get_page(1)
                list(p)
                _ = p.paginator.count
                selector.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                response = client.get(
                    "/petugas/laporan/", {} if mine else {**filters, "lihat": "semua"}
                )
                page.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
                if i == 0:
                    total = p.paginator.count
            line(f"(b) inbox {label} {filters or 'open'} [{total} match] selector", selector)
            line(f"(b) inbox {label} {filters or 'open'} [{total} match] whole page", page)


def sweep(overdue: int) -> None:
    from django.db import connection

    from sinergi.cases.services import escalate_overdue

    with connection.cursor() as cur:
        cur.execute(
            "UPDATE cases_case SET escalate_at = now() - interval '1 hour' WHERE id IN ("
            "SELECT id FROM cases_case WHERE status IN ('baru','diterima','ditangani') "
            f"ORDER BY id LIMIT {overdue})"
        )
        print(f"(c) overdue cases prepared: {cur.rowcount}")
    start = time.perf_counter()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        with cProfile.Profile() as profile:
            moved = escalate_overdue()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    else:
        moved = escalate_overdue()
    print(
        f"(c) escalate_overdue: {moved} cases moved one tier in {time.perf_counter() - start:.1f} s (target < 30 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--overdue", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--parts", default="abc", help="which of (a) (b) (c) to run")
    parser.add_argument("--keep-db", action="store_true", help="keep the database to inspect")
    args = parser.parse_args()

    # one address sends every request: the public limits would measure themselves
    limits = {"RATE_LIMIT_INTAKE_PER_MINUTE": "0", "RATE_LIMIT_TRACK_PER_MINUTE": "0"}
    with scratch_database("cases", keep=args.keep_db, env=limits):
        from django.db import connection

        territory()
        start = time.perf_counter()
        seed_cases(connection, args.cases)
        print(
            f"machine: {os.cpu_count()} cores; PostgreSQL; seeded {args.cases} cases in {time.perf_counter() - start:.0f} s"
        )
        with gunicorn(PORT):
            if "a" in args.parts:
                intake(args.seconds, args.clients)
            if "b" in args.parts:
                inbox(args.cases)
            if "c" in args.parts:
                sweep(args.overdue)


if __name__ == "__main__":
    main()
