"""The demo's patrol work in Bontang Utara: the demo's patrol requests clustered into hotspots, a
spot added by the Kapolsek from a Jumat Curhat, and tonight's patrol on the Bhabinkamtibmas's
phone. Run by home.demo.demo_load; a second run changes nothing."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from sinergi.accounts.models import User
from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.patrols import services
from sinergi.patrols.models import Hotspot, PatrolPlan
from sinergi.units.models import Unit

DISTRICT = "64.74.01"
VILLAGE = "64.74.01.1002"
PLAN_TITLE = "Patroli malam Bontang Baru"
MANUAL_SPOT = "Pasar Bontang Baru"


def demo_patrols() -> int:
    """Loads what is missing; returns the number of hotspots in the demo district."""
    kapolsek = User.objects.filter(username="kapolsek.bontangutara").first()
    bhabin = User.objects.filter(username="bhabin.bontangbaru").first()
    unit = Unit.objects.filter(key=f"polsek:{DISTRICT}").first()
    district = Area.objects.filter(code=DISTRICT).first()
    village = Area.objects.filter(code=VILLAGE).first()
    if None in (kapolsek, bhabin, unit, district, village):
        return 0  # a partial import: that place is not there
    # all five were found (checked just above)
    assert kapolsek is not None  # noqa: S101 -- the demo's own rows, created above
    assert bhabin is not None  # noqa: S101 -- the demo's own rows, created above
    assert unit is not None  # noqa: S101 -- the demo's own rows, created above
    assert district is not None  # noqa: S101 -- the demo's own rows, created above
    assert village is not None  # noqa: S101 -- the demo's own rows, created above
    services.hotspots_refresh(area_code=DISTRICT)
    if not Hotspot.objects.filter(area=village, name=MANUAL_SPOT).exists():
        services.hotspot_add(
            area=village,
            name=MANUAL_SPOT,
            by=kapolsek,
            latitude=0.1386,
            longitude=117.4975,
            time_windows=["22.00–02.00"],
            note="Disampaikan warga pada Jumat Curhat.",
        )
    if not PatrolPlan.objects.filter(unit=unit, title=PLAN_TITLE).exists():
        today = timezone.localdate()
        route = list(Hotspot.objects.filter(within_q("area_id", DISTRICT)).order_by("-score"))
        services.plan_create(
            unit=unit,
            area=district,
            title=PLAN_TITLE,
            starts_on=today,
            ends_on=today + timedelta(days=30),
            weekdays=range(7),
            time_start=time(21, 0),
            time_end=time(23, 30),
            route=route[:5],
            officers=[bhabin],
            by=kapolsek,
        )
    return Hotspot.objects.filter(within_q("area_id", DISTRICT)).count()
