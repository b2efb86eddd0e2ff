"""Production configuration: the deploy checks pass on the defaults, and nothing starts without
a secret key. Each case runs `manage.py` in a fresh process with a production environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SINERGI_DEMO"}}
    clean.update({"DEBUG": "false", "SINERGI_DEMO": "false", "ALLOWED_HOSTS": "sinergi.example"})
    clean.update(env)
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _check_deploy(*, site_url: str) -> subprocess.CompletedProcess[str]:
    """Django's deploy checks, failing on a warning, with a fresh secret key and this SITE_URL."""
    return _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL=site_url,
    )


def test_check_deploy_is_clean_with_production_defaults():
    result = _check_deploy(site_url="https://sinergi.example")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_while_links_in_messages_point_at_this_machine():
    result = _check_deploy(site_url="http://127.0.0.1:8000")
    assert result.returncode != 0
    assert "(sinergi.W001) SITE_URL is 'http://127.0.0.1:8000'" in result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    result = _manage("check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG and SINERGI_DEMO are off." in result.stderr


def test_production_defaults_are_the_safe_ones():
    probe = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.MAILERS['default']['BACKEND'])"
    )
    result = _manage("shell", "-v", "0", "-c", probe, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "31536000",
        "django.core.mail.backends.smtp.EmailBackend",
    ]
