"""Writes of units and posts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sinergi.accounts import audit
from sinergi.accounts.models import AuditEvent, User
from sinergi.areas.models import Area
from sinergi.units import roles, structure
from sinergi.units.models import Post, Unit, UnitArea

BATCH = 5000


@dataclass(frozen=True, slots=True)
class GenerateResult:
    created: int
    existing: int


def _create_missing(planned: list[structure.PlannedUnit], known: dict[str, int]) -> int:
    missing = [p for p in planned if p.key not in known]
    if not missing:
        return 0
    units = Unit.objects.bulk_create(
        [
            Unit(
                key=p.key,
                kind=p.kind,
                institution=p.institution,
                name=p.name,
                tier=p.tier,
                parent_id=known.get(p.parent_key) if p.parent_key else None,
            )
            for p in missing
        ],
        batch_size=BATCH,
    )
    if any(u.pk is None for u in units):  # backends that cannot return ids from a bulk insert
        pairs = Unit.objects.filter(key__in=[p.key for p in missing]).values_list("key", "pk")
        known.update((key, pk) for key, pk in pairs if key)
    else:
        known.update((u.key, u.pk) for u in units if u.key)
    UnitArea.objects.bulk_create(
        [UnitArea(unit_id=known[p.key], area_id=p.area_code) for p in missing],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return len(missing)


@transaction.atomic
def units_generate_default() -> GenerateResult:
    """One Polda/Kodam/Pemprov per province, Polres/Kodim/Pemkab+Bakesbangpol per regency,
    Polsek/Koramil/Kecamatan per district and a Desa/Kelurahan per village.

    Idempotent: units are found again by their key, so edits made afterwards (names, parents,
    extra areas) survive a second run, and only what is missing is created.
    """
    known: dict[str, int] = {
        k: pk for k, pk in Unit.objects.filter(key__isnull=False).values_list("key", "pk") if k
    }
    before = len(known)
    areas = Area.objects.current()
    created = 0

    provinces = list(areas.filter(level=Area.Level.PROVINCE))
    created += _create_missing(
        [u for a in provinces for u in structure.plan_for_province(a)], known
    )

    regencies = list(areas.filter(level=Area.Level.REGENCY))
    shorts = Counter((a.code[:2], structure.short_name(a.name)) for a in regencies)
    created += _create_missing(
        [
            u
            for a in regencies
            for u in structure.plan_for_regency(
                a, clash=shorts[(a.code[:2], structure.short_name(a.name))] > 1
            )
        ],
        known,
    )

    districts = areas.filter(level=Area.Level.DISTRICT).only("code", "name", "kind")
    created += _create_missing(
        [u for a in districts.iterator(chunk_size=BATCH) for u in structure.plan_for_district(a)],
        known,
    )
    villages = areas.filter(level=Area.Level.VILLAGE).only("code", "name", "kind")
    created += _create_missing(
        [structure.plan_for_village(a) for a in villages.iterator(chunk_size=BATCH)], known
    )
    return GenerateResult(created=created, existing=before)


@transaction.atomic
def post_assign(
    *,
    user: User,
    unit: Unit,
    title: str,
    areas: list[Area] | None = None,
    role: str | None = None,
    by: User | None = None,
) -> Post:
    """Gives a person a post; ``areas`` narrows it (the villages of a Bhabinkamtibmas)."""
    served = set(unit.areas.values_list("code", flat=True))
    for area in areas or []:
        if not any(area.code == c or area.code.startswith(f"{c}.") for c in served):
            raise ValueError(f"{area.code} is outside the areas of {unit.name}")
    post = Post.objects.create(
        user=user, unit=unit, title=title, role=role or roles.ROLE_OF_TITLE[title]
    )
    if areas:
        post.areas.set(areas)
    audit.record(
        AuditEvent.Kind.POST_ASSIGNED,
        actor=by,
        subject=user,
        data={
            "post": post.pk,
            "unit": unit.pk,
            "title": title,
            "areas": [a.code for a in areas or []],
        },
    )
    return post


@transaction.atomic
def post_end(*, post: Post, by: User | None = None) -> Post:
    post.ended_at = timezone.now()
    post.save(update_fields=["ended_at"])
    audit.record(AuditEvent.Kind.POST_ENDED, actor=by, subject=post.user, data={"post": post.pk})
    return post
