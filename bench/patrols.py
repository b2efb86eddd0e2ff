"""Hotspot clustering benchmark on PostgreSQL (127.0.0.1:5432, a fresh database, dropped after).

    .venv/bin/python bench/patrols.py [--requests 100000] [--spots 3000] [--regency 33.01]

Seeds N patrol requests (cases of kind patroli) by SQL in one regency: 80 % around a few thousand
crime-prone spots (jittered up to ~150 m, named or not), 20 % scattered anywhere in the regency's
villages. Then times hotspots_refresh over the whole regency (target < 10 s for 100,000), and
an incremental refresh after 1,000 more requests.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

from scratch import numbered, scratch_database


def seed(regency: str, requests: int, spots: int, start: int) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_v, bench_s")
        villages = numbered(
            cur,
            "bench_v",
            "SELECT row_number() OVER (ORDER BY code) AS n, code, "
            "COALESCE(latitude, 0) AS lat, COALESCE(longitude, 0) AS lng FROM areas_area "
            "WHERE level = 4 AND code LIKE %s AND latitude IS NOT NULL",
            [f"{regency}.%"],
        )
        # spots: a village each, up to ~2 km from its centroid
        cur.execute(
            f"""
            CREATE TEMP TABLE bench_s AS
            SELECT s AS n, v.code, v.lat + (random() - 0.5) * 0.036 AS lat,
                   v.lng + (random() - 0.5) * 0.036 AS lng
            FROM generate_series(1, {spots}) s
            JOIN bench_v v ON v.n = 1 + (s % {villages})
            """
        )
        cur.execute("SELECT id FROM cases_category WHERE slug = 'tempat-rawan'")
        category = cur.fetchone()[0]
        cur.execute(
            f"""
            INSERT INTO cases_case (tracking_code, kind, category_id, area_id, owner_area_id,
                status, channel, description, details, place, photo, support_count, created_at,
                updated_at, latitude, longitude)
            SELECT 'P' || lpad(g::text, 12, '0'), 'patroli', {category}, x.code, x.code, 'baru',
                'web', 'Mohon patroli', jsonb_build_object('time_window', '22.00-02.00'),
                x.place, '', 1, x.at, x.at, x.lat, x.lng
            FROM (
                SELECT g, now() - random() * interval '365 days' AS at,
                    CASE WHEN g % 5 = 0 THEN v.code ELSE s.code END AS code,
                    CASE WHEN g % 5 = 0 THEN '' WHEN g % 3 = 0 THEN 'Simpang ' || s.n ELSE '' END
                        AS place,
                    CASE WHEN g % 5 = 0 THEN v.lat + (random() - 0.5) * 0.05
                         ELSE s.lat + (random() - 0.5) * 0.0027 END AS lat,
                    CASE WHEN g % 5 = 0 THEN v.lng + (random() - 0.5) * 0.05
                         ELSE s.lng + (random() - 0.5) * 0.0027 END AS lng
                FROM generate_series({start}, {start + requests - 1}) g
                JOIN bench_s s ON s.n = 1 + (g::bigint * 7919 % {spots})
                JOIN bench_v v ON v.n = 1 + (g::bigint * 104729 % {villages})
            ) x
            """
        )
        cur.execute("ANALYZE cases_case")
    print(f"seeded {requests:,} patrol requests over {villages} villages, {spots:,} spots")


def run(regency: str, requests: int, spots: int, *, profile: bool = False) -> None:
    from sinergi.patrols.models import Hotspot, HotspotRequest
    from sinergi.patrols.services import hotspots_refresh

    seed(regency, requests, spots, 1)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    done = hotspots_refresh(area_code=regency)
    first = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    print(
        f"hotspots_refresh, {requests:,} requests in regency {regency}: {first:.2f} s "
        f"(target < 10 s) → {done.created:,} hotspots, {HotspotRequest.objects.count():,} links"
    )
    seed(regency, 1000, spots, requests + 1)
    started = time.perf_counter()
    again = hotspots_refresh(area_code=regency)
    second = time.perf_counter() - started
    print(
        f"incremental refresh, 1,000 new requests over {Hotspot.objects.count():,} hotspots: "
        f"{second:.2f} s ({again.created} new hotspots)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--spots", type=int, default=3_000)
    parser.add_argument("--regency", default="33.01")
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    args = parser.parse_args()

    with scratch_database("patrols"):
        from sinergi.areas.services import areas_import

        areas_import(only=[args.regency])
        print(f"machine: {os.cpu_count()} cores; PostgreSQL; regency {args.regency}")
        run(args.regency, args.requests, args.spots, profile=args.profile)


if __name__ == "__main__":
    main()
