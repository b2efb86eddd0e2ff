"""Uploaded files on S3-compatible storage (MEDIA_S3_BUCKET): a photo filed through the public
intake lands in the bucket, private, and comes back only through its /media/ door.

The server is moto's S3 server (`moto_server`, installed with the dev dependencies), a real HTTP
server on 127.0.0.1 started for this module; boto3 talks to it exactly as to any S3 endpoint.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sinergi.cases.models import Case
from sinergi.cases.tests.helpers import form
from sinergi.platform.storage import PrivateMediaStorage
from sinergi.platform.tests.photos import jpeg_with_gps
from sinergi.platform.tests.servers import free_port

pytestmark = pytest.mark.django_db

BUCKET = "sinergi-media"
KEYS = {"access_key": "uji-akses", "secret_key": "uji-rahasia"}  # moto accepts any pair


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = Path(sys.executable).parent / "moto_server"
    if not server.exists():
        pytest.skip("moto_server is not installed (pip install -e '.[dev]' installs moto[server])")
    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    proc = subprocess.Popen(  # noqa: S603 -- our own fixed command
        [str(server), "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def client_for(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )


@pytest.fixture
def s3_media(s3_endpoint: str, settings: Any, tmp_path: Path) -> Any:
    """STORAGES["default"] as settings.py builds it when MEDIA_S3_BUCKET is set."""
    s3 = client_for(s3_endpoint)
    s3.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path  # must stay empty: nothing may go to local disk
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "sinergi.platform.storage.PrivateMediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "addressing_style": "path",
                **KEYS,
            },
        },
    }
    yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def test_an_intake_photo_goes_to_the_bucket_privately_and_out_only_through_its_door(
    s3_media, client: Client, sign_in, bhabin_a, officer_b, tmp_path
):
    # given: the storage in use is the S3 one
    assert isinstance(default_storage, PrivateMediaStorage)
    # when: a citizen files a case with a photo through the public form
    upload = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/lapor/", form(photo=upload))
    # then: the photo is one private object in the bucket and nothing on local disk
    assert response.status_code == 302
    case = Case.objects.get()
    keys = [o["Key"] for o in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [case.photo.name]
    assert list(tmp_path.iterdir()) == []
    grants = s3_media.get_object_acl(Bucket=BUCKET, Key=case.photo.name)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner alone
    assert "URI" not in grants[0]["Grantee"]  # not a group such as AllUsers
    stored = s3_media.get_object(Bucket=BUCKET, Key=case.photo.name)["Body"].read()
    # the link every page prints is the door, never the bucket
    assert case.photo.url == f"/media/{case.photo.name}"
    # when / then: the door streams the object to the case's handler, to nobody else
    url = case.photo.url
    assert Client().get(url).status_code == 404
    assert sign_in(officer_b).get(url).status_code == 404
    served = sign_in(bhabin_a).get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == stored
    assert len(stored) > 0


def test_a_record_whose_object_is_gone_is_a_404(s3_media, sign_in, bhabin_a):
    # given: a case photo whose object was removed from the bucket
    upload = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert Client().post("/lapor/", form(photo=upload)).status_code == 302
    name = Case.objects.get().photo.name
    s3_media.delete_object(Bucket=BUCKET, Key=name)
    # when / then
    assert sign_in(bhabin_a).get(f"/media/{name}").status_code == 404
