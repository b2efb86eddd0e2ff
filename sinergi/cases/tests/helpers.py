"""Shared makers for tests that need a report filed the way a citizen files one: through the web
form's service, as the intake form's fields, or as an Open311 client finds the API."""

from __future__ import annotations

from typing import Any

from django_tasks_db.models import DBTaskResult

from conftest import VILLAGE_A
from sinergi.areas.models import Area
from sinergi.cases.models import Case, CaseEvent, Category, Reporter
from sinergi.cases.services import ReporterIn, Submitted, case_submit

# Open311 GeoReport v2: its root, and the service codes it lists to the public.
V2 = "/open311/v2/"
PUBLIC_SERVICES = [
    "gangguan-kamtibmas",
    "balap-liar",
    "kenakalan-remaja",
    "pencurian",
    "aspirasi-umum",
    "hoaks-media-sosial",
    "tempat-rawan",
    "kegiatan-masyarakat",
    "kegiatan-keagamaan",
]


def file_web(
    *,
    description: str = "Balap liar.",
    village: str = VILLAGE_A,
    slug: str = "balap-liar",
    reporter: ReporterIn | None = None,
    **more: Any,
) -> Submitted:
    """A report filed through the web form's service: a "balap liar" in village A, from an
    anonymous citizen, unless told otherwise (`more` goes to `case_submit` as it is)."""
    return case_submit(
        category=Category.objects.get(slug=slug),
        area=Area.objects.get(code=village),
        description=description,
        channel=Case.Channel.WEB,
        reporter=reporter or ReporterIn(),
        **more,
    )


def file_case(
    slug: str = "balap-liar", *, description: str = "Balap liar tiap malam.", **fields: Any
) -> Case:
    """A case filed on the web by a named reporter, whose identity must never leave here."""
    return case_submit(
        category=Category.objects.get(slug=slug),
        area=Area.objects.get(code=VILLAGE_A),
        description=description,
        channel=Case.Channel.WEB,
        reporter=ReporterIn(
            anonymous=False, name="Bu Ani", phone="081234567890", email="ani@example.org"
        ),
        **fields,
    ).case


def form(**overrides: Any) -> dict[str, Any]:
    """What the citizen's intake form sends: an anonymous "balap liar" in village A (`overrides`
    replace fields; None leaves one out)."""
    data = {
        "category": Category.objects.get(slug="balap-liar").pk,
        "area": VILLAGE_A,
        "description": "Balap liar tiap malam Minggu di jalan depan pasar.",
        "place": "Jl. Pasar Baru",
        "anonymous": "on",
        "phone": "0812 3456 7890",
        "idempotency_key": "k-1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def counts() -> tuple[int, ...]:
    """What a filed report writes, row by row: cases, reporters, case events, queued tasks."""
    return (
        Case.objects.count(),
        Reporter.objects.count(),
        CaseEvent.objects.count(),
        DBTaskResult.objects.count(),
    )
