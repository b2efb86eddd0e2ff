"""Citizens' photos: checked, and re-encoded without EXIF (GPS, device) before anyone sees them."""

from __future__ import annotations

import io
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # decompression bombs: a small file that unpacks to a huge image
MAX_SIDE = 2048  # larger photos are scaled down: officers read them on phones

log = logging.getLogger(__name__)


class PhotoError(ValueError):
    """A photo we will not keep; the message is for the person who sent it."""


@dataclass(frozen=True, slots=True)
class CleanPhoto:
    name: str
    content: ContentFile[bytes]


def clean_photo(upload: UploadedFile[bytes]) -> CleanPhoto:
    max_bytes = settings.CASE_PHOTO_MAX_BYTES
    if upload.size is None or upload.size > max_bytes:
        raise PhotoError(
            _("Foto terlalu besar (maksimal %(mb)d MB).") % {"mb": max_bytes // 1_000_000}
        )
    try:
        with Image.open(upload) as probe:
            fmt = probe.format or ""
            if fmt not in ALLOWED_FORMATS:
                raise PhotoError(_("Jenis berkas tidak didukung. Kirim foto JPG, PNG, atau WEBP."))
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoError(_("Ukuran gambar terlalu besar."))
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise PhotoError(_("Berkas ini bukan foto yang dapat dibaca.")) from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    if fmt == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    out = io.BytesIO()
    # Only the pixels travel on: EXIF (GPS, device), XMP, ICC and text chunks stay behind.
    clean = image.copy()
    clean.info = {}
    options = {"quality": 85} if fmt in {"JPEG", "WEBP"} else {}
    clean.save(out, format=fmt, **options)
    name = f"{secrets.token_hex(12)}.{ALLOWED_FORMATS[fmt]}"
    return CleanPhoto(name=name, content=ContentFile(out.getvalue(), name=name))


def store(photo: CleanPhoto, folder: str) -> str:
    """Writes a cleaned photo to the media storage and returns its name. Callers store the file
    before they write its rows and delete it if those rows fail: a photo that cannot be stored
    (disk full, read-only, a missing or broken media folder) is a PhotoError and nothing else
    is written."""
    try:
        return default_storage.save(f"{folder}/{photo.name}", photo.content)
    except OSError as exc:
        log.warning("photo not stored in %s/ (%s)", folder, type(exc).__name__)
        raise PhotoError(
            _("Foto tidak dapat disimpan saat ini. Coba lagi tanpa foto atau nanti.")
        ) from exc
