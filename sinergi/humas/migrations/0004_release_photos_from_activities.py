"""Releases written before photos were chosen keep every photo of their activity, as shown then."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    release_model = apps.get_model("humas", "Release")
    photo_model = apps.get_model("engagement", "ActivityPhoto")
    chosen = apps.get_model("humas", "ReleasePhoto")
    for release in release_model.objects.exclude(activity=None).iterator():
        for position, photo in enumerate(
            photo_model.objects.filter(activity_id=release.activity_id).order_by("pk")
        ):
            chosen.objects.get_or_create(
                release=release, photo=photo,
                defaults={"caption": "Foto kegiatan", "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("humas", "0003_release_photos_chosen_and_captioned"),
        ("engagement", "0003_commitment_recurrence_from_text"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
