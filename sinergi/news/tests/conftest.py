"""The labelled examples live beside the repository (../shared/examples), never inside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from sinergi.news.gazetteer import Gazetteer

SHARED = Path(settings.BASE_DIR).parent / "shared"
EXAMPLES = SHARED / "examples"
SCORER = SHARED / "tools" / "score_news.py"


def read_examples(name: str) -> list[dict[str, Any]]:
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not beside the repository")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    # the whole territory from the package: the test database holds only a subset
    return Gazetteer.from_sources()
