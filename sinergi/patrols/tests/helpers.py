"""Shared makers for the patrol tests: requests filed through the intake, a plan for tonight, an
event's organisers asking for security (through the intake or heard at a Jumat Curhat)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from conftest import DISTRICT_A, VILLAGE_A
from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.cases.tests.helpers import file_web
from sinergi.engagement import services as engagement
from sinergi.engagement.catalogue import ActivityType
from sinergi.engagement.models import Commitment
from sinergi.patrols import events, services
from sinergi.patrols.models import CheckIn, EventRequest, Hotspot, PatrolPlan
from sinergi.units.models import Unit

# Jalan Letjen S. Parman, Bontang Baru; 50 m north is 0.00045° of latitude.
LAT, LNG = 0.1330, 117.4990
FIFTY_M = 0.00045
TWO_KM = 0.018


def request_patrol(
    *,
    lat: float | None = LAT,
    lng: float | None = LNG,
    place: str = "Jl. Letjen S. Parman",
    email: str = "warga@example.id",
    window: str = "22:00-02:00",
    village: str = VILLAGE_A,
) -> Case:
    return case_services.case_submit(
        category=Category.objects.get(slug="tempat-rawan"),
        area=Area.objects.get(code=village),
        description="Mohon patroli malam, sering ada balap liar.",
        channel=Case.Channel.WEB,
        reporter=case_services.ReporterIn(email=email),
        details={"time_window": window},
        place=place,
        latitude=lat,
        longitude=lng,
    ).case


def plan_tonight(
    kapolsek: User, officers: list[User], route: list[Hotspot], commitment: Commitment | None = None
) -> PatrolPlan:
    today = timezone.localdate()
    return services.plan_create(
        unit=Unit.objects.get(key=f"polsek:{DISTRICT_A}"),
        area=Area.objects.get(code=DISTRICT_A),
        title="Patroli malam",
        starts_on=today,
        ends_on=today,
        weekdays=[today.weekday()],
        time_start=time(22, 0),
        time_end=time(2, 0),
        route=route,
        officers=officers,
        by=kapolsek,
        commitment=commitment,
    )


def marked_spot(kapolsek: User, name: str = "Simpang Cendana") -> Hotspot:
    """A hotspot the leader marks himself in village A, at the requests' position."""
    return services.hotspot_add(
        area=Area.objects.get(code=VILLAGE_A), name=name, by=kapolsek, latitude=LAT, longitude=LNG
    )


def last_night() -> datetime:
    """23.00 yesterday: inside the requests' window (22:00-02:00), in the past, as a phone sends
    a check-in taken then."""
    return timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0) - timedelta(
        days=1
    )


def one_spot() -> Hotspot:
    """A citizen's request at Jl. Letjen S. Parman, grouped into its hotspot."""
    request_patrol()
    services.hotspots_refresh(area_code=DISTRICT_A)
    return Hotspot.objects.get()


def tonight_at_one_spot(kapolsek: User, officer: User) -> tuple[PatrolPlan, Hotspot]:
    """Tonight's plan of the Kapolsek with one officer, over `one_spot()`."""
    hotspot = one_spot()
    return plan_tonight(kapolsek, [officer], [hotspot]), hotspot


def check_in(
    plan: PatrolPlan,
    hotspot: Hotspot,
    officer: User,
    *,
    at: tuple[float, float] = (LAT, LNG),
    **more: Any,
) -> CheckIn:
    """The officer's check-in at a position (the request's own by default)."""
    latitude, longitude = at
    return services.checkin_record(
        plan=plan, hotspot=hotspot, officer=officer, latitude=latitude, longitude=longitude, **more
    )


def ask_security(crowd: int, *, reach: str = "", email: str = "panitia@example.id") -> Case:
    """A majelis taklim's organisers ask through the web form for security at their Milad of
    `crowd` people (`reach`: how far it draws, as the form asks)."""
    return file_web(
        description="Mohon pengamanan Milad ke-10 majelis taklim kami.",
        slug="kegiatan-keagamaan",
        reporter=case_services.ReporterIn(anonymous=False, name="Panitia", email=email),
        details={
            "event_name": "Milad ke-10 Majelis Taklim",
            "event_date": "2026-12-20",
            "crowd_size": crowd,
            "organiser": "Majelis Taklim Al-Ikhlas",
            "reach": reach,
        },
        place="Lapangan Bontang Baru",
    ).case


def heard_at_a_jumat_curhat(by) -> EventRequest:
    """The event request opened from an aspiration `by` heard at a Jumat Curhat in village A an
    hour ago: a majelis asks for security at its anniversary, its details not yet filled in."""
    activity = engagement.activity_record(
        by=by,
        unit=Unit.objects.get(key="polsek:64.74.01"),
        kind=ActivityType.JUMAT_CURHAT,
        title="Jumat Curhat Bontang Baru",
        area=Area.objects.get(code=VILLAGE_A),
        venue="Balai Kelurahan Bontang Baru",  # where it was heard, not where the event will be
        report=engagement.ReportIn(
            held_at=timezone.now() - timedelta(hours=1),
            aspirations=[
                engagement.AspirationIn(
                    description="Majelis minta pengamanan peringatan hari jadi bulan depan.",
                    category=Category.objects.get(slug="kegiatan-keagamaan"),
                )
            ],
        ),
    )
    assert events.event_requests_open_new() == 1
    return EventRequest.objects.get(case=activity.aspirations.get().case)
