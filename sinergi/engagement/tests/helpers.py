"""Shared makers for the engagement tests and the tests of other apps that need an activity of
Polsek A: a Jumat Curhat reported in village A, the aspirations it heard, the promises it made."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet

from conftest import VILLAGE_A, earlier_on
from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases.models import Category
from sinergi.engagement import services
from sinergi.engagement.catalogue import ActivityType, PartnerKind, Program, Topic
from sinergi.engagement.models import Activity
from sinergi.messaging.models import Outbox
from sinergi.units.models import Unit

RUDI: dict[str, str | None] = {
    "name": "Rudi Santoso",
    "rank": "AKP",
    "position": "Kapolsek Bontang Utara",
}


def polsek_a() -> Unit:
    return Unit.objects.get(key="polsek:64.74.01")


def aspirasi() -> Category:
    return Category.objects.filter(kind=Category.Kind.ASPIRASI, active=True).first()  # type: ignore[return-value]


def jumat_curhat(
    by: User,
    *,
    aspirations: tuple[str, ...] = ("Minta patroli malam di gang sekolah", "Lampu jalan mati"),
    commitments: tuple[tuple[str, date], ...] = (),
    key: str | None = None,
    photos: list[SimpleUploadedFile] | None = None,
    minutes: str = "",
) -> Activity:
    return services.activity_record(
        by=by,
        unit=polsek_a(),
        kind=ActivityType.JUMAT_CURHAT,
        programs=[Program.JUMAT_CURHAT],
        title="Jumat Curhat di Balai Kelurahan Bontang Baru",
        area=Area.objects.get(code=VILLAGE_A),
        venue="Balai Kelurahan",
        idempotency_key=key,
        report=services.ReportIn(
            held_at=earlier_on(),
            attendance=40,
            officials=[RUDI],
            partner_groups=[PartnerKind.TOKOH_AGAMA, PartnerKind.WARGA],
            topics=[Topic.KAMTIBMAS_UMUM, Topic.PILKADA],
            minutes=minutes,
            aspirations=[
                services.AspirationIn(description=d, category=aspirasi()) for d in aspirations
            ],
            commitments=[
                services.CommitmentIn(text=t, due_on=d, owner=by, owner_label="Bhabinkamtibmas")
                for t, d in commitments
            ],
            photos=photos or [],
        ),
    )


def promised() -> QuerySet[Outbox]:
    """The messages about promises: overdue reminders to their owners and the leaders above."""
    return Outbox.objects.filter(key__startswith="commitment:")
