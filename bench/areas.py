"""Territory benchmarks: full import time and area search latency.

    .venv/bin/python bench/areas.py            # a fresh SQLite file
    .venv/bin/python bench/areas.py --pg       # a fresh database on 127.0.0.1:5432

Prints numbers with the data size they ran on, for three kinds of query apart: exact (name
prefixes, words, whole names, names written as one word, code prefixes), narrowed (a village's
name with its district or regency) and misspelt (a letter of a name changed, dropped or
swapped; these take the edit-distance path when nothing matches as typed).
Targets (issue #2): import < 15 s, p95 < 30 ms.
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


def _village_query(query: str, rng: random.Random) -> dict[str, object]:
    """Half are filtered to villages, as the citizens' forms do."""
    return {"q": query, "level": 4} if rng.random() < 0.5 else {"q": query}


def make_queries(names: list[tuple[str, str]], rng: random.Random) -> list[dict[str, object]]:
    """What people type: name prefixes, two words, whole names, one-word names, code prefixes."""
    queries: list[dict[str, object]] = []
    for _ in range(QUERIES):
        code, name = rng.choice(names)
        words = name.split()
        shape = rng.random()
        if shape < 0.4:
            q = words[0][: rng.randint(3, max(3, len(words[0])))]
        elif shape < 0.55 and len(words) > 1:
            q = f"{words[0]} {words[1][:3]}"
        elif shape < 0.65 and len(words) > 1:
            q = "".join(words)
        elif shape < 0.85:
            q = name
        else:
            q = code[: rng.choice([2, 5, 8])]
        queries.append(_village_query(q, rng))
    return queries


def make_narrowed_queries(
    villages: list[tuple[str, str, str, str]], rng: random.Random
) -> list[dict[str, object]]:
    """A village's name with its district's or regency's: "Sukamaju Sekadau"."""
    queries: list[dict[str, object]] = []
    for _ in range(QUERIES):
        _code, name, district, regency = rng.choice(villages)
        where = district if rng.random() < 0.5 else regency.removeprefix("Kabupaten ")
        queries.append({"q": f"{name} {where}", "level": 4})
    return queries


def misspell(word: str, rng: random.Random) -> str:
    """One slip of the finger: a letter changed, dropped, doubled or swapped with the next."""
    i = rng.randrange(1, len(word) - 1)
    slip = rng.choice(["change", "drop", "double", "swap"])
    if slip == "change":
        return word[:i] + rng.choice("aiueokmnrst") + word[i + 1 :]
    if slip == "drop":
        return word[:i] + word[i + 1 :]
    if slip == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_misspelt_queries(
    names: list[tuple[str, str]], rng: random.Random
) -> list[dict[str, object]]:
    """A whole name with one of its longer words misspelt: "Kompang Bis"."""
    queries: list[dict[str, object]] = []
    while len(queries) < QUERIES:
        _code, name = rng.choice(names)
        words = name.split()
        long_words = [i for i, w in enumerate(words) if len(w) >= 5]
        if not long_words:
            continue
        i = rng.choice(long_words)
        words[i] = misspell(words[i], rng)
        queries.append(_village_query(" ".join(words), rng))
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", action="store_true", help="use a fresh PostgreSQL database")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="sinergi-bench-")
    dbname = f"sinergi_bench_{os.getpid()}"
    if args.pg:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{dbname}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("SINERGI_DEMO", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from sinergi.areas import fuzzy
    from sinergi.areas.models import Area, AreaWord
    from sinergi.areas.selectors import area_search
    from sinergi.areas.services import areas_import
    from sinergi.units.services import units_generate_default

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
        villages = list(
            Area.objects.filter(level=4).values_list(
                "code", "name", "parent__name", "parent__parent__name"
            )
        )
        start = time.perf_counter()
        vocabulary = fuzzy.vocabulary()
        print(
            f"word index: {AreaWord.objects.count()} rows; the misspelt search's vocabulary "
            f"{len(vocabulary.words)} words, loaded in {time.perf_counter() - start:.2f} s "
            "(once per process and import)"
        )
        kinds = (
            ("exact", make_queries(names, rng)),
            ("narrowed", make_narrowed_queries(villages, rng)),
            ("misspelt", make_misspelt_queries(names, rng)),
        )
        for kind, queries in kinds:
            took_fuzzy = sum(area_search(limit=10, **q).fuzzy for q in queries)  # type: ignore[arg-type]
            print(
                f"{kind} queries: {QUERIES}, {took_fuzzy} of them answered by the misspelt "
                f"(edit distance) path, e.g. {[q['q'] for q in queries[:4]]}"
            )
            for label, run in (
                ("selector area_search", lambda q: area_search(limit=10, **q)),
                ("GET /api/v1/areas", lambda q: Client().get("/api/v1/areas", {**q, "limit": 10})),
                (
                    "GET /wilayah/ (htmx picker)",
                    lambda q: Client().get(
                        "/wilayah/", {**q, "pick": 1}, headers={"HX-Request": "true"}
                    ),
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
                    f"  {kind} {label}: {QUERIES} queries over {len(names)} areas — "
                    f"p50 {statistics.median(timings):.2f} ms, "
                    f"p95 {percentile(timings, 95):.2f} ms, "
                    f"p99 {percentile(timings, 99):.2f} ms, max {max(timings):.2f} ms  "
                    "(target p95 < 30 ms)"
                )
    finally:
        if args.pg:
            connection.close()
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')


if __name__ == "__main__":
    main()
