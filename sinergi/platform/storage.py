"""Uploaded files on S3-compatible object storage (`MEDIA_S3_BUCKET`), for more than one web node.

The bucket stays private: objects are written with the private ACL, and a file's URL is never the
bucket's (no signed query string a citizen could pass on, nothing a browser fetches from another
host under our Content-Security-Policy). `url()` names the `/media/` door instead, and
`platform/media.py` reads the object through `default_storage.open()` after the record's check,
exactly as it reads a file on local disk.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateMediaStorage(S3Storage):  # type: ignore[misc]  # django-storages ships no types
    default_acl = "private"
    querystring_auth = False
    file_overwrite = False  # two uploads of "foto.jpg" keep two objects, like the file system

    def url(self, name: str | None, *args: object, **kwargs: object) -> str:
        return f"{settings.MEDIA_URL}{filepath_to_uri(name or '')}"
