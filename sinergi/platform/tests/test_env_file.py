"""The .env beside manage.py fills what the environment does not set."""

from __future__ import annotations

import os

from config.env import load_env_file


def test_a_dotenv_fills_only_what_is_unset(tmp_path, monkeypatch):
    monkeypatch.delenv("SINERGI_X_A", raising=False)
    monkeypatch.delenv("SINERGI_X_B", raising=False)
    monkeypatch.delenv("SINERGI_X_C", raising=False)
    monkeypatch.setenv("SINERGI_X_SET", "from the shell")
    env = tmp_path / ".env"
    env.write_text(
        "# a comment\n\nSINERGI_X_A=plain\nexport SINERGI_X_B='quoted value'\n"
        'SINERGI_X_C="a=b"\nSINERGI_X_SET=from the file\nnot a line\n',
        encoding="utf-8",
    )
    load_env_file(env)
    assert [os.environ[k] for k in ("SINERGI_X_A", "SINERGI_X_B", "SINERGI_X_C")] == [
        "plain",
        "quoted value",
        "a=b",
    ]
    assert os.environ["SINERGI_X_SET"] == "from the shell"
    for name in ("SINERGI_X_A", "SINERGI_X_B", "SINERGI_X_C"):
        monkeypatch.delenv(name)


def test_a_missing_dotenv_changes_nothing(tmp_path):
    before = dict(os.environ)
    load_env_file(tmp_path / ".env")
    assert dict(os.environ) == before
