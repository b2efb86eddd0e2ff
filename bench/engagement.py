"""Engagement benchmarks on PostgreSQL (127.0.0.1:5432, a fresh database, dropped afterwards).

    .venv/bin/python bench/engagement.py [--activities 50000] [--reports 40]

(a) the activity report form with 20 aspirations and 3 commitments, posted as a signed-in
    Bhabinkamtibmas (the whole request: 20 cases filed through the intake, the commitments, the
    event): p50/p95.
(b) coverage for a Polres with about 500 villages and N activities in its villages over the last
    year (plus a place of worship in every village): the selector and the whole page, p50/p95
    (target p95 < 150 ms).
"""

from __future__ import annotations

import argparse
import os
import time
import uuid
from datetime import timedelta

from scratch import (
    line,
    numbered,
    official,
    plain_static_files,
    scratch_database,
    signed_in,
    territory,
)


def regency_near(villages: int) -> str:
    """The regency whose village count is closest to the wanted size."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    from sinergi.areas.models import Area

    counts = (
        Area.objects.filter(level=4)
        .annotate(regency=Substr("code", 1, 5))
        .values("regency")
        .annotate(n=Count("code"))
    )
    return min(counts, key=lambda row: abs(row["n"] - villages))["regency"]


def report(count: int) -> None:
    from django.utils import timezone

    from sinergi.areas.models import Area
    from sinergi.cases.models import Case, Category
    from sinergi.engagement.models import Activity
    from sinergi.units.models import Post, Unit

    village = Area.objects.get(code="64.74.01.1002")
    unit = Unit.objects.get(key="polsek:64.74.01")
    user = official("bench-bhabin", "polsek:64.74.01", Post.Title.BHABINKAMTIBMAS, (village.code,))
    client = signed_in(user)
    category = Category.objects.get(slug="aspirasi-umum").pk
    held = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    timings: list[float] = []
    before = Case.objects.count()
    for _ in range(count):
        data: dict[str, object] = {
            "kind": "jumat_curhat",
            "programs": "jumat_curhat",
            "area": village.code,
            "venue": "Balai Kelurahan",
            "unit": str(unit.pk),
            "idempotency_key": uuid.uuid4().hex,
            "held_at": held,
            "attendance": "60",
            "officials": "AKP Rudi Santoso, Kapolsek",
            "partner_groups": ["warga", "tokoh_agama"],
            "topics": ["pilkada", "hoaks"],
            "minutes": "Warga menyampaikan banyak hal.",
            "asp-TOTAL_FORMS": "20",
            "asp-INITIAL_FORMS": "0",
            "com-TOTAL_FORMS": "3",
            "com-INITIAL_FORMS": "0",
        }
        for i in range(20):
            data[f"asp-{i}-description"] = f"Aspirasi warga nomor {i}: lampu jalan dan patroli."
            data[f"asp-{i}-category"] = str(category)
        for i in range(3):
            data[f"com-{i}-text"] = f"Janji nomor {i}"
            data[f"com-{i}-owner"] = str(user.pk)
            data[f"com-{i}-due_on"] = "2099-01-01"
        start = time.perf_counter()
        response = client.post("/petugas/kegiatan/lapor/", data)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.content[:2000]
    filed = Case.objects.count() - before
    line(
        "(a) report form, 20 aspirations + 3 commitments, whole request",
        timings,
        f"; {Activity.objects.count()} activities, {filed} cases filed "
        f"({'OK' if filed == 20 * count else 'MISMATCH'})",
    )


def seed_activities(regency: str, unit_id: int, count: int) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        villages = numbered(
            cur,
            "bench_v",
            "SELECT row_number() OVER (ORDER BY code) AS n, code "
            "FROM areas_area WHERE level = 4 AND code LIKE %s",
            [f"{regency}.%"],
        )
        # a quarter of the villages had nothing in the last 90 days: coverage has gaps to show
        cur.execute(
            f"""
            INSERT INTO engagement_activity (unit_id, kind, extra_kinds, programs, title, area_id,
                venue, status, planned_at, held_at, attendance, officials, partner_groups, topics,
                minutes, source, source_url, correction_note, created_at, updated_at)
            SELECT {unit_id}, 'jumat_curhat', '[]', '[]', 'Kegiatan uji ' || g, v.code, '',
                   'verified', s.at, s.at, 30, '[]', '[]', '[]', '', 'officer', '', '', s.at,
                   s.at
            FROM (SELECT g, 1 + floor(random() * {villages} * 0.75)::int AS vn,
                         now() - random() * interval '365 days' AS at
                  FROM generate_series(1, {count}) g) s
            JOIN bench_v v ON v.n = s.vn
            """
        )
        cur.execute(
            """
            INSERT INTO engagement_partner (kind, name, area_id, role, address, phone, email, note,
                last_engaged_on, last_engaged_subject, active, created_at)
            SELECT 'rumah_ibadah', 'Masjid ' || v.n, v.code, '', '', '', '', '',
                   CASE WHEN v.n % 3 = 0 THEN NULL
                        ELSE (now() - (v.n % 120) * interval '1 day')::date END,
                   '', true, now()
            FROM bench_v v
            """
        )
        cur.execute("ANALYZE engagement_activity")
        cur.execute("ANALYZE engagement_partner")
    return int(villages)


def coverage(activities: int) -> None:
    from sinergi.engagement.selectors import coverage as coverage_of
    from sinergi.units.models import Post, Unit

    regency = regency_near(500)
    unit = Unit.objects.get(key=f"polres:{regency}")
    start = time.perf_counter()
    villages = seed_activities(regency, unit.pk, activities)
    print(
        f"(b) seeded {activities} activities and {villages} places of worship over {villages} "
        f"villages of {unit.name} in {time.perf_counter() - start:.0f} s"
    )
    client = signed_in(official("bench-kapolres", f"polres:{regency}", Post.Title.KAPOLRES))
    selector, page = [], []
    for _ in range(40):
        start = time.perf_counter()
        result = coverage_of(unit=unit)
        selector.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        response = client.get("/petugas/cakupan/")
        page.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    summary = (
        f" [{len(result.villages)} villages: {result.villages_30} engaged in 30 d, "
        f"{result.villages_90} in 90 d] (target p95 < 150 ms)"
    )
    line("(b) coverage selector", selector, summary)
    line("(b) coverage whole page", page, summary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=50_000)
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--parts", default="ab")
    args = parser.parse_args()

    with scratch_database("engagement"):
        plain_static_files()
        territory()
        print(f"machine: {os.cpu_count()} cores; PostgreSQL; full territory")
        if "a" in args.parts:
            report(args.reports)
        if "b" in args.parts:
            coverage(args.activities)


if __name__ == "__main__":
    main()
