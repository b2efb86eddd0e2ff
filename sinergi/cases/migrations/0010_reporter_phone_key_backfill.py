"""Fills Reporter.phone_key for reporters filed before it existed (the rule of
messaging.chat.msisdn, copied: a migration must not change when the code does)."""

import re

from django.db import migrations


def _msisdn(number):
    digits = re.sub(r"[^\d]", "", number)
    if number.strip().startswith("+"):
        full = digits
    elif digits.startswith("0"):
        full = "62" + digits[1:]
    elif digits.startswith("62"):
        full = digits
    else:
        full = "62" + digits
    return f"+{full}" if 8 <= len(full) <= 15 else ""


def backfill(apps, schema_editor):
    Reporter = apps.get_model("cases", "Reporter")
    batch = []
    for reporter in Reporter.objects.exclude(phone="").filter(phone_key="").iterator(2000):
        reporter.phone_key = _msisdn(reporter.phone)
        batch.append(reporter)
        if len(batch) == 2000:
            Reporter.objects.bulk_update(batch, ["phone_key"])
            batch = []
    Reporter.objects.bulk_update(batch, ["phone_key"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_reporter_phone_key")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
