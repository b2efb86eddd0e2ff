"""The demo scenario: units, people and logins in the places of the example press releases.

Loaded by `make run` (command `load_demo`); a second run changes nothing. Names are invented.
"""

from __future__ import annotations

import hashlib
import hmac
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sinergi.accounts import audit
from sinergi.accounts.models import ApiToken, AuditEvent, User
from sinergi.areas.models import Area
from sinergi.units.models import Post, Unit
from sinergi.units.services import post_assign

DEMO_PASSWORD = "sinergi-demo-2026"  # noqa: S105 -- shown on the demo front page on purpose
T = Post.Title


@dataclass(frozen=True, slots=True)
class DemoPerson:
    username: str
    name: str
    rank: str
    unit_key: str
    title: str
    areas: tuple[str, ...] = ()


PEOPLE: tuple[DemoPerson, ...] = (
    # Kota Bontang: two districts, so "district B never sees district A" can be shown.
    DemoPerson("kapolres.bontang", "Hendra Wijaya", "AKBP", "polres:64.74", T.KAPOLRES),
    DemoPerson("kasatbinmas.bontang", "Wahyu Pratama", "AKP", "polres:64.74", T.KASAT_BINMAS),
    DemoPerson("kapolsek.bontangutara", "Rudi Santoso", "AKP", "polsek:64.74.01", T.KAPOLSEK),
    DemoPerson(
        "bhabin.bontangbaru",
        "Agus Prasetyo",
        "Aipda",
        "polsek:64.74.01",
        T.BHABINKAMTIBMAS,
        ("64.74.01.1002", "64.74.01.1001"),
    ),
    DemoPerson(
        "babinsa.bontangbaru",
        "Joko Susilo",
        "Serda",
        "koramil:64.74.01",
        T.BABINSA,
        ("64.74.01.1002", "64.74.01.1001"),
    ),
    DemoPerson("lurah.bontangbaru", "Siti Rahmawati", "", "desa:64.74.01.1002", T.KEPALA_DESA),
    DemoPerson("camat.bontangutara", "Bambang Hartono", "", "kecamatan:64.74.01", T.CAMAT),
    DemoPerson("danramil.bontangutara", "Dedi Kurniawan", "Kapten", "koramil:64.74.01", T.DANRAMIL),
    DemoPerson("kapolsek.bontangselatan", "Yusuf Maulana", "AKP", "polsek:64.74.02", T.KAPOLSEK),
    DemoPerson(
        "bhabin.tanjunglaut",
        "Eko Saputra",
        "Bripka",
        "polsek:64.74.02",
        T.BHABINKAMTIBMAS,
        ("64.74.02.1001",),
    ),
    DemoPerson("humas.bontang", "Nur Aini", "Brigadir", "polres:64.74", T.HUMAS_WRITER),
    DemoPerson("editor.bontang", "Fajar Nugroho", "Ipda", "polres:64.74", T.HUMAS_EDITOR),
    DemoPerson("analis.bontang", "Rina Marlina", "Iptu", "polres:64.74", T.ANALYST),
    DemoPerson("kesbangpol.bontang", "Ahmad Fauzi", "", "kesbangpol:64.74", T.KABAN_KESBANGPOL),
    # The other places of the example releases.
    DemoPerson("kapolres.balangan", "Taufik Hidayat", "AKBP", "polres:63.11", T.KAPOLRES),
    DemoPerson("kapolres.lampungselatan", "Irwan Setiawan", "AKBP", "polres:18.01", T.KAPOLRES),
    DemoPerson("kapolsek.belitanghilir", "Andi Firmansyah", "Iptu", "polsek:61.09.05", T.KAPOLSEK),
    DemoPerson("kesbangpol.tulungagung", "Sri Wahyuni", "", "kesbangpol:35.04", T.KABAN_KESBANGPOL),
    DemoPerson("admin", "Admin Sinergi", "", "polda:64", T.OPERATOR),
)

CITIZEN = ("warga.bontang", "Dewi Lestari")

# Demo cases in Kota Bontang: (idempotency key, category slug, village, description, place).
CASES = (
    (
        "demo-case-1",
        "balap-liar",
        "64.74.01.1002",
        "Balap liar dan knalpot brong hampir setiap malam Minggu di jalan depan pasar.",
        "Jl. Pasar Bontang Baru",
    ),
    (
        "demo-case-2",
        "tempat-rawan",
        "64.74.01.1002",
        "Gang menuju sekolah gelap, beberapa kali terjadi jambret sore hari.",
        "Gang Melati",
    ),
    (
        "demo-case-3",
        "hoaks-media-sosial",
        "64.74.01.1001",
        "Pesan berantai di grup WhatsApp warga tentang penculikan anak, tidak jelas sumbernya.",
        "",
    ),
    (
        "demo-case-4",
        "kenakalan-remaja",
        "64.74.02.1001",
        "Remaja berkumpul sampai larut malam di taman dan minum minuman keras.",
        "Taman Tanjung Laut",
    ),
)
OPEN311_DEMO_NAME = "Open311 demo"  # the name of the demo ApiToken


