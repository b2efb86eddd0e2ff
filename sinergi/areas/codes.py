"""Kemendagri codes: their shape, and the one way to ask "this area or anything under it"."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q

# province, regency, district or village: "64", "64.74", "64.74.01", "64.74.01.1002"
CODE_REGEX = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"
CODE_PATTERN = re.compile(CODE_REGEX)
CODE_PREFIX_PATTERN = re.compile(r"^[\d.]+$")


def normalize_code(raw: str) -> str:
    """Accepts "6474011002", "64.74.01.1002" or "64 74 01" and returns the dotted form."""
    digits = re.sub(r"\D", "", raw)
    parts = [digits[0:2], digits[2:4], digits[4:6], digits[6:10]]
    return ".".join(p for p in parts if p)


def within_q(field: str, code: str) -> Q:
    """``field`` equals ``code`` or lies under it: one index range on the code column.

    SQLite compares text bytewise, so "under 64.74" is the range ["64.74.", "64.74/"), which its
    planner runs on the index (its LIKE cannot use one). PostgreSQL takes LIKE '64.74.%', which
    uses a btree index under the C collation (as created by `make run` and CI) and is correct under
    every collation, where a range would not be.
    """
    if connection.vendor == "sqlite":
        return Q(**{field: code}) | Q(**{f"{field}__gte": f"{code}.", f"{field}__lt": f"{code}/"})
    # A foreign key ("area_id") takes text lookups through its target column; Django reads
    # area__code from the key itself, without a join.
    text_field = f"{field.removesuffix('_id')}__code" if field.endswith("_id") else field
    return Q(**{field: code}) | Q(**{f"{text_field}__startswith": f"{code}."})
