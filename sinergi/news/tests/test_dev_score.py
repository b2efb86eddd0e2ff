"""The shared scorer on seeds + dev: a floor under the measured score, so regressions fail."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from sinergi.news.extract import extract
from sinergi.news.gazetteer import Gazetteer
from sinergi.news.tests.conftest import SCORER, read_examples

# Measured on the 27: 0.977 structured, 0.597 free-text; the floors sit a little below.
STRUCTURED_FLOOR = 0.94
FREE_TEXT_FLOOR = 0.50


def test_dev_set_scores_above_the_floor(tmp_path: Path, gazetteer: Gazetteer) -> None:
    # given
    rows = read_examples("seed-articles.jsonl") + read_examples("dev-articles.jsonl")
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(
        "".join(json.dumps({"id": r["id"], "labels": r["labels"]}) + "\n" for r in rows)
    )
    pred.write_text(
        "".join(
            json.dumps(
                {"id": r["id"], "labels": extract(r["text"], title=r["title"], gazetteer=gazetteer)}
            )
            + "\n"
            for r in rows
        )
    )
    # when
    result = subprocess.run(  # noqa: S603 -- our own interpreter on the shared scorer
        [sys.executable, str(SCORER), str(gold), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    )
    # then
    found = re.search(r"macro F1 ([\d.]+) structured, ([\d.]+) free-text", result.stdout)
    assert found, result.stdout
    assert float(found[1]) >= STRUCTURED_FLOOR, result.stdout
    assert float(found[2]) >= FREE_TEXT_FLOOR, result.stdout