def _person(spec: DemoPerson) -> User:
    user, created = User.objects.get_or_create(
        username=spec.username, defaults={"name": spec.name, "rank": spec.rank}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.phone = f"0812{zlib.crc32(spec.username.encode()) % 10**8:08d}"
        user.email = f"{spec.username}@demo.sinergi.local"
        # the demo operator also runs the admin pages (/kelola/)
        user.is_staff = user.is_superuser = spec.title == T.OPERATOR
        user.save()
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Sinergi demo", confirmed=True)
    return user


@transaction.atomic
def demo_load() -> int:
    """Creates what is missing; returns how many posts were created."""
    created = 0
    for spec in PEOPLE:
        unit = Unit.objects.filter(key=spec.unit_key).first()
        if unit is None:
            continue  # the territory of that place was not imported (a partial import)
        user = _person(spec)
        if Post.objects.active().filter(user=user, unit=unit, title=spec.title).exists():
            continue
        areas = list(Area.objects.filter(code__in=spec.areas))
        post_assign(user=user, unit=unit, title=spec.title, areas=areas)
        created += 1
    citizen, new = User.objects.get_or_create(username=CITIZEN[0], defaults={"name": CITIZEN[1]})
    if new:
        citizen.set_password(DEMO_PASSWORD)
        citizen.save()
    _demo_cases()
    from sinergi.engagement.demo import demo_engagement  # noqa: PLC0415 -- engagement needs cases

    demo_engagement()
    from sinergi.patrols.demo import demo_patrols  # noqa: PLC0415 -- patrols needs cases

    demo_patrols()
    from sinergi.early_warning.demo import demo_early_warning  # noqa: PLC0415 -- needs cases

    demo_early_warning()
    _demo_chat_lines()
    admin = User.objects.filter(username="admin").first()
    if admin is not None and settings.DEMO:
        _open311_demo_token(admin)
    return created


# Polres Bontang's chat lines as citizens see them (a made-up number and bot: demo only)
CHAT_LINES = (
    ("whatsapp", "demo-wa-bontang", "+62 811-5400-1100"),
    ("telegram", "demo-tg-bontang", "@SinergiBontangBot"),
    ("sms", "", "+62 811-5400-1100"),
)


def _demo_chat_lines() -> None:
    from sinergi.messaging.models import ChatLine  # noqa: PLC0415 -- home depends on messaging only here

    unit = Unit.objects.filter(key="polres:64.74").first()
    if unit is None:
        return
    for channel, account, handle in CHAT_LINES:
        ChatLine.objects.get_or_create(
            channel=channel, account=account, defaults={"handle": handle, "unit": unit}
        )


def _demo_cases() -> None:
    """A few cases through the real intake service (their keys make a second run a no-op)."""
    from sinergi.cases.models import Case, Category  # noqa: PLC0415 -- home depends on cases only here
    from sinergi.cases.services import ReporterIn, case_submit  # noqa: PLC0415 -- as above

    for key, slug, village, text, place in CASES:
        area = Area.objects.filter(code=village).first()
        category = Category.objects.filter(slug=slug).first()
        if area is None or category is None:
            continue
        case_submit(
            category=category,
            area=area,
            description=text,
            place=place,
            channel=Case.Channel.WEB,
            reporter=ReporterIn(anonymous=False, name="Warga Demo", phone="081234567890"),
            idempotency_key=key,
        )


# Demo data only. A real key is random and shown once (manage.py create_api_token); this one is
# derived from SECRET_KEY so that load_demo can print it on every run although only its hash is
# stored. It is made only in demo mode: elsewhere the demo logins are locked behind TOTP codes
# nobody is shown, and a key would walk around that.
def open311_demo_key() -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), b"open311-demo", hashlib.sha256).hexdigest()
    return f"sng_demo_{digest[:32]}"


def open311_demo_key_loaded() -> str | None:
    """The demo key, if demo_load made its token (and nobody revoked it)."""
    key = open311_demo_key()
    active = ApiToken.objects.filter(key_hash=ApiToken.hash(key), revoked_at__isnull=True)
    return key if active.exists() else None


def _open311_demo_token(admin: User) -> None:
    key = open311_demo_key()
    if ApiToken.objects.filter(key_hash=ApiToken.hash(key)).exists():
        return
    token = ApiToken.objects.create(
        user=admin, name=OPEN311_DEMO_NAME, prefix=key[4:10], key_hash=ApiToken.hash(key)
    )
    audit.record(
        AuditEvent.Kind.TOKEN_CREATED, subject=admin, obj=token, data={"name": OPEN311_DEMO_NAME}
    )


@dataclass(frozen=True, slots=True)
class LoginCard:
    username: str
    name: str
    post: str
    code: str


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_cards() -> list[LoginCard]:
    """The demo logins for the front page, each with its current TOTP code."""
    usernames = [p.username for p in PEOPLE]
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    devices = {
        d.user_id: d for d in TOTPDevice.objects.filter(user__in=users.values(), confirmed=True)
    }
    cards = []
    for spec in PEOPLE:
        user = users.get(spec.username)
        if user is None:
            continue
        unit_name = Unit.objects.filter(key=spec.unit_key).values_list("name", flat=True).first()
        device = devices.get(user.pk)
        cards.append(
            LoginCard(
                username=user.username,
                name=user.display_name,
                post=f"{Post.Title(spec.title).label} — {unit_name}",
                code=current_code(device) if device else "",
            )
        )
    if User.objects.filter(username=CITIZEN[0]).exists():
        cards.append(LoginCard(CITIZEN[0], CITIZEN[1], "Warga", ""))
    return cards
