"""RateCount moves from the home app to the platform app: the table stays as it is
(home_ratecount); only Django's record of which app owns it changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("home", "0001_rate_counts")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateCount",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=120, unique=True)),
                        ("count", models.PositiveIntegerField(default=0)),
                        ("minute", models.DateTimeField(db_index=True)),
                    ],
                    options={"db_table": "home_ratecount"},
                ),
            ],
            database_operations=[],
        ),
    ]
