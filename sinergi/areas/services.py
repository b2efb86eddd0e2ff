"""Writes of the territory: the import of a Kemendagri edition."""

from __future__ import annotations

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
    changed: int = 0  # rows written: new or different from what was stored


def _selected(names: dict[str, str], only: list[str]) -> dict[str, str]:
    """The areas under the given codes, with their ancestors so the tree stays whole."""
    keep: set[str] = set()
    for code in only:
        parts = code.split(".")
        keep.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    under = tuple(f"{code}." for code in only)
    return {c: n for c, n in names.items() if c in keep or c.startswith(under)}


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
    if only:
        # a part of the territory (the tests', a pilot's) reads the centroids of its provinces
        names = _selected(names, only)
        rows = list(sources.read_all(names, provinces={code[:2] for code in only}))
    else:
        rows = list(sources.read_all(names))
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
    changed = _changed(areas, only)
    Area.objects.bulk_create(
        changed,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[f.removesuffix("_id") for f in COMPARED],
    )
    # the word index follows the name: only the areas whose row changed are indexed again
    codes_changed = [a.code for a in changed]
    for start in range(0, len(codes_changed), BATCH):
        AreaWord.objects.filter(area_id__in=codes_changed[start : start + BATCH]).delete()
    AreaWord.objects.bulk_create(
        (
            AreaWord(word=word, area_id=area.code, level=area.level)
            for area in changed
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
    if changed or retired:
        _refresh_planner_statistics()
    return ImportResult(
        edition=edition, imported=len(areas), retired=retired, skipped=False, changed=len(changed)
    )


# What an import writes of each area; a row whose values are all the same is left alone.
COMPARED = (
    "parent_id",
    "level",
    "kind",
    "name",
    "name_key",
    "label",
    "search_key",
    "postal_code",
    "latitude",
    "longitude",
    "edition",
    "retired_at",
)


def _changed(areas: list[Area], only: list[str] | None) -> list[Area]:
    """The areas whose stored row differs from the edition (all of them on a first import):
    re-importing the same edition, or one with a few renamed villages, writes only those."""
    known: dict[str, tuple[object, ...]] = {}
    if only:
        codes = [a.code for a in areas]
        for start in range(0, len(codes), BATCH):
            batch = Area.objects.filter(code__in=codes[start : start + BATCH])
            known.update((r[0], r[1:]) for r in batch.values_list("code", *COMPARED))
    else:
        every = Area.objects.values_list("code", *COMPARED)
        known.update((r[0], r[1:]) for r in every.iterator(BATCH))
    return [a for a in areas if known.get(a.code) != tuple(getattr(a, f) for f in COMPARED)]


def _refresh_planner_statistics() -> None:
    """After a bulk load the query planner needs fresh statistics to pick the word index."""
    tables = [Area._meta.db_table, AreaWord._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
