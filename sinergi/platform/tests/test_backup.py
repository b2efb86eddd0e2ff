"""The backup drill: back up, wipe, restore, and find every row and media file as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from sinergi.cases.models import Case, Category
from sinergi.platform import backup
from sinergi.platform.tests.photos import jpeg_with_gps


@pytest.fixture
def drill(territory: None, settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    client = Client()
    for n, place in enumerate(["Jl. Pasar Baru", "Gang Mawar"]):
        response = client.post(
            "/lapor/",
            {
                "category": Category.objects.get(slug="balap-liar").pk,
                "area": "64.74.01.1002",
                "description": f"Balap liar tiap malam di {place}.",
                "place": place,
                "anonymous": "on",
                "phone": "081234567890",
                "idempotency_key": f"drill-{n}",
                "photo": SimpleUploadedFile(f"foto-{n}.jpg", jpeg_with_gps(), "image/jpeg"),
            },
        )
        assert response.status_code == 302
    return tmp_path


def test_backup_wipe_restore_gives_back_every_row_and_file(drill: Path):
    before = backup.manifest()
    assert before["tables"]["cases_case"]["rows"] == 2
    assert len(before["media"]) == 2
    call_command("backup", str(drill / "backup"))

    # wipe: every table emptied, every media file gone
    call_command("flush", interactive=False)
    for path in (drill / "media").rglob("*"):
        if path.is_file():
            path.unlink()
    assert Case.objects.count() == 0
    assert backup.manifest() != before

    call_command("restore", str(drill / "backup"), "--yes")
    after = backup.manifest()
    assert after == before
    assert sorted(Case.objects.values_list("place", flat=True)) == ["Gang Mawar", "Jl. Pasar Baru"]
    for case in Case.objects.all():
        assert Path(case.photo.path).read_bytes()[:2] == b"\xff\xd8"


def test_a_restore_that_does_not_match_its_manifest_fails_loudly(drill: Path):
    call_command("backup", str(drill / "backup"))
    manifest = drill / "backup" / backup.MANIFEST
    manifest.write_text(manifest.read_text().replace('"rows": 2', '"rows": 3', 1))
    with pytest.raises(CommandError, match="restore differs from the backup"):
        call_command("restore", str(drill / "backup"), "--yes")


def test_restore_needs_yes_and_backup_an_empty_directory(drill: Path):
    call_command("backup", str(drill / "backup"))
    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", str(drill / "backup"))
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(drill / "backup"))
    assert Case.objects.count() == 2
