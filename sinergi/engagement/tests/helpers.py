"""Shared makers for the engagement tests and the tests of other apps that need an activity of
Polsek A: a Jumat Curhat reported in village A, the aspirations it heard, the promises it made,
and the report form filled in as the page sends it and as the officer fills it on a phone."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from playwright.sync_api import Page, expect

from conftest import VILLAGE_A, earlier_on
from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases.models import Category
from sinergi.engagement import services
from sinergi.engagement.catalogue import ActivityType, PartnerKind, Program, Topic
from sinergi.engagement.models import Activity, Commitment
from sinergi.messaging.models import Outbox
from sinergi.platform.tests.photos import jpeg
from sinergi.units.models import Unit

# The aspiration fill_the_report types on the phone.
ASKED = "Mohon patroli malam di Gang Mawar dekat SD 005"
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


def report_post(**extra: str) -> dict[str, object]:
    """What the report form sends for a Jumat Curhat in village A: two aspirations, an empty
    aspiration row and one promise (`extra` replaces or adds fields)."""
    held = earlier_on().strftime("%Y-%m-%dT%H:%M")  # on the officer's own clock
    data: dict[str, object] = {
        "kind": "jumat_curhat",
        "programs": "jumat_curhat",
        "area": VILLAGE_A,
        "venue": "Balai Kelurahan",
        "unit": str(polsek_a().pk),
        "idempotency_key": "form-1",
        "held_at": held,
        "attendance": "35",
        "officials": "AKP Rudi Santoso, Kapolsek Bontang Utara\nAipda Agus Prasetyo",
        "partner_groups": ["warga", "tokoh_agama"],
        "topics": "pilkada",
        "minutes": "Warga minta patroli.",
        "asp-TOTAL_FORMS": "3",
        "asp-INITIAL_FORMS": "0",
        "asp-MAX_NUM_FORMS": "50",
        "asp-0-description": "Minta patroli malam",
        "asp-0-category": str(aspirasi().pk),
        "asp-1-description": "Lampu jalan mati",
        "asp-1-category": str(aspirasi().pk),
        "asp-1-name": "Bu Sari",
        "asp-1-phone": "081234567890",
        "asp-2-description": "",
        "asp-2-category": str(aspirasi().pk),
        "com-TOTAL_FORMS": "1",
        "com-INITIAL_FORMS": "0",
        "com-MAX_NUM_FORMS": "30",
        "com-0-text": "Patroli setiap malam",
        "com-0-due_on": "2099-01-01",
        "com-0-owner_label": "Kapolsek",
    }
    data.update(extra)
    return data


def promise(by, text: str, *, due: date, days_ago: int = 0) -> Commitment:
    """A promise `by` made at a Jumat Curhat of Polsek A in village A `days_ago` days ago."""
    activity = services.activity_record(
        by=by,
        unit=polsek_a(),
        kind=ActivityType.JUMAT_CURHAT,
        title="Jumat Curhat",
        area=Area.objects.get(code=VILLAGE_A),
        report=services.ReportIn(
            held_at=earlier_on(days_ago),
            commitments=[services.CommitmentIn(text=text, due_on=due, owner=by)],
        ),
    )
    return activity.commitments.get()


def photo_file(colour: str) -> dict[str, object]:
    """A phone photo as Playwright hands a file to an input."""
    return {"name": f"{colour}.jpg", "mimeType": "image/jpeg", "buffer": jpeg(colour, (64, 48))}


def fill_the_report(page: Page, *, with_photos: bool = True) -> None:
    """On the phone's report form: a Jumat Curhat in village A with one aspiration (ASKED) and
    two photos unless told otherwise."""
    expect(page.get_by_role("heading", name="Laporkan kegiatan", level=1)).to_be_visible()
    page.get_by_label("Jenis kegiatan").select_option("jumat_curhat")
    page.locator(f'#village-options input[value="{VILLAGE_A}"]').check()
    page.get_by_label("Tempat", exact=True).fill("Balai Kelurahan Bontang Baru")
    page.get_by_label("Jumlah peserta").fill("35")
    row = page.locator('[data-rows="asp"] [data-row]').nth(0)
    row.get_by_label("Aspirasi").fill(ASKED)
    row.get_by_label("Tempat yang dimaksud").fill("Gang Mawar dekat SD 005")
    if with_photos:
        page.get_by_label("Foto kegiatan").set_input_files([photo_file("red"), photo_file("blue")])
