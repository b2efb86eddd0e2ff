"""Dashboard benchmark on PostgreSQL (127.0.0.1:5432, a fresh database, dropped after).

    .venv/bin/python bench/dashboard.py [--cases 1000000] [--activities 200000] [--regency 33.01]
                                        [--db NAME]

Seeds the whole territory like bench/vulnerability.py (1M cases, 200k activities, issues,
elections), scores every village, then measures, for the Kapolres of one regency: the dashboard
page (target p95 < 150 ms), each GeoJSON layer of the regency, the planner page, the recap page
and its XLSX and PDF; then for the Kapolda of the largest province: the dashboard page (target:
under 300 ms server time), its named map layer, its recap; and the index layer of the province
(bytes and time). Times are in-process (Django's test client): server time, no network.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from scratch import official, plain_static_files, scratch_database, signed_in, territory
from vulnerability import seed

RUNS = 40


def timed(client: object, url: str, runs: int = RUNS) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], size


def run(cases: int, activities: int, regency: str) -> None:
    from django.db import connection

    from sinergi.areas.models import Area
    from sinergi.dashboards import geo
    from sinergi.early_warning.index_data import index_recompute
    from sinergi.units.models import Post

    seed(cases, activities)
    started = time.perf_counter()
    summary = index_recompute()
    print(f"index: {summary.villages:,} villages in {time.perf_counter() - started:.1f} s")
    villages = Area.objects.filter(level=4, code__startswith=f"{regency}.").count()
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM cases_case WHERE area_id LIKE %s", [f"{regency}.%"])
        in_regency = cur.fetchone()[0]
    client = signed_in(official("kapolres.bench", f"polres:{regency}", Post.Title.KAPOLRES))
    print(f"Polres {regency}: {villages} villages, {in_regency:,} cases in the regency")
    for label, url, runs in (
        ("dashboard page (map and list)", "/petugas/dasbor/", RUNS),
        (
            "dashboard figures fragment (this week, this month)",
            "/petugas/dasbor/?bagian=angka",
            RUNS,
        ),
        ("dashboard charts fragment (12 weeks)", "/petugas/dasbor/?bagian=grafik", RUNS),
        ("planner page", "/petugas/perencana/", RUNS),
        ("GeoJSON index layer", "/petugas/dasbor/peta/index.geojson", RUNS),
        ("GeoJSON cases layer", "/petugas/dasbor/peta/cases.geojson", RUNS),
        ("GeoJSON activities layer", "/petugas/dasbor/peta/activities.geojson", RUNS),
        ("GeoJSON named villages layer", "/petugas/dasbor/peta/desa.geojson", RUNS),
        ("recap page (this week, per Polsek and tier)", "/petugas/dasbor/rekap/", 10),
        ("recap XLSX (this month)", "/petugas/dasbor/rekap/bulan.xlsx", 10),
        ("recap PDF (this month)", "/petugas/dasbor/rekap/bulan.pdf", 10),
    ):
        p50, p95, size = timed(client, url, runs)
        print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({size:,} bytes, n={runs})")
    province = max(
        Area.objects.filter(level=1).values_list("code", flat=True),
        key=lambda c: Area.objects.filter(level=4, code__startswith=f"{c}.").count(),
    )
    client = signed_in(official("kapolda.bench", f"polda:{province}", Post.Title.KAPOLDA))
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM cases_case WHERE area_id LIKE %s", [f"{province}.%"])
        in_province = cur.fetchone()[0]
    print(f"Polda {province}: {in_province:,} cases in the province")
    for label, url, runs in (
        ("province dashboard page (map and list)", "/petugas/dasbor/", RUNS),
        ("province figures fragment", "/petugas/dasbor/?bagian=angka", RUNS),
        ("province charts fragment", "/petugas/dasbor/?bagian=grafik", RUNS),
        ("province GeoJSON named villages layer", "/petugas/dasbor/peta/desa.geojson", 10),
        ("province recap page (this week, per Polres and tier)", "/petugas/dasbor/rekap/", 5),
    ):
        p50, p95, size = timed(client, url, runs)
        print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({size:,} bytes, n={runs})")
    count = Area.objects.filter(level=4, code__startswith=f"{province}.").count()
    started = time.perf_counter()
    text = geo.layer("index", [province])
    took = (time.perf_counter() - started) * 1000
    print(
        f"GeoJSON index layer of province {province} ({count:,} villages): {len(text):,} bytes "
        f"({len(text.encode()) / 1e6:.2f} MB), built in {took:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--activities", type=int, default=200_000)
    parser.add_argument("--regency", default="33.01")
    parser.add_argument("--db", default="", help="database name to create and drop")
    args = parser.parse_args()

    with scratch_database("dashboard", dbname=args.db, env={"DB_CONN_MAX_AGE": "60"}):
        plain_static_files()
        territory()
        print(f"machine: {os.cpu_count()} cores; PostgreSQL")
        run(args.cases, args.activities, args.regency)


if __name__ == "__main__":
    main()
