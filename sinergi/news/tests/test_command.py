"""extract_news: one JSON line per good input line; bad lines reported with their number."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from sinergi.news.gazetteer import Gazetteer
from sinergi.news.tests.conftest import LABEL_FIELDS

GOOD = {
    "id": "a1",
    "title": "Jumat Curhat di Balangan",
    "text": "Balangan - Kapolres Balangan AKBP Budi Hartono menggelar Jumat Curhat bersama warga.",
}


def run(tmp_path: Path, lines: list[str]) -> tuple[list[dict[str, Any]], str]:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_news", jsonl=str(path), stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


@pytest.mark.django_db
def test_each_good_line_gives_one_record_in_the_label_schema(tmp_path: Path) -> None:
    # when
    rows, err = run(
        tmp_path, [json.dumps(GOOD), json.dumps({"id": 7, "text": "Tidak ada apa-apa."})]
    )
    # then
    assert err == ""
    assert [r["id"] for r in rows] == ["a1", 7]
    assert set(rows[0]) == {"id", "labels"}
    labels = rows[0]["labels"]
    assert labels["police_units"] == ["Polres Balangan"]
    # the regency comes from the Area table (the test territory holds 63.11 Balangan)
    assert labels["location"]["regency"] == "Kabupaten Balangan"
    assert set(labels) == LABEL_FIELDS


@pytest.mark.django_db
def test_bad_lines_are_reported_with_their_number_and_the_rest_still_come_out(
    tmp_path: Path,
) -> None:
    # given
    lines = [
        json.dumps(GOOD),
        "{not json",
        json.dumps({"text": "tanpa id"}),
        json.dumps({"id": "x", "text": 12}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({**GOOD, "id": "a2"}),
        json.dumps({"id": "t", "text": "teks", "title": 5}),
    ]
    # when
    rows, err = run(tmp_path, lines)
    # then
    assert [r["id"] for r in rows] == ["a1", "a2"]
    reported = [line.split(":")[0] for line in err.splitlines() if line.startswith("line ")]
    assert reported == ["line 2", "line 3", "line 4", "line 5", "line 8"]
    assert "5 line(s) skipped" in err


@pytest.mark.django_db
def test_standard_input_is_read_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(GOOD) + "\n"))
    out = io.StringIO()
    call_command("extract_news", jsonl="-", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue())["id"] == "a1"


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("extract_news", jsonl=str(tmp_path / "nope.jsonl"), stderr=err)
    assert "Cannot read" in err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "from_db",
    [
        {"return_value": Gazetteer()},  # migrated, territory not imported
        {"side_effect": DatabaseError("relation areas_area does not exist")},  # not migrated
    ],
)
def test_without_a_territory_the_package_still_gives_places(
    tmp_path: Path, from_db: dict[str, Any]
) -> None:
    # given a database without areas
    with patch.object(Gazetteer, "from_db", **from_db):
        # when
        rows, err = run(tmp_path, [json.dumps(GOOD)])
    # then
    assert "No areas in the database" in err
    assert rows[0]["labels"]["location"]["regency"] == "Kabupaten Balangan"
