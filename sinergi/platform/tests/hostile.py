"""What a hostile or broken client sends, as hypothesis strategies, and the helpers the hostile
input tests share: one bounded, deterministic setting, a savepoint per example, a hand-made
multipart body (Django's test client takes the directory part off file names, which is the very
thing these tests want to send)."""

from __future__ import annotations

import copy
import io
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from PIL import Image

# Bounded and the same on every run: CI must not find today what it missed yesterday.
BOUNDED = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a person or a script may type: any code point but NUL (refused whole by
# RefuseNulMiddleware, tested in test_bad_input.py) and lone surrogates (not encodable in UTF-8,
# so no client can send them).
CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
TRICKY = [
    "",
    " ",
    "\t\r\n",
    "\u202eevil\u202c",
    "مرحبا بالعالم",
    "שלום",
    "💥🚓🇮🇩",
    "e\u0301" * 50,
    "\ufeff",
    "\u200b\u200d",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "\\x00",
    "{{ 7*7 }}",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "x" * 6000,
    "🚓" * 2100,
    "\x01\x07\x1b[31m\x7f",
    "𝕊𝕚𝕟𝕖𝕣𝕘𝕚",
]
hostile_text = st.one_of(
    st.text(CHARACTERS, max_size=60), st.sampled_from(TRICKY), st.text(CHARACTERS, max_size=5100)
)

FILE_NAMES = [
    "../../etc/passwd",
    "../../../../../../tmp/x.jpg",
    "/etc/passwd",
    "..\\..\\win.ini",
    "foto/../../x.jpg",
    "..",
    ".",
    "",
    "a/b/c.jpg",
    "C:\\Users\\x.jpg",
    "foto.jpg\r\nX: y",
    'a"b.jpg',
    "foto.php.jpg",
    "foto.jpg%2f..%2f..",
    "%2e%2e%2fpasswd",
    "~/.ssh/id_rsa",
    "\u202egpj.exe",
    "💥.jpg",
    "a" * 300 + ".jpg",
    "CON.jpg",
    "&#46;&#46;/&#47;etc&#47;passwd",
]
file_names = st.one_of(st.sampled_from(FILE_NAMES), st.text(CHARACTERS, max_size=300))
CONTENT_TYPES = [
    "image/jpeg",
    "image/png",
    "text/html",
    "application/x-php",
    "application/octet-stream",
    "image/svg+xml",
    "",
    "multipart/form-data",
]
content_types = st.one_of(
    st.sampled_from(CONTENT_TYPES), st.text(st.characters(codec="ascii"), max_size=40)
)


def image_bytes(fmt: str, size: tuple[int, int] = (12, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, format=fmt)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A valid 1x1 PNG whose header claims another size (a decompression bomb's calling card)."""
    png = bytearray(image_bytes("PNG", (1, 1)))
    png[16:24] = struct.pack(">II", width, height)  # IHDR: width, height; its CRC follows
    png[29:33] = struct.pack(">I", zlib.crc32(bytes(png[12:29])))
    return bytes(png)


VALID_PHOTOS = [image_bytes("JPEG"), image_bytes("PNG"), image_bytes("WEBP")]
NOT_PHOTOS = [image_bytes("GIF"), image_bytes("BMP"), png_claiming(8000, 8000)]
photo_bytes = st.one_of(
    st.sampled_from(VALID_PHOTOS),
    st.sampled_from(NOT_PHOTOS),
    st.binary(max_size=400),
    st.tuples(st.sampled_from(VALID_PHOTOS), st.integers(1, 200)).map(lambda t: t[0][: t[1]]),
    st.tuples(st.sampled_from(VALID_PHOTOS), st.binary(max_size=200)).map(lambda t: t[0] + t[1]),
)

# Any JSON value: what a webhook may receive from a broken or hostile sender.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(CHARACTERS),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(CHARACTERS, max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
# A value where the payload expects another: wrong types in the right places.
wrong_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    hostile_text,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def mostly(
    usual: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """Usually the usual value, one time in four the hostile one: enough examples get past the
    first check to reach the ones behind it."""
    return st.integers(0, 3).flatmap(lambda n: hostile if n == 0 else usual)


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example's writes, undone afterwards: every example starts from the same database."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


BOUNDARY = "sinergi-hostile-7d1f0c9a"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart(fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]) -> bytes:
    """A multipart/form-data body written by hand: file names go out exactly as given."""
    out = bytearray()
    for name, value in fields.items():
        out += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value.encode() + b"\r\n"
    for name, (file_name, content_type, content) in files.items():
        out += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: {content_type}\r\n\r\n'
        ).encode()
        out += content + b"\r\n"
    out += f"--{BOUNDARY}--\r\n".encode()
    return bytes(out)


def mutate(payload: Any, path: tuple[Any, ...], value: Any, *, delete: bool = False) -> Any:
    """The payload with the value at `path` replaced (or deleted); the original is untouched."""
    result = copy.deepcopy(payload)
    target = result
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return result
