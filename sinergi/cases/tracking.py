"""Tracking codes: short, unambiguous when read aloud over a phone, and unguessable.

`SNG-7K4Q-92XD`: eight symbols from an alphabet without 0/O, 1/I/L and U/V (29^8 ≈ 5·10^11
codes, drawn with `secrets`). Typed input is forgiving: case, spaces, dashes and the prefix are
optional, and look-alikes (O→0 is not in the alphabet, so O, I, L fold to nothing valid) fail.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
PREFIX = "SNG"
LENGTH = 8
_PATTERN = re.compile(rf"^(?:{PREFIX})?([{ALPHABET}]{{{LENGTH}}})$")


def new_code() -> str:
    # one draw from the system's randomness for the whole code (not one per symbol)
    number = secrets.randbelow(len(ALPHABET) ** LENGTH)
    body = ""
    for _ in range(LENGTH):
        number, symbol = divmod(number, len(ALPHABET))
        body += ALPHABET[symbol]
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


def normalize(raw: str) -> str | None:
    """The canonical code for what someone typed, or None when it cannot be one."""
    compact = re.sub(r"[\s\-_.]", "", raw.upper())[:20]
    match = _PATTERN.match(compact)
    if match is None:
        return None
    body = match.group(1)
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


# -- the reporter's key ----------------------------------------------------------------------
# The tracking code is public (Open311 lists it for every public case); only the reporter's key
# answers the feedback question, reopens, contests a decline or adds information from the web.
# The key is derived from the reporter's row with the site's secret: nothing to store, the same
# key can be written again in every message, and a rotated SECRET_KEY keeps old keys working
# through SECRET_KEY_FALLBACKS.
KEY_LENGTH = 8
_KEY_PATTERN = re.compile(rf"^[{ALPHABET}]{{{KEY_LENGTH}}}$")


def _key_for(reporter_id: int, secret: str) -> str:
    digest = hmac.new(
        secret.encode(), f"sinergi.reporter-key:{reporter_id}".encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest[:8])
    body = ""
    for _ in range(KEY_LENGTH):
        number, symbol = divmod(number, len(ALPHABET))
        body += ALPHABET[symbol]
    return body


def reporter_key(reporter_id: int) -> str:
    """The reporter's private key, as shown: `K7Q2-9XDM`."""
    body = _key_for(reporter_id, settings.SECRET_KEY)
    return f"{body[:4]}-{body[4:]}"


def normalize_key(raw: str) -> str | None:
    compact = re.sub(r"[\s\-_.]", "", raw.upper())[:20]
    return compact if _KEY_PATTERN.match(compact) else None


def key_matches(reporter_id: int, raw: str) -> bool:
    """Whether what was typed (or carried in a link) is this reporter's key."""
    typed = normalize_key(raw)
    if typed is None:
        return False
    secrets_in_use = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(hmac.compare_digest(typed, _key_for(reporter_id, s)) for s in secrets_in_use)
