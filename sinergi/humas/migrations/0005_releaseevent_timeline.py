"""ReleaseEvent takes the timeline shape every history shares (platform/timeline.py): its note is
the step's message, it gains the facts (data), and its actor may be empty in forms."""

from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("humas", "0004_release_photos_from_activities"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="releaseevent", old_name="note", new_name="message"),
        migrations.AddField(
            model_name="releaseevent",
            name="data",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name="releaseevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
