"""The demo's early-warning picture in Kota Bontang: an election whose stages run around today
(fictional, named as demo data), a SARA tension issue tagged pilkada, the demo's hoax report grouped
into a hoax issue with a published clarification, and index scores for the demo regencies.
Run by home.demo.demo_load; a second run adds nothing (the scores are recomputed)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, CaseEvent, Category
from sinergi.early_warning import services
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.models import Election, ElectionStage, Issue

REGENCY = "64.74"
DISTRICT = "64.74.01"
ELECTION = "Pemungutan Suara Ulang Pilkada Kota Bontang (data demo)"
TENSION = "Ketegangan antarpendukung jelang pemungutan suara ulang"
HOAX = "Hoaks penculikan anak di grup WhatsApp warga"
DEMO_REGENCIES = ("64.74", "63.11", "18.01", "61.09", "35.04")
# The tension flared in two kelurahan of the district: recorded for them, not only the district.
TENSION_VILLAGES = ("64.74.01.1002", "64.74.01.1006")
# A year of incident reports in Bontang, so the index tells villages apart as it would in use:
# (village, category, days ago of each report). Filed through the intake, then dated back and
# closed as solved at village tier (demo history, not work waiting for anyone) — except those in
# LATE: still open, moved up to the district after their deadline (the dashboard's "late").
HISTORY = (
    ("64.74.01.1002", "balap-liar", (8, 15, 22, 30, 45, 70)),
    ("64.74.01.1006", "balap-liar", (3, 6, 11, 25)),
    ("64.74.01.1002", "pencurian", (12, 40, 95)),
    ("64.74.01.1002", "kenakalan-remaja", (20, 60)),
    ("64.74.01.1006", "konflik-warga", (5, 9, 18)),
    ("64.74.01.1006", "pencurian", (35, 80)),
    ("64.74.02.1001", "pencurian", (10, 25, 50, 100, 150)),
    ("64.74.02.1001", "narkoba", (30,)),
    ("64.74.01.1003", "gangguan-kamtibmas", (60, 200)),
    ("64.74.02.1003", "hal-mencurigakan", (14,)),
    ("64.74.02.1003", "kenakalan-remaja", (120,)),
)
LATE = {("64.74.01.1002", "balap-liar", 8), ("64.74.01.1002", "balap-liar", 15)}
HISTORY_TEXT = "Riwayat kejadian (data demo): {category} di wilayah ini, {ago} hari lalu."
RESOLVED_TEXT = "Sudah ditangani (data demo)."


def _election() -> None:
    if Election.objects.filter(name=ELECTION).exists():
        return
    today = timezone.localdate()
    election = Election.objects.create(
        name=ELECTION, kind="pilkada", area_id=REGENCY, vote_on=today + timedelta(days=9)
    )
    for name, start, end, intensity in (
        ("Pemutakhiran data pemilih", -60, -21, 0.3),
        ("Masa kampanye", -20, 5, 0.7),
        ("Masa tenang", 6, 8, 0.8),
        ("Pemungutan dan penghitungan suara", 9, 12, 1.0),
        ("Rekapitulasi dan penetapan hasil", 13, 30, 0.6),
    ):
        ElectionStage.objects.create(
            election=election,
            name=name,
            intensity=intensity,
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end),
        )


def _history() -> None:
    """Files the demo's past incident reports once (an idempotency key per report)."""
    categories = {c.slug: c for c in Category.objects.filter(slug__in={h[1] for h in HISTORY})}
    areas = Area.objects.in_bulk([h[0] for h in HISTORY])
    now = timezone.now()
    for code, slug, days in HISTORY:
        if code not in areas or slug not in categories:
            continue
        for ago in days:
            key = f"demo-history:{code}:{slug}:{ago}"
            result = case_services.case_submit(
                category=categories[slug],
                area=areas[code],
                description=HISTORY_TEXT.format(category=categories[slug].name.lower(), ago=ago),
                channel=Case.Channel.OFFICER,
                reporter=case_services.ReporterIn(),
                details={"demo_history": True},
                idempotency_key=key,
            )
            if not result.created:
                continue
            filed = now - timedelta(days=ago, hours=3)
            # its timeline tells the same days as the case (received then, resolved two days on)
            CaseEvent.objects.filter(case=result.case).update(at=filed)
            if (code, slug, ago) in LATE:
                Case.objects.filter(pk=result.case.pk).update(
                    created_at=filed,
                    owner_area_id=code[:8],
                    status=Case.Status.DITERIMA,
                    escalate_at=now + timedelta(days=1),
                )
                # its history says how it came to the district: the village's time ran out
                raised = CaseEvent.objects.create(
                    case=result.case,
                    kind=CaseEvent.Kind.ESCALATED,
                    public=True,
                    message=case_services.SLA_REASON,
                    data={"from": code, "to": code[:8], "sla_breach": True},
                )
                CaseEvent.objects.filter(pk=raised.pk).update(at=filed + timedelta(days=2))
                continue
            Case.objects.filter(pk=result.case.pk).update(
                created_at=filed,
                updated_at=filed + timedelta(days=2),
                closed_at=filed + timedelta(days=2),
                status=Case.Status.SELESAI,
                escalate_at=None,
            )
            resolved = CaseEvent.objects.create(
                case=result.case,
                kind=CaseEvent.Kind.STATUS,
                public=True,
                message=RESOLVED_TEXT,
                data={"status": Case.Status.SELESAI, "tier": result.case.owner_area.level},
            )
            CaseEvent.objects.filter(pk=resolved.pk).update(at=filed + timedelta(days=2))


def demo_early_warning() -> int:
    """Loads what is missing; returns the number of villages scored."""
    analyst = User.objects.filter(username="analis.bontang").first()
    district = Area.objects.filter(code=DISTRICT).first()
    regency = Area.objects.filter(code=REGENCY).first()
    if analyst is None or district is None or regency is None:
        return 0  # a partial import: that place is not there
    _election()
    _history()
    if not Issue.objects.filter(title=TENSION).exists():
        services.issue_open(
            by=analyst,
            title=TENSION,
            category="sara_antargolongan",
            severity=4,
            area=district,
            areas=Area.objects.filter(code__in=TENSION_VILLAGES),
            description="Saling ejek antarpendukung di media sosial berlanjut ke pengerusakan "
            "spanduk di dua kelurahan.",
            source="Bhabinkamtibmas dan tokoh masyarakat",
            source_reliability="B",
            credibility="2",
            tags=["pilkada"],
        )
    hoaxes = list(Case.objects.filter(kind="hoaks", area__code__startswith=f"{REGENCY}."))
    if hoaxes and not Issue.objects.filter(title=HOAX).exists():
        issue = services.hoax_group(by=analyst, cases=hoaxes, title=HOAX, area=regency)
        services.clarification_publish(
            issue=issue,
            by=analyst,
            text="Polres Bontang memastikan pesan berantai tentang penculikan anak itu tidak "
            "benar: tidak ada laporan kehilangan anak. Warga diminta tidak meneruskannya dan "
            "melapor ke Bhabinkamtibmas bila menerima pesan serupa.",
        )
    scored = 0
    today = timezone.localdate()
    for code in DEMO_REGENCIES:
        if Area.objects.filter(code=code).exists():
            # eight weeks of history first, so each village page shows a trend; today last
            for weeks in range(8, 0, -1):
                index_recompute(today - timedelta(weeks=weeks), under=code)
            scored += index_recompute(under=code).villages
    return scored
