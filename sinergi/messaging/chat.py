"""What every chat channel shares: one shape for an inbound message, the signature check, the
pseudonymous contact reference and a small HTTP client for the providers."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from pydantic import ValidationError


@dataclass(frozen=True, slots=True)
class Inbound:
    """A citizen's message, whatever channel it came through."""

    channel: str
    account: str  # WhatsApp phone_number_id, Telegram bot id, "" for SMS
    # wa_id, Telegram chat id, phone number: only ChatContact.address keeps it. A WhatsApp user
    # with a username may come without a number, known only by ``sender_user_id``.
    sender: str
    external_id: str
    kind: str = "text"  # one of KINDS
    text: str = ""
    choice: str = ""  # the id of a button, list row or inline keyboard key
    latitude: float | None = None
    longitude: float | None = None
    media: str = ""  # provider media id / file_id of the largest photo
    reply_to: str = ""  # provider id of our message this one answers
    callback_id: str = ""  # Telegram callback_query id, answered so the button stops spinning
    sender_user_id: str = ""  # WhatsApp business-scoped user id (BSUID), when given
    # kind "moved": the number / user id the sender changed to
    new_sender: str = ""
    new_user_id: str = ""


# What an inbound message can be, whatever the channel:
KINDS = {
    "text": "typed text (a caption-less message, /start)",
    "choice": "a button, list row or inline keyboard key",
    "location": "a shared location",
    "photo": "an image (its caption as text)",
    "sticker": "a sticker",
    "voice": "a voice note",
    "media": "audio, video, a document or an animation: not a photo",
    "contact": "a contact card",
    "reaction": "an emoji on one of our messages, or one taken back",
    "revoke": "the sender deleted one of their messages",
    "moved": "the sender changed number (WhatsApp system message)",
    "notice": "any other system notice (WhatsApp customer_identity_changed)",
    "blocked": "the sender blocked the bot (Telegram my_chat_member: kicked)",
    "unblocked": "the sender unblocked the bot (my_chat_member: member)",
    "unsupported": "what the provider itself cannot show us (WhatsApp unsupported)",
}
# Kinds that are not the sender saying something: they never reach the conversation.
SILENT = {"reaction", "revoke", "moved", "notice", "blocked", "unblocked"}


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    title: str
    description: str = ""


@dataclass(slots=True)
class Reply:
    text: str
    choices: list[Choice] = field(default_factory=list)
    case_id: int | None = None


def signature_ok(secret: str, body: bytes, header: str, *, prefix: str = "sha256=") -> bool:
    """HMAC-SHA256 of the raw body, compared in constant time; no secret configured → refuse."""
    if not secret or not header.startswith(prefix):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len(prefix) :].strip().lower())


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)  # 1e400 reads as infinity
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


