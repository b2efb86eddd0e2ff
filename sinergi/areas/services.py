"""Writes of the territory: the import of a Kemendagri edition."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from sinergi.areas import sources, text
from sinergi.areas.models import Area, AreaWord

BATCH = 5000


@dataclass(frozen=True, slots=True)
class ImportResult:
    edition: str
    imported: int
    retired: int
    skipped: bool


def _selected(all_areas: Iterable[sources.SourceArea], only: list[str]) -> list[sources.SourceArea]:
    """The areas under the given codes, with their ancestors so the tree stays whole."""
    keep: set[str] = set()
    for code in only:
        parts = code.split(".")
        keep.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return [
        a
        for a in all_areas
        if a.code in keep or any(a.code.startswith(f"{code}.") for code in only)
    ]


@transaction.atomic
def areas_import(*, only: list[str] | None = None, force: bool = False) -> ImportResult:
    """Loads the territory edition; a second run of the same edition changes nothing.

    Areas missing from a new edition are retired, never deleted: records may point to them.
    """
    edition = sources.edition()
    names = sources.read_names()
    if not force and only is None:
        current = Area.objects.filter(edition=edition, retired_at__isnull=True)
        if current.count() == len(names):
            return ImportResult(edition=edition, imported=0, retired=0, skipped=True)
    rows = list(sources.read_all(names))
    if only:
        rows = _selected(rows, only)
    codes = [r.code for r in rows]

    labels: dict[str, str] = {}
    lineage: dict[str, list[str]] = {}  # an area's name and its parents', nearest first
    areas = []
    for row in rows:
        parent = row.code.rsplit(".", 1)[0] if "." in row.code else None
        label = f"{row.name}, {labels[parent]}" if parent else row.name
        labels[row.code] = label
        lineage[row.code] = [row.name, *lineage[parent]] if parent else [row.name]
        areas.append(
            Area(
                code=row.code,
                parent_id=parent,
                level=row.level,
                kind=row.kind,
                name=row.name,
                name_key=text.fold(row.name),
                label=label[:300],
                search_key=text.search_key(lineage[row.code])[:500],
                postal_code=row.postal_code,
                latitude=row.latitude,
                longitude=row.longitude,
                edition=edition,
                retired_at=None,
            )
        )
    Area.objects.bulk_create(
        areas,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "parent", "level", "kind", "name", "name_key", "label", "search_key", "postal_code",
            "latitude", "longitude", "edition", "retired_at",
        ],
    )  # fmt: skip

    if only is None:
        AreaWord.objects.all().delete()
    else:
        for code in only:
            AreaWord.objects.filter(area__in=Area.objects.within(code)).delete()
        AreaWord.objects.filter(area_id__in=[c for c in labels if c.count(".") < 2]).delete()
    AreaWord.objects.bulk_create(
        (
            AreaWord(word=word, area_id=area.code, level=area.level)
            for area in areas
            for word in text.index_words(area.name)
        ),
        batch_size=BATCH,
    )

    retired = 0
    if only is None:
        wanted = set(codes)
        gone = [c for c in Area.objects.current().values_list("code", flat=True) if c not in wanted]
        for start in range(0, len(gone), BATCH):
            retired += Area.objects.filter(code__in=gone[start : start + BATCH]).update(
                retired_at=timezone.now()
            )
    _refresh_planner_statistics()
    return ImportResult(edition=edition, imported=len(areas), retired=retired, skipped=False)


def _refresh_planner_statistics() -> None:
    """After a bulk load the query planner needs fresh statistics to pick the word index."""
    tables = [Area._meta.db_table, AreaWord._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
