"""Tracking codes: short, unambiguous when read aloud over a phone, and unguessable.

`SNG-7K4Q-92XD`: eight symbols from an alphabet without 0/O, 1/I/L and U/V (29^8 ≈ 5·10^11
codes, drawn with `secrets`). Typed input is forgiving: case, spaces, dashes and the prefix are
optional, and look-alikes (O→0 is not in the alphabet, so O, I, L fold to nothing valid) fail.
"""

from __future__ import annotations

import re
import secrets

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
