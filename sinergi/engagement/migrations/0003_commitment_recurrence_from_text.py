"""Reads the recurrence of every promise recorded before it was kept ("setiap hari", "rutin")."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    from sinergi.engagement.promises import recurrence_of  # noqa: PLC0415 -- a pure rule

    commitment = apps.get_model("engagement", "Commitment")
    for row in commitment.objects.filter(recurrence="").only("pk", "text").iterator():
        found = recurrence_of(row.text)
        if found:
            commitment.objects.filter(pk=row.pk).update(recurrence=found)


class Migration(migrations.Migration):
    dependencies = [("engagement", "0002_activity_return_commitment_evidence")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
