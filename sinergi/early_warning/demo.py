"""The demo's early-warning picture in Kota Bontang: an election whose stages run around today
(fictional, named as demo data), a SARA tension issue tagged pilkada, the demo's hoax report grouped
into a hoax issue with a published clarification, and index scores for the demo regencies.
Run by home.demo.demo_load; a second run adds nothing (the scores are recomputed)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.early_warning import services
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.models import Election, ElectionStage, Issue

REGENCY = "64.74"
DISTRICT = "64.74.01"
ELECTION = "Pemungutan Suara Ulang Pilkada Kota Bontang (data demo)"
TENSION = "Ketegangan antarpendukung jelang pemungutan suara ulang"
HOAX = "Hoaks penculikan anak di grup WhatsApp warga"
DEMO_REGENCIES = ("64.74", "63.11", "18.01", "61.09", "35.04")


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
            election=election, name=name, intensity=intensity,
            starts_on=today + timedelta(days=start), ends_on=today + timedelta(days=end),
        )  # fmt: skip


def demo_early_warning() -> int:
    """Loads what is missing; returns the number of villages scored."""
    analyst = User.objects.filter(username="analis.bontang").first()
    district = Area.objects.filter(code=DISTRICT).first()
    regency = Area.objects.filter(code=REGENCY).first()
    if analyst is None or district is None or regency is None:
        return 0  # a partial import: that place is not there
    _election()
    if not Issue.objects.filter(title=TENSION).exists():
        services.issue_open(
            by=analyst, title=TENSION, category="sara_antargolongan", severity=3, area=district,
            description="Saling ejek antarpendukung di media sosial berlanjut ke pengerusakan "
            "spanduk di dua kelurahan.",
            source="Bhabinkamtibmas dan tokoh masyarakat", source_reliability="B",
            credibility="2", tags=["pilkada"],
        )  # fmt: skip
    hoaxes = list(Case.objects.filter(kind="hoaks", area__code__startswith=f"{REGENCY}."))
    if hoaxes and not Issue.objects.filter(title=HOAX).exists():
        issue = services.hoax_group(by=analyst, cases=hoaxes, title=HOAX, area=regency)
        services.clarification_publish(
            issue=issue, by=analyst,
            text="Polres Bontang memastikan pesan berantai tentang penculikan anak itu tidak "
            "benar: tidak ada laporan kehilangan anak. Warga diminta tidak meneruskannya dan "
            "melapor ke Bhabinkamtibmas bila menerima pesan serupa.",
        )  # fmt: skip
    scored = 0
    for code in DEMO_REGENCIES:
        if Area.objects.filter(code=code).exists():
            scored += index_recompute(under=code).villages
    return scored
