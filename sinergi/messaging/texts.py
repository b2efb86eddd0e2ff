"""Every text a citizen or an officer receives comes from a template under templates/messages/:
translatable, reworded without touching code, and never part of an outbox key."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from sinergi.messaging.models import Outbox


def text(template: str, context: dict[str, Any]) -> str:
    """A message's text, in Indonesian (the language of citizens and officers unless a person
    chose otherwise on the site, which a message cannot know)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(f"messages/{template}", context).strip()


def subject(template: str, context: dict[str, Any]) -> str:
    """A subject line: one line, whatever the template's line breaks (SMTP refuses them)."""
    return " ".join(text(template, context).split())


def site_url(path: str) -> str:
    """An absolute link for a message: the configured SITE_URL, never the request's host."""
    return settings.SITE_URL.rstrip("/") + path


def email(name: str, context: dict[str, Any], *, to: str, key: str, about: str = "") -> Outbox:
    """An e-mail (not yet in the outbox) whose subject and body are the templates
    ``<name>_subject.txt`` and ``<name>_email.txt``."""
    return Outbox(
        channel=Outbox.Channel.EMAIL,
        to=to,
        subject=subject(f"{name}_subject.txt", context),
        body=text(f"{name}_email.txt", context),
        key=key,
        about=about,
    )
