"""Backup and restore: the database (pg_dump custom format, or SQLite's online backup) plus the
media folder, with a manifest of row counts and content hashes that the restore checks itself
against. `manage.py backup DIR` and `manage.py restore DIR --yes`; the drill is in
`platform/tests/test_backup.py`, the operator's steps in `docs/deploy.md`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction

DUMP_PG = "database.dump"
DUMP_SQLITE = "database.sqlite3"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Difference:
    what: str
    expected: Any
    found: Any


def _table_hash(table: str) -> tuple[int, str]:
    """Row count and a hash of the table's content that does not depend on row order."""
    quoted = connection.ops.quote_name(table)
    rows: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 -- a table name from introspection
        rows.extend(repr(tuple(row)) for row in cursor.fetchall())
    digest = hashlib.sha256()
    for row in sorted(rows):
        digest.update(row.encode())
        digest.update(b"\n")
    return len(rows), digest.hexdigest()


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _file_hashes(root: Path) -> dict[str, str]:
    hashes: dict[str, str] = {}
    if not root.exists():
        return hashes
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        hashes[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def manifest() -> dict[str, Any]:
    """What the live system holds now: rows and hashes per table, a hash per media file."""
    tables = {}
    for table in sorted(connection.introspection.table_names()):
        count, digest = _table_hash(table)
        tables[table] = {"rows": count, "sha256": digest}
    return {"vendor": connection.vendor, "tables": tables, "media": _file_hashes(_media_root())}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ValueError(f"{name} not found: install the PostgreSQL client of the server's version")
    return path


def _pg_env() -> tuple[dict[str, str], list[str]]:
    """libpq settings for pg_dump / pg_restore from the live connection's settings."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env, ["--dbname", str(db["NAME"])]


def backup(target: Path) -> dict[str, Any]:
    """Writes the database dump, the media archive and the manifest into `target` (new or empty)."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise ValueError(f"{target} is not empty")
    if connection.vendor == "postgresql":
        # The dump and the manifest read the same snapshot, so a live system's writes in between
        # appear in neither.
        env, dbname = _pg_env()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            subprocess.run(  # noqa: S603 -- fixed arguments, our own database
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target / DUMP_PG),
                    *dbname,
                ],
                env=env,
                check=True,
            )
            result = manifest()
    else:
        connection.ensure_connection()
        with sqlite3.connect(target / DUMP_SQLITE) as copy:
            connection.connection.backup(copy)  # sqlite3 online backup
        result = manifest()
    with tarfile.open(target / MEDIA, "w:gz") as archive:
        root = _media_root()
        if root.exists():
            archive.add(root, arcname=".")
    result["media"] = _file_hashes(_media_root())
    (target / MANIFEST).write_text(json.dumps(result, indent=1, sort_keys=True), encoding="utf-8")
    return result


def restore(source: Path) -> list[Difference]:
    """Replaces the database and media with the backup in `source`, then compares the result
    with the manifest written at backup time; an empty list means an exact restore."""
    expected = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    if expected["vendor"] != connection.vendor:
        raise ValueError(f"backup is {expected['vendor']}, this database is {connection.vendor}")
    connections.close_all()
    if connection.vendor == "postgresql":
        env, dbname = _pg_env()
        subprocess.run(  # noqa: S603 -- fixed arguments, our own database
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *dbname,
                str(source / DUMP_PG),
            ],
            env=env,
            check=True,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(source / DUMP_SQLITE) as copy:
            copy.backup(connection.connection)  # into the live database
    root = _media_root()
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    with tarfile.open(source / MEDIA, "r:gz") as archive:
        archive.extractall(root, filter="data")  # refuses absolute paths and "../"
    return compare(expected, manifest())


def compare(expected: dict[str, Any], found: dict[str, Any]) -> list[Difference]:
    differences = [
        Difference(f"table {name}", want, found["tables"].get(name))
        for name, want in expected["tables"].items()
        if found["tables"].get(name) != want
    ]
    differences += [
        Difference(f"table {name}", None, found["tables"][name])
        for name in found["tables"]
        if name not in expected["tables"]
    ]
    if expected["media"] != found["media"]:
        differences.append(Difference("media", len(expected["media"]), len(found["media"])))
    return differences
