"""The default unit structure derived from the territory: pure naming rules, no writes."""

from __future__ import annotations

from dataclasses import dataclass

from sinergi.areas.models import Area
from sinergi.units.models import Unit

K = Unit.Kind
JAKARTA = "31"


def short_name(regency_name: str) -> str:
    """ "Kabupaten Balangan" → "Balangan", "Kota Adm. Jakarta Selatan" → "Jakarta Selatan"."""
    name = regency_name
    for prefix in ("Kabupaten ", "Kota "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    for prefix in ("Administrasi ", "Adm. "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name


@dataclass(frozen=True, slots=True)
class PlannedUnit:
    key: str
    kind: str
    institution: str
    name: str
    tier: int
    area_code: str
    parent_key: str | None


def plan_for_province(area: Area) -> list[PlannedUnit]:
    code = area.code
    metro = code == JAKARTA
    return [
        PlannedUnit(
            f"polda:{code}",
            K.POLDA,
            Unit.Institution.POLRI,
            "Polda Metro Jaya" if metro else f"Polda {area.name}",
            1,
            code,
            None,
        ),
        PlannedUnit(
            f"kodam:{code}", K.KODAM, Unit.Institution.TNI, f"Kodam {area.name}", 1, code, None
        ),
        PlannedUnit(
            f"pemprov:{code}",
            K.PEMPROV,
            Unit.Institution.PEMERINTAH,
            f"Pemerintah Provinsi {area.name}",
            1,
            code,
            None,
        ),
    ]


def plan_for_regency(area: Area, *, clash: bool) -> list[PlannedUnit]:
    """``clash``: another regency of the province has the same short name (Kota vs Kabupaten)."""
    code, province = area.code, area.code[:2]
    short = short_name(area.name)
    is_city = area.kind == Area.Kind.KOTA
    if province == JAKARTA:
        police_kind, police_name = K.POLRES_METRO, f"Polres Metro {short}"
    elif is_city and clash:
        police_kind, police_name = K.POLRESTA, f"Polresta {short}"
    else:
        police_kind, police_name = K.POLRES, f"Polres {short}"
    gov_kind = K.PEMKOT if is_city else K.PEMKAB
    return [
        PlannedUnit(
            f"polres:{code}",
            police_kind,
            Unit.Institution.POLRI,
            police_name,
            2,
            code,
            f"polda:{province}",
        ),
        PlannedUnit(
            f"kodim:{code}",
            K.KODIM,
            Unit.Institution.TNI,
            f"Kodim {area.name}",
            2,
            code,
            f"kodam:{province}",
        ),
        PlannedUnit(
            f"pemkab:{code}",
            gov_kind,
            Unit.Institution.PEMERINTAH,
            f"Pemerintah {area.name}",
            2,
            code,
            f"pemprov:{province}",
        ),
        PlannedUnit(
            f"kesbangpol:{code}",
            K.BAKESBANGPOL,
            Unit.Institution.PEMERINTAH,
            f"Bakesbangpol {area.name}",
            2,
            code,
            f"pemkab:{code}",
        ),
    ]


def plan_for_district(area: Area) -> list[PlannedUnit]:
    code, regency = area.code, area.code[:5]
    word = "Distrik" if area.kind == Area.Kind.DISTRIK else "Kecamatan"
    return [
        PlannedUnit(
            f"polsek:{code}",
            K.POLSEK,
            Unit.Institution.POLRI,
            f"Polsek {area.name}",
            3,
            code,
            f"polres:{regency}",
        ),
        PlannedUnit(
            f"koramil:{code}",
            K.KORAMIL,
            Unit.Institution.TNI,
            f"Koramil {area.name}",
            3,
            code,
            f"kodim:{regency}",
        ),
        PlannedUnit(
            f"kecamatan:{code}",
            K.KECAMATAN,
            Unit.Institution.PEMERINTAH,
            f"{word} {area.name}",
            3,
            code,
            f"pemkab:{regency}",
        ),
    ]


def plan_for_village(area: Area) -> PlannedUnit:
    is_kelurahan = area.kind == Area.Kind.KELURAHAN
    return PlannedUnit(
        f"desa:{area.code}",
        K.KELURAHAN if is_kelurahan else K.DESA,
        Unit.Institution.PEMERINTAH,
        f"Kelurahan {area.name}" if is_kelurahan else f"Pemerintah Desa {area.name}",
        4,
        area.code,
        f"kecamatan:{area.code[:8]}",
    )
