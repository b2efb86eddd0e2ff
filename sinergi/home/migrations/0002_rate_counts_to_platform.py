"""RateCount now belongs to the platform app (its table, home_ratecount, is kept)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_rate_counts"),
        ("platform", "0001_rate_counts_from_home"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateCount")],
            database_operations=[],
        ),
    ]