# Deeper than any provider's documented payload by far; beyond it a body is a probe, not a message.
MAX_JSON_DEPTH = 64
# A lone UTF-16 surrogate ("\ud800" in the JSON) decodes in Python but cannot be encoded as UTF-8,
# so PostgreSQL (and any log line) would fail on it after the parse.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(value: Any) -> None:
    """Every string (keys included) storable as UTF-8 text without NUL, at most MAX_JSON_DEPTH
    deep; walked without recursion so no input can exhaust the stack."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError("nested too deeply")
        if isinstance(item, str):
            if "\x00" in item:
                raise ValueError("NUL character")
            if _SURROGATE.search(item):
                raise ValueError("lone surrogate")
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, depth + 1))
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def parse_json(body: bytes) -> Any:
    """A webhook body as JSON that PostgreSQL can store as it is: NaN, the infinities, NUL
    characters, lone surrogates and absurd nesting are a ValueError (unreadable: answered 200,
    nothing stored), not a failed INSERT (a 500) or a RecursionError after the parse.
    RefuseNulMiddleware catches NUL only when the sender says application/json."""
    try:
        value = json.loads(body, parse_constant=_refuse_constant, parse_float=_finite)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    _storable(value)
    return value


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def msisdn(number: str) -> str | None:
    """An Indonesian phone number as the SMS gateway takes it: "0812-3456 7890", "62812…" and
    "+62 812…" are all "+6281234567890". None when it cannot be a number (8–15 digits)."""
    digits = re.sub(r"[^\d]", "", number)
    if number.strip().startswith("+"):
        full = digits
    elif digits.startswith("0"):
        full = "62" + digits[1:]
    elif digits.startswith("62"):
        full = digits
    else:
        full = "62" + digits
    return f"+{full}" if 8 <= len(full) <= 15 else None


def contact_ref(channel: str, account: str, sender: str) -> str:
    """A keyed hash of the sender id: stable for one person on one line, meaningless elsewhere."""
    key = hashlib.sha256(f"sinergi.chat.ref:{settings.SECRET_KEY}".encode()).digest()
    raw = f"{channel}:{account}:{sender}".encode()
    return hmac.new(key, raw, hashlib.sha256).hexdigest()[:32]


class ProviderError(RuntimeError):
    """The provider did not take the message this time (an outage, a timeout, a rate limit):
    the outbox tries again with backoff, and not before ``retry_after`` seconds."""

    def __init__(
        self,
        detail: str,
        *,
        status: int = 0,
        body: bytes = b"",
        retry_after: float | None = None,
        rate_limited: bool | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.body = body
        self.retry_after = retry_after
        # "slow down": the rest of this sweep leaves the channel alone
        self.rate_limited = status == 429 if rate_limited is None else rate_limited

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"{}")
        except ValueError:
            return {}


class ProviderRefusedError(ProviderError):
    """The provider refused this message for good (an invalid parameter, a number that cannot
    receive it, a bot the person blocked): sending it again changes nothing. ``code`` is the
    provider's own error code, kept on the message for whoever handles the case."""

    def __init__(self, detail: str, *, code: str, status: int = 0) -> None:
        super().__init__(detail, status=status)
        self.code = code


class OutsideWindowError(ProviderRefusedError):
    """WhatsApp 131047: more than 24 hours since the person last wrote; only an approved
    template may be sent."""


def retry_after(value: str | None) -> float | None:
    """A Retry-After header in seconds (the HTTP-date form is not used by these providers)."""
    try:
        seconds = float(value or "")
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def http_json(
    url: str, *, payload: Any = None, headers: dict[str, str] | None = None, form: bytes = b""
) -> Any:
    """POSTs JSON (or a signed form), or GETs when there is no body; returns the parsed answer."""
    data: bytes | None = None
    all_headers = dict(headers or {})
    if payload is not None:
        data = json.dumps(payload).encode()
        all_headers["Content-Type"] = "application/json"
    elif form:
        data = form
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    raw = http_bytes(url, data=data, headers=all_headers)
    try:
        return json.loads(raw or b"{}")
    except ValueError as exc:
        raise ProviderError(f"not JSON from {url}") from exc


def http_bytes(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    limit: int = 20_000_000,
) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise ProviderError(f"not an http(s) URL: {url[:80]}")
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 -- checked
    try:
        with urllib.request.urlopen(request, timeout=settings.CHAT_HTTP_TIMEOUT) as response:  # noqa: S310 -- the provider address from settings
            body: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as exc:  # an answer with an error status: the caller decides
        answer = exc.read(4000)
        raise ProviderError(
            f"HTTP {exc.code} {answer[:300].decode(errors='replace')}".strip(),
            status=exc.code,
            body=answer,
            retry_after=retry_after(exc.headers.get("Retry-After")),
        ) from exc
    except OSError as exc:  # no answer: refused connection, reset, timeout
        raise ProviderError(f"{type(exc).__name__}: {exc}") from exc
    if len(body) > limit:
        raise ProviderError("answer too large")
    return body


def unreadable(exc: Exception) -> str:
    """What was wrong with a payload, for the log, without the payload's values: a pydantic
    error's own text quotes the input (a sender's number, a message), so only places and kinds."""
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['type']}"
            for e in exc.errors(include_input=False, include_url=False)
        )[:200]
    return type(exc).__name__


def numbered(text: str, choices: list[dict[str, str]]) -> str:
    """A menu as plain text, for a channel without buttons: "1. Title (description)" a line,
    so the person answers with the number."""
    if not choices:
        return text
    lines = [
        f"{i}. {c['title']}" + (f" ({c['description']})" if c.get("description") else "")
        for i, c in enumerate(choices, 1)
    ]
    return text + "\n\n" + "\n".join(lines)
