"""The labelled examples live beside the repository (../shared/examples), never inside it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from sinergi.news.gazetteer import Gazetteer

SHARED = Path(settings.BASE_DIR).parent / "shared"
EXAMPLES = SHARED / "examples"
SCORER = SHARED / "tools" / "score_news.py"
# The label schema's fields, which every record the reader writes has (../shared/examples)
LABEL_FIELDS = {
    "activity_types",
    "programs",
    "activity_date",
    "police_units",
    "officials",
    "partners",
    "location",
    "topics",
    "aspirations",
    "commitments",
}


def read_examples(name: str) -> list[dict[str, Any]]:
    path = EXAMPLES / name
    if not path.exists():
        # CI must read them: a missing folder there is a broken set-up, not a reason to skip
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{path} is missing: CI reads the labelled examples beside the repository")
        pytest.skip(f"{path} is not beside the repository")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    # the whole territory from the package: the test database holds only a subset
    return Gazetteer.from_sources()
