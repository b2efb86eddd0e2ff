"""The demo's engagement work: five activities that mirror the example press releases (typed as
structured records, no article text), their aspirations filed as cases, their promises as
commitments, a planned Jumat Curhat on the public schedule, and one published release.

Run by home.demo.demo_load; keys and lookups make a second run change nothing. Names of tokoh
and places are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from sinergi.accounts.models import User
from sinergi.areas import timezones
from sinergi.areas.models import Area
from sinergi.cases.models import Category
from sinergi.engagement import services
from sinergi.engagement.catalogue import ActivityType, PartnerKind, Program, Topic
from sinergi.engagement.models import Activity, Partner
from sinergi.units.models import Post, Unit

A, K, P, T = ActivityType, PartnerKind, Program, Topic  # short names for the tables below


@dataclass(frozen=True, slots=True)
class DemoActivity:
    key: str
    username: str  # who reports it (a demo person of that place)
    unit_key: str
    area: str  # a code, or "district code/village name" when only the name is known
    kind: str
    title: str
    venue: str
    days_ago: int
    extra_kinds: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    attendance: int | None = None
    # (category slug, what was asked)
    aspirations: tuple[tuple[str, str], ...] = ()
    # (what was promised, who said it, due in days; negative = already overdue)
    commitments: tuple[tuple[str, str, int], ...] = ()
    partners: tuple[str, ...] = ()  # names of demo partners
    minutes: str = ""
    verify_by: str = ""
    officials: tuple[tuple[str, str, str], ...] = field(default=())  # (rank, name, position)


KAPOLRES = "Kapolres Bontang"
PARTNERS = (
    # (village, kind, name, role)
    ("64.74.01.1002", K.FORUM, "Majelis Sholawat Bontang", "majelis sholawat"),
    ("64.74.01.1002", K.TOKOH_AGAMA, "K.H. Ahmad Syukri", "Ketua Majelis Sholawat"),
    ("64.74.01.1002", K.RUMAH_IBADAH, "Masjid Al-Ikhlas Bontang Baru", "masjid"),
    ("64.74.01.1001", K.RUMAH_IBADAH, "Masjid Nurul Iman", "masjid"),
    ("64.74.01.1002", K.TOKOH_MASYARAKAT, "Pak Hasanuddin", "Ketua RT 12"),
)

ACTIVITIES = (
    DemoActivity(
        "demo-activity-balangan",
        "kapolres.balangan",
        "polres:63.11",
        "63.11",
        A.SILATURAHMI,
        "Silaturahmi Kapolres dengan ulama dan kepala daerah usai salat Jumat",
        "Masjid Agung Balangan",
        40,
        extra_kinds=(A.JUMAT_KELILING,),
        programs=(P.JUMAT_KELILING,),
        groups=(K.TOKOH_AGAMA, K.PEMERINTAH_DAERAH, K.WARGA),
        topics=(T.HOAKS, T.KAMTIBMAS_UMUM),
        officials=(("AKBP", "Taufik Hidayat", "Kapolres Balangan"),),
    ),
    DemoActivity(
        "demo-activity-bontang-cooling",
        "kasatbinmas.bontang",
        "polres:64.74",
        "64.74.01.1002",
        A.SILATURAHMI,
        "Cooling system bersama Majelis Sholawat Bontang jelang Pilkada",
        "Mako Polres Bontang",
        6,
        programs=(P.COOLING_SYSTEM,),
        groups=(K.TOKOH_AGAMA,),
        topics=(T.PILKADA, T.KAMTIBMAS_UMUM),
        attendance=25,
        partners=("Majelis Sholawat Bontang", "K.H. Ahmad Syukri"),
        aspirations=(
            (
                "kegiatan-keagamaan",
                "Majelis meminta dukungan Polres untuk pengamanan perayaan "
                "hari jadi majelis bulan depan.",
            ),
        ),
        commitments=(
            ("mengerahkan personel untuk pengamanan hari jadi Majelis Sholawat", KAPOLRES, 30),
            ("terus mempererat komunikasi dengan majelis selama masa Pilkada", KAPOLRES, -2),
        ),
        minutes="Kapolres: “Kami mendukung penuh langkah majelis menjaga suasana sejuk jelang "
        "Pilkada, dan personel kami siap membantu pengamanan hari jadi majelis.”",
        officials=(("AKBP", "Hendra Wijaya", "Kapolres Bontang"),),
        verify_by="kapolres.bontang",
    ),
    DemoActivity(
        "demo-activity-lampungselatan",
        "kapolres.lampungselatan",
        "polres:18.01",
        "18.01",
        A.DIALOG_KAMTIBMAS,
        "Cooling system: dialog, doa bersama dan bakti sosial jelang Pilkada",
        "Lapangan Mapolres Lampung Selatan",
        20,
        extra_kinds=(A.DOA_BERSAMA, A.BAKTI_SOSIAL),
        programs=(P.COOLING_SYSTEM,),
        attendance=300,
        groups=(K.TOKOH_MASYARAKAT, K.TOKOH_AGAMA, K.TOKOH_ADAT, K.ORMAS, K.WARGA),
        topics=(T.PILKADA, T.HOAKS, T.KAMTIBMAS_UMUM),
        officials=(("AKBP", "Irwan Setiawan", "Kapolres Lampung Selatan"),),
    ),
    DemoActivity(
        "demo-activity-belitanghilir",
        "kapolsek.belitanghilir",
        "polsek:61.09.05",
        "61.09.05/Kumpang Bis",
        A.JUMAT_CURHAT,
        "Jumat Curhat di Kantor Desa Kumpang Bis",
        "Kantor Desa Kumpang Bis",
        3,
        programs=(P.JUMAT_CURHAT,),
        attendance=45,
        groups=(K.PERANGKAT_DESA, K.TOKOH_MASYARAKAT, K.TOKOH_ADAT, K.TOKOH_AGAMA, K.WARGA),
        topics=(T.PEMILU, T.KRIMINALITAS, T.KAMTIBMAS_UMUM),
        aspirations=(
            (
                "tempat-rawan",
                "Warga meminta patroli ditingkatkan di tempat-tempat yang rawan tindak kejahatan.",
            ),
        ),
        commitments=(("patroli rutin setiap hari", "Kapolsek Belitang Hilir", 27),),
        officials=(("Iptu", "Andi Firmansyah", "Kapolsek Belitang Hilir"),),
    ),
    DemoActivity(
        "demo-activity-tulungagung",
        "kesbangpol.tulungagung",
        "kesbangpol:35.04",
        "35.04",
        A.RAPAT_KOORDINASI,
        "Rapat koordinasi tiga pilar pencegahan konflik sosial",
        "Aula Bakesbangpol",
        10,
        programs=(P.TIGA_PILAR,),
        groups=(K.PEMERINTAH_DAERAH, K.TNI),
        topics=(T.SARA, T.KONFLIK_SOSIAL, T.KAMTIBMAS_UMUM),
        officials=(("", "Sri Wahyuni", "Kepala Bakesbangpol Kabupaten Tulungagung"),),
    ),
)


def _area(spec: str) -> Area | None:
    if "/" not in spec:
        return Area.objects.filter(code=spec).first()
    district, name = spec.split("/", 1)
    return Area.objects.filter(
        code__startswith=f"{district}.", name__iexact=name, level=Area.Level.VILLAGE
    ).first()


def _partners(by: User) -> dict[str, Partner]:
    found: dict[str, Partner] = {}
    for code, kind, name, role in PARTNERS:
        area = Area.objects.filter(code=code).first()
        if area is None:
            continue
        partner = Partner.objects.filter(name=name, area=area).first()
        found[name] = partner or services.partner_save(
            by=by, area=area, kind=kind, name=name, role=role
        )
    return found


def _record(spec: DemoActivity, partners: dict[str, Partner]) -> Activity | None:
    existing = Activity.objects.filter(idempotency_key=spec.key).first()
    if existing is not None:
        return existing
    user = User.objects.filter(username=spec.username).first()
    unit = Unit.objects.filter(key=spec.unit_key).first()
    area = _area(spec.area)
    if user is None or unit is None or area is None:
        return None  # a partial import: that place is not there
    # at 09.00 on the village's own calendar, `days_ago` days back: a plausible hour for every
    # demo reader (it was the hour `load_demo` ran, so a morning run showed a 03.25 dialogue)
    day = timezones.day_of(timezone.now(), area.code) - timedelta(days=spec.days_ago)
    report = services.ReportIn(
        held_at=datetime.combine(day, time(9, 0), tzinfo=timezones.zone_of(area.code).info),
        attendance=spec.attendance,
        officials=[
            {"name": name, "rank": rank or None, "position": position}
            for rank, name, position in spec.officials
        ],
        partners=[partners[name] for name in spec.partners if name in partners],
        partner_groups=list(spec.groups),
        topics=list(spec.topics),
        minutes=spec.minutes,
        aspirations=[
            services.AspirationIn(description=text, category=category)
            for slug, text in spec.aspirations
            if (category := Category.objects.filter(slug=slug).first()) is not None
        ],
        commitments=[
            services.CommitmentIn(
                text=text,
                owner=user,
                owner_label=who,
                due_on=timezone.localdate() + timedelta(days=days),
            )
            for text, who, days in spec.commitments
        ],
    )
    activity = services.activity_record(
        by=user,
        unit=unit,
        kind=spec.kind,
        title=spec.title,
        area=area,
        venue=spec.venue,
        programs=list(spec.programs),
        report=report,
        idempotency_key=spec.key,
    )
    if spec.extra_kinds:
        Activity.objects.filter(pk=activity.pk).update(extra_kinds=list(spec.extra_kinds))
    leader = User.objects.filter(username=spec.verify_by).first() if spec.verify_by else None
    if leader is not None:
        activity = services.activity_verify(activity=activity, by=leader)
    return activity


def _planned_session() -> None:
    """An upcoming Jumat Curhat in Bontang Baru, on the public schedule."""
    key = "demo-activity-bontangbaru-next"
    user = User.objects.filter(username="bhabin.bontangbaru").first()
    unit = Unit.objects.filter(key="polsek:64.74.01").first()
    area = Area.objects.filter(code="64.74.01.1002").first()
    if user is None or unit is None or area is None:
        return
    days = (4 - timezone.localdate().weekday()) % 7 or 7  # next Friday
    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    services.activity_plan(
        by=user,
        unit=unit,
        kind=A.JUMAT_CURHAT,
        programs=[P.JUMAT_CURHAT],
        title="Jumat Curhat Kelurahan Bontang Baru",
        area=area,
        venue="Masjid Al-Ikhlas Bontang Baru",
        planned_at=start + timedelta(days=days),
        idempotency_key=key,
    )


def _published_release(activity: Activity) -> None:
    from sinergi.humas import services as humas  # noqa: PLC0415 -- humas builds on engagement

    if activity.releases.exists() or activity.status != Activity.Status.VERIFIED:
        return
    writer = User.objects.filter(username="humas.bontang").first()
    editor = User.objects.filter(username="editor.bontang").first()
    if writer is None or editor is None:
        return
    release = humas.release_draft(activity=activity, by=writer)
    release = humas.release_submit(release=release, by=writer)
    release = humas.release_approve(release=release, by=editor, minors_checked=True)
    humas.release_publish(release=release, by=editor)


def demo_engagement() -> int:
    """Loads what is missing; returns how many demo activities exist afterwards."""
    bhabin = User.objects.filter(
        username="bhabin.bontangbaru", posts__in=Post.objects.active()
    ).first()
    partners = _partners(bhabin) if bhabin is not None else {}
    made = [a for spec in ACTIVITIES if (a := _record(spec, partners)) is not None]
    _planned_session()
    cooling = next((a for a in made if a.idempotency_key == "demo-activity-bontang-cooling"), None)
    if cooling is not None:
        _published_release(cooling)
    return len(made)
