"""Without ../shared/examples the example-based tests skip on a laptop but fail in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinergi.news.tests import conftest


def test_missing_examples_fail_in_ci_and_skip_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # given an examples folder that is not there
    monkeypatch.setattr(conftest, "EXAMPLES", tmp_path / "absent")
    # when CI is set, then reading them fails the test
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI reads the labelled examples"):
        conftest.read_examples("dev-articles.jsonl")
    # when it is not, then the test is skipped
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        conftest.read_examples("dev-articles.jsonl")
