"""Deployment checks of our own settings (`manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}  # noqa: S104 -- names, not a bind


@register(Tags.security, deploy=True)
def site_url_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Links in messages (acknowledgements, SMS, e-mails) are built from SITE_URL: left at its
    development default they would send citizens to 127.0.0.1."""
    parts = urlsplit(settings.SITE_URL)
    if parts.hostname in LOCAL_HOSTS or parts.scheme != "https":
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in messages to citizens and officers "
                "would not reach this site.",
                hint="Set SITE_URL to the public https:// address of this Sinergi.",
                id="sinergi.W001",
            )
        ]
    return []
