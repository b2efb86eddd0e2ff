"""An official in Bontang (Kalimantan Timur) lives in WITA: the time they type means WITA, and
every time their pages show names its zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from conftest import VILLAGE_A, village_today
from sinergi.areas import timezones
from sinergi.areas.models import Area
from sinergi.engagement import services
from sinergi.engagement.models import Activity
from sinergi.platform.indonesian import weekday_date
from sinergi.units.models import Unit

WITA = ZoneInfo("Asia/Makassar")


def test_a_time_typed_by_a_bontang_officer_is_wita(sign_in, bhabin_a):
    client = sign_in(bhabin_a)
    form = client.get("/petugas/kegiatan/rencana/").text
    assert "Waktu setempat (WITA)" in form
    unit = Unit.objects.get(key="polsek:64.74.01")
    today = village_today()
    friday = today + dt.timedelta(days=(4 - today.weekday()) % 7 + 7)  # the Friday after next
    response = client.post(
        "/petugas/kegiatan/rencana/",
        {
            "kind": "jumat_curhat",
            "title": "Jumat Curhat di masjid",
            "venue": "Masjid Al-Ikhlas",
            "when": f"{friday:%Y-%m-%d}T09:00",
            "unit": unit.pk,
            "area": VILLAGE_A,
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Jumat Curhat di masjid")
    assert activity.planned_at == dt.datetime.combine(friday, dt.time(9), tzinfo=WITA)
    shown = f"{weekday_date(friday)}, 09.00 WITA"  # "Jumat, 11 Desember 2026, 09.00 WITA"
    assert shown.startswith("Jumat, ")
    page = client.get(f"/petugas/kegiatan/{activity.pk}/").text
    assert shown in page
    # the public schedule says the same, to anyone
    schedule = client.get("/jadwal/64.74/").text
    assert shown in schedule


def test_the_officers_task_list_names_the_zone_of_each_time(sign_in, bhabin_a):
    when = timezone.now() - dt.timedelta(hours=2)  # held, waiting for its report
    services.activity_plan(
        by=bhabin_a,
        unit=Unit.objects.get(key="polsek:64.74.01"),
        kind="jumat_curhat",
        programs=[],
        area=Area.objects.get(code=VILLAGE_A),
        title="Rencana Jumat Curhat",
        venue="",
        planned_at=when,
    )
    page = sign_in(bhabin_a).get("/petugas/").text
    assert timezones.shown(when, VILLAGE_A) in page
    assert timezones.shown(when, VILLAGE_A).endswith(" WITA")
