"""Photos as a phone saves them, for the tests of every app that takes one (platform/photos.py
keeps them without their metadata). No Django here: the fake chat provider serves them outside a
test run too (bench/chat.py)."""

from __future__ import annotations

import io

from PIL import Image

# Where in Bontang Baru the phone stood (EXIF GPSInfo: 0°8'39" S, 117°29'37" E)
GPS_BONTANG_BARU = {1: "S", 2: (0.0, 8.0, 39.0), 3: "E", 4: (117.0, 29.0, 37.0)}


def jpeg(colour: str = "red", size: tuple[int, int] = (40, 30)) -> bytes:
    """A plain JPEG: no EXIF at all."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def jpeg_with_gps(colour: str = "red", size: tuple[int, int] = (40, 30)) -> bytes:
    """A JPEG as a phone's camera saves it: its make and where it was taken in the EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x8825] = GPS_BONTANG_BARU  # GPSInfo
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG", exif=exif)
    return out.getvalue()
