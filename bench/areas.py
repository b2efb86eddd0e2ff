"""Territory benchmarks: full import time and area autocomplete latency.

    .venv/bin/python bench/areas.py            # a fresh SQLite file
    .venv/bin/python bench/areas.py --pg       # a fresh database on 127.0.0.1:5432

Prints numbers with the data size they ran on. Targets (issue #2): import < 15 s, p95 < 30 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUERIES = 1000
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def make_queries(names: list[tuple[str, str]], rng: random.Random) -> list[dict[str, object]]:
    """What people type: name prefixes, two words, whole names, code prefixes.

    Half are filtered to villages, as the citizens' forms do."""
    queries: list[dict[str, object]] = []
    for _ in range(QUERIES):
        code, name = rng.choice(names)
        words = name.split()
        shape = rng.random()
        if shape < 0.4:
            q = words[0][: rng.randint(3, max(3, len(words[0])))]
        elif shape < 0.6 and len(words) > 1:
            q = f"{words[0]} {words[1][:3]}"
        elif shape < 0.85:
            q = name
        else:
            q = code[: rng.choice([2, 5, 8])]
        query: dict[str, object] = {"q": q}
        if rng.random() < 0.5:
            query["level"] = 4
        queries.append(query)
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", action="store_true", help="use a fresh PostgreSQL database")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="sinergi-bench-")
    dbname = f"sinergi_bench_{os.getpid()}"
    if args.pg:
        import psycopg  # noqa: PLC0415 -- only the PostgreSQL run needs it

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{dbname}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("SINERGI_DEMO", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django  # noqa: PLC0415 -- settings must see DATABASE_URL first

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from sinergi.areas.models import Area  # noqa: PLC0415
    from sinergi.areas.selectors import area_search  # noqa: PLC0415
    from sinergi.areas.services import areas_import  # noqa: PLC0415
    from sinergi.units.services import units_generate_default  # noqa: PLC0415

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

        start = time.perf_counter()
        result = areas_import()
        elapsed = time.perf_counter() - start
        print(f"territory import: {elapsed:.2f} s for {result.imported} areas  (target < 15 s)")

        start = time.perf_counter()
        second = areas_import()
        print(
            f"second import (already loaded): {time.perf_counter() - start:.2f} s, "
            f"skipped={second.skipped}"
        )

        start = time.perf_counter()
        units = units_generate_default()
        print(f"default units: {time.perf_counter() - start:.2f} s for {units.created} units")

        rng = random.Random(2026)
        names = list(Area.objects.values_list("code", "name"))
        queries = make_queries(names, rng)
        for label, run in (
            ("selector area_search", lambda q: area_search(limit=10, **q)),
            ("GET /api/v1/areas", lambda q: Client().get("/api/v1/areas", {**q, "limit": 10})),
            (
                "GET /wilayah/ (htmx)",
                lambda q: Client().get("/wilayah/", q, headers={"HX-Request": "true"}),
            ),
        ):
            for q in queries[:50]:
                run(q)  # warm caches, as a running server would be
            timings = []
            for q in queries:
                start = time.perf_counter()
                run(q)
                timings.append((time.perf_counter() - start) * 1000)
            print(
                f"autocomplete {label}: {QUERIES} queries over {len(names)} areas — "
                f"p50 {statistics.median(timings):.2f} ms, p95 {percentile(timings, 95):.2f} ms, "
                f"p99 {percentile(timings, 99):.2f} ms, max {max(timings):.2f} ms  "
                "(target p95 < 30 ms)"
            )
    finally:
        if args.pg:
            connection.close()
            import psycopg  # noqa: PLC0415

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')


if __name__ == "__main__":
    main()
