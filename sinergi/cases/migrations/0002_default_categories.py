"""The default categories per kind, with privacy and SLA hours (village, district, regency, province).

Editable in the admin afterwards; this migration only adds what is missing.
"""

from django.db import migrations

# Plain data shared with the tests; safe for a migration to import.
from sinergi.cases.catalogue import ensure_categories


def add_categories(apps, schema_editor):
    ensure_categories(apps.get_model("cases", "Category"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_squashed")]
    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
