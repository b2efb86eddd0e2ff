"""The access matrix: every route of the URL configuration and every operation of the API, asked
by every member of the test cast, against one world of records in district A (Bontang Utara).

Each answer is classed as one of
- ``login``: sent to sign in (a page's redirect, the admin's own login, the API's 401);
- ``deny``: 403 or 404, and nothing in the database changed;
- ``ok``: answered, without any district-A record in the body;
- ``sees``: answered, with a district-A record (its marker) in the body.

A route or operation missing from the tables below fails the build: a new endpoint needs a rule.
Wherever the reporter's name, phone or e-mail appears in an answer, the viewer handles the case
and the view was recorded (AuditEvent ``contact_viewed``) in that same request.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.test import Client
from django.utils import timezone

from config.api import api
from conftest import DISTRICT_A, REGENCY, VILLAGE_A, make_official, signed_in
from sinergi.accounts.models import AuditEvent, User
from sinergi.areas.models import Area
from sinergi.cases.models import Case, CaseEvent, Category, Reporter
from sinergi.cases.services import ReporterIn, case_submit
from sinergi.early_warning import services as issues
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.models import Alert, Election, Issue
from sinergi.engagement import services as engagement
from sinergi.engagement.models import Activity, Commitment, Partner
from sinergi.engagement.tests.helpers import jumat_curhat
from sinergi.humas import services as humas
from sinergi.humas.models import Release
from sinergi.humas.tests.helpers import photo
from sinergi.messaging.models import Outbox
from sinergi.news.services import import_start
from sinergi.patrols import events
from sinergi.patrols.models import CheckIn, EventRequest, Hotspot, PatrolPlan
from sinergi.patrols.services import checkin_record, hotspot_add
from sinergi.patrols.tests.helpers import plan_tonight
from sinergi.platform.tests.routes import all_routes, concrete
from sinergi.units.models import Post, Unit

pytestmark = pytest.mark.django_db

CAST = (
    "anonymous",
    "citizen",
    "bhabin_a",
    "kapolsek_a",
    "officer_b",
    "kapolres",
    "humas_editor",
    "admin",
)
MARKER = "PENANDA-A"
REPORTER_NAME = "Sutrisno Pelapor"
REPORTER_PHONE = "081299887766"
REPORTER_EMAIL = "sutrisno.pelapor@example.id"


@dataclass
class World:
    case: Case
    security_case: Case
    activity: Activity
    verified: Activity
    read: Activity  # read from a press release, with one request to file as a case
    commitment: Commitment
    partner: Partner
    release: Release
    job_pk: int
    plan: PatrolPlan
    hotspot_pk: int
    event_request: EventRequest
    issue: Issue
    alert: Alert
    election: Election
    unit: Unit
    person: User
    checkin_pk: int = 0


def build_world(cast: dict[str, User]) -> World:
    village = Area.objects.get(code=VILLAGE_A)
    case = case_submit(
        category=Category.objects.get(slug="balap-liar"),
        area=village,
        description=f"Balap liar tiap malam Minggu {MARKER}",
        place=f"Jalan Cendana {MARKER}",
        channel=Case.Channel.WEB,
        photo=photo(),
        reporter=ReporterIn(
            anonymous=False, name=REPORTER_NAME, phone=REPORTER_PHONE, email=REPORTER_EMAIL
        ),
    ).case
    security_case = case_submit(
        category=Category.objects.get(slug="kegiatan-keagamaan"),
        area=village,
        description=f"Mohon pengamanan pengajian akbar {MARKER}",
        channel=Case.Channel.WEB,
        reporter=ReporterIn(
            anonymous=False, name=REPORTER_NAME, phone=REPORTER_PHONE, email=REPORTER_EMAIL
        ),
        details={
            "event_name": f"Pengajian akbar {MARKER}",
            "event_date": "2099-01-01",
            "crowd_size": 300,
            "organiser": "Majelis Taklim",
            "reach": "desa",
        },
    ).case
    activity = jumat_curhat(
        cast["bhabin_a"],
        aspirations=(f"Lampu jalan mati {MARKER}",),
        commitments=((f"Patroli malam di gang sekolah {MARKER}", dt.date(2099, 1, 1)),),
        minutes=f"Notulen {MARKER}",
    )
    reported = jumat_curhat(
        cast["bhabin_a"],
        minutes=f"Notulen kedua {MARKER}",
        commitments=((f"Lampu gang sekolah {MARKER}", dt.date(2099, 1, 1)),),
    )
    verified = engagement.activity_verify(activity=reported, by=cast["kapolsek_a"])
    writer = make_official("humas_writer", f"polres:{REGENCY}", Post.Title.HUMAS_WRITER)
    release = humas.release_draft(activity=verified, by=writer)
    release = humas.release_edit(
        release=release,
        by=writer,
        headline=f"Jumat Curhat di Bontang Baru {MARKER}",
        dateline=release.dateline,
        body=f"{release.body}\n{MARKER}",
    )
    read, _created = engagement.activity_import(
        by=cast["humas_editor"],
        record=engagement.ReleaseRecord(
            unit=Unit.objects.get(key=f"polsek:{DISTRICT_A}"),
            kind="jumat_curhat",
            title="Jumat Curhat dari rilis",
            area=village,
            held_at=timezone.now() - dt.timedelta(days=1),
            aspirations=["Lampu dermaga mati"],
            key="https://humas.example.test/rilis-matriks",
        ),
    )
    job = import_start(
        by=cast["humas_editor"], filename=f"rilis-{MARKER}.jsonl", content='{"title": "x"}\n'
    )
    hotspot = hotspot_add(
        area=village,
        name=f"Simpang Cendana {MARKER}",
        by=cast["kapolsek_a"],
        latitude=0.1330,
        longitude=117.4990,
    )
    plan = plan_tonight(cast["kapolsek_a"], [cast["bhabin_a"]], [hotspot])
    flagged = checkin_record(
        plan=plan, hotspot=hotspot, officer=cast["bhabin_a"], latitude=None, longitude=None
    )
    issue = issues.issue_open(
        by=cast["kapolres"],
        title=f"Hoaks penculikan anak {MARKER}",
        category="hoaks",
        severity=3,
        area=village,
        description=f"Pesan berantai {MARKER}",
    )
    issues.clarification_publish(
        issue=issue, by=cast["kapolres"], text=f"Tidak ada penculikan di Bontang Baru {MARKER}"
    )
    now = timezone.now()
    alert = Alert.objects.create(
        key=f"matrix:{DISTRICT_A}",
        area_id=DISTRICT_A,
        source=Alert.Source.CASES,
        category="balap-liar",
        window_start=now - dt.timedelta(days=7),
        window_end=now,
        count=9,
        baseline=1.0,
        threshold=4.0,
        explanation=f"Lonjakan {MARKER}",
    )
    index_recompute(under=DISTRICT_A)
    election = Election.objects.create(
        name=f"Pilkada Bontang {MARKER}",
        kind="pilkada",
        area_id=DISTRICT_A,
        vote_on=dt.date(2099, 1, 1),
    )
    return World(
        case=case,
        security_case=security_case,
        activity=activity,
        verified=verified,
        read=read,
        commitment=activity.commitments.get(),
        partner=Partner.objects.create(
            kind="tokoh_agama", name=f"Ustaz Hasan {MARKER}", area=village
        ),
        release=release,
        job_pk=job.pk,
        plan=plan,
        hotspot_pk=hotspot.pk,
        event_request=events.event_request_open(case=security_case),
        issue=issue,
        alert=alert,
        election=election,
        unit=Unit.objects.get(key=f"polsek:{DISTRICT_A}"),
        person=cast["bhabin_a"],
        checkin_pk=flagged.pk,
    )


def snapshot() -> tuple[Any, ...]:
    """What a denied request must leave as it was."""
    watched: list[tuple[type[models.Model], tuple[str, ...]]] = [
        (Case, ("status", "taken_by", "owner_area", "escalate_at")),
        (CaseEvent, ("kind",)),
        (Reporter, ("name", "phone")),
        (Activity, ("status",)),
        (Commitment, ("status",)),
        (Partner, ("name",)),
        (Release, ("status", "headline")),
        (Issue, ("status", "title")),
        (Alert, ("acknowledged_at",)),
        (PatrolPlan, ("title",)),
        (CheckIn, ("review",)),
        (Hotspot, ("latitude", "longitude", "merged_into")),
        (EventRequest, ("status",)),
        (Outbox, ("key", "status")),
        (User, ("username", "is_active")),
    ]
    state: list[Any] = [
        list(model._default_manager.order_by("pk").values_list("pk", *fields))
        for model, fields in watched
    ]
    # the records of a denial or of a view are what a request may add; anything else is an act
    state.append(
        AuditEvent.objects.exclude(
            kind__in=[AuditEvent.Kind.ACCESS_DENIED, AuditEvent.Kind.CONTACT_VIEWED]
        ).count()
    )
    return tuple(state)


def addresses(world: World) -> dict[str, str]:
    """The address asked for each route with parameters: the world's district-A records."""
    case, release, issue = world.case, world.release, world.issue
    plan = world.plan.pk
    return {
        "orang/<int:pk>/": f"/orang/{world.person.pk}/",
        "wilayah/<str:code>/": f"/wilayah/{VILLAGE_A}/",
        "wilayah/<str:code>/peta-dasar.geojson": f"/wilayah/{VILLAGE_A}/peta-dasar.geojson",
        "lacak/<str:code>/": f"/lacak/{case.tracking_code}/",
        "lacak/<str:code>/tanggapan/": f"/lacak/{case.tracking_code}/tanggapan/",
        # the reporter's identity is asked for too: only handlers may have it, and it is recorded
        "petugas/laporan/<int:pk>/": f"/petugas/laporan/{case.pk}/?pelapor=1",
        # the inbox's oversight view: everything in the member's areas, scoped by the door
        "petugas/laporan/": "/petugas/laporan/?lihat=semua",
        "petugas/laporan/<int:pk>/<slug:action>/": f"/petugas/laporan/{case.pk}/take/",
        "petugas/kegiatan/<int:pk>/": f"/petugas/kegiatan/{world.activity.pk}/",
        "petugas/kegiatan/<int:pk>/lapor/": f"/petugas/kegiatan/{world.activity.pk}/lapor/",
        "petugas/kegiatan/<int:pk>/verifikasi/": (
            f"/petugas/kegiatan/{world.activity.pk}/verifikasi/"
        ),
        "petugas/kegiatan/<int:pk>/batal/": f"/petugas/kegiatan/{world.activity.pk}/batal/",
        "petugas/kegiatan/<int:pk>/jadwal/": f"/petugas/kegiatan/{world.activity.pk}/jadwal/",
        "petugas/kegiatan/<int:pk>/aspirasi/<int:index>/": (
            f"/petugas/kegiatan/{world.read.pk}/aspirasi/0/"
        ),
        "petugas/kegiatan/<int:pk>/kembalikan/": (
            f"/petugas/kegiatan/{world.activity.pk}/kembalikan/"
        ),
        "petugas/kegiatan/<int:pk>/perbaiki/": f"/petugas/kegiatan/{world.activity.pk}/perbaiki/",
        "petugas/komitmen/<int:pk>/": f"/petugas/komitmen/{world.commitment.pk}/",
        "petugas/komitmen/<int:pk>/bukti/": f"/petugas/komitmen/{world.commitment.pk}/bukti/",
        "petugas/komitmen/<int:pk>/tutup/": f"/petugas/komitmen/{world.commitment.pk}/tutup/",
        "petugas/mitra/<int:pk>/": f"/petugas/mitra/{world.partner.pk}/",
        "petugas/mitra/<int:pk>/ubah/": f"/petugas/mitra/{world.partner.pk}/ubah/",
        # the public page of a verified activity (a report not yet verified is not public)
        "kegiatan/<int:pk>/": f"/kegiatan/{world.verified.pk}/",
        "jadwal/<str:code>/": f"/jadwal/{VILLAGE_A}/",
        "komitmen/<str:code>/": f"/komitmen/{REGENCY}/",
        "petugas/rilis/<int:pk>/": f"/petugas/rilis/{release.pk}/",
        "petugas/rilis/<int:pk>/<slug:action>/": f"/petugas/rilis/{release.pk}/ajukan/",
        "petugas/kegiatan/<int:activity_pk>/rilis/": (
            f"/petugas/kegiatan/{release.activity_id}/rilis/"
        ),
        "berita/<slug:slug>/": f"/berita/{release.slug}/",
        "petugas/rilis/impor/<int:pk>/": f"/petugas/rilis/impor/{world.job_pk}/",
        "petugas/patroli/rencana/<int:pk>/": f"/petugas/patroli/rencana/{plan}/",
        "petugas/patroli/rencana/<int:pk>/titik/<int:hotspot>/hadir/": (
            f"/petugas/patroli/rencana/{plan}/titik/{world.hotspot_pk}/hadir/"
        ),
        "petugas/pengamanan/<int:pk>/": f"/petugas/pengamanan/{world.event_request.pk}/",
        "petugas/pengamanan/<int:pk>/<slug:paper>.pdf": (
            f"/petugas/pengamanan/{world.event_request.pk}/surat.pdf"
        ),
        "petugas/patroli/kehadiran/<int:pk>/tinjau/": (
            f"/petugas/patroli/kehadiran/{world.checkin_pk}/tinjau/"
        ),
        "petugas/patroli/titik/<int:pk>/pindah/": (
            f"/petugas/patroli/titik/{world.hotspot_pk}/pindah/"
        ),
        "petugas/patroli/titik/<int:pk>/gabung/": (
            f"/petugas/patroli/titik/{world.hotspot_pk}/gabung/"
        ),
        "petugas/dasbor/peta/<slug:layer>.geojson": "/petugas/dasbor/peta/cases.geojson",
        "petugas/dasbor/rekap/<slug:period>.<slug:fmt>": "/petugas/dasbor/rekap/minggu.xlsx",
        "papan/<str:code>/": f"/papan/{REGENCY}/",
        "petugas/isu/<int:pk>/": f"/petugas/isu/{issue.pk}/",
        "petugas/isu/<int:pk>/<slug:action>/": f"/petugas/isu/{issue.pk}/status/",
        "petugas/peringatan/<int:pk>/dibaca/": f"/petugas/peringatan/{world.alert.pk}/dibaca/",
        "petugas/indeks/<str:code>/": f"/petugas/indeks/{VILLAGE_A}/",
        "petugas/pemilihan/<int:pk>/": f"/petugas/pemilihan/{world.election.pk}/",
        "klarifikasi/<int:pk>/": f"/klarifikasi/{issue.pk}/",
        "satuan/<int:pk>/": f"/satuan/{world.unit.pk}/",
        "media/<path:path>": f"/media/{case.photo.name}",
        "open311/v2/^discovery\\.(?P<fmt>\\w+)$": "/open311/v2/discovery.json",
        "open311/v2/^services\\.(?P<fmt>\\w+)$": "/open311/v2/services.json",
        "open311/v2/^services/(?P<code>[^/.]+)\\.(?P<fmt>\\w+)$": (
            "/open311/v2/services/balap-liar.json"
        ),
        "open311/v2/^requests\\.(?P<fmt>\\w+)$": "/open311/v2/requests.json",
        "open311/v2/^requests/(?P<request_id>[^/.]+)\\.(?P<fmt>\\w+)$": (
            f"/open311/v2/requests/{case.tracking_code}.json"
        ),
        "open311/v2/^tokens/(?P<token>[^/.]+)\\.(?P<fmt>\\w+)$": "/open311/v2/tokens/x.json",
        r"open311/v2/^(?P<path>[\s\S]*)$": "/open311/v2/lain.json",
    }


def admin_address(route: str) -> str:
    """An admin address: an object id is the first row of the page's model."""
    if route.startswith("kelola/^"):
        return "/kelola/accounts/"
    if route.startswith("kelola/(?P<url>"):
        return "/kelola/tidak-ada/"
    if route.startswith("kelola/r/"):
        kind = ContentType.objects.get_for_model(Case)
        return concrete(
            route, {"content_type_id": str(kind.pk), "object_id": str(Case.objects.first().pk)}
        )
    parts = route.split("/")
    try:
        model = apps.get_model(parts[1], parts[2])
    except (LookupError, ValueError, IndexError):
        return concrete(route)
    first = model._default_manager.order_by("pk").first()
    pk = str(first.pk) if first is not None else "1"
    return concrete(route, {"object_id": pk, "id": pk, "pk": pk})


def client_for(who: str, cast: dict[str, User]) -> Client:
    return Client() if who == "anonymous" else signed_in(Client(), cast[who])


def api_addresses(world: World) -> dict[str, str]:
    """The address asked for each API operation ("METHOD /path" of the OpenAPI document)."""
    return {
        "GET /api/v1/areas": "/api/v1/areas",
        "GET /api/v1/areas/nearest": "/api/v1/areas/nearest?lat=0.133&lng=117.499",
        "GET /api/v1/areas/{code}": f"/api/v1/areas/{VILLAGE_A}",
        "GET /api/v1/units": "/api/v1/units",
        "GET /api/v1/units/{unit_id}": f"/api/v1/units/{world.unit.pk}",
        "GET /api/v1/people/{person_id}": f"/api/v1/people/{world.person.pk}",
        "GET /api/v1/cases/categories": "/api/v1/cases/categories",
        "GET /api/v1/cases/figures": f"/api/v1/cases/figures?area={DISTRICT_A}",
        "POST /api/v1/cases": "/api/v1/cases",
        "GET /api/v1/cases": "/api/v1/cases",
        "GET /api/v1/cases/{case_id}": f"/api/v1/cases/{world.case.pk}",
        "GET /api/v1/partners": "/api/v1/partners",
        "GET /api/v1/partners/{partner_id}": f"/api/v1/partners/{world.partner.pk}",
        "GET /api/v1/activities": "/api/v1/activities",
        "GET /api/v1/activities/{activity_id}": f"/api/v1/activities/{world.activity.pk}",
        "GET /api/v1/commitments": f"/api/v1/commitments?area={REGENCY}",
        "GET /api/v1/hotspots": "/api/v1/hotspots",
        "GET /api/v1/hotspots/{hotspot_id}": f"/api/v1/hotspots/{world.hotspot_pk}",
        "GET /api/v1/patrols": "/api/v1/patrols",
        "GET /api/v1/patrols/{plan_id}": f"/api/v1/patrols/{world.plan.pk}",
        "GET /api/v1/event-requests": "/api/v1/event-requests",
        "GET /api/v1/event-requests/{request_id}": (
            f"/api/v1/event-requests/{world.event_request.pk}"
        ),
        "GET /api/v1/releases": "/api/v1/releases",
        "GET /api/v1/releases/{slug}": f"/api/v1/releases/{world.release.slug}",
        "GET /api/v1/issues": "/api/v1/issues",
        "POST /api/v1/issues": "/api/v1/issues",
        "GET /api/v1/issues/{issue_id}": f"/api/v1/issues/{world.issue.pk}",
        "GET /api/v1/vulnerability": f"/api/v1/vulnerability?area={DISTRICT_A}",
        "GET /api/v1/vulnerability/{code}": f"/api/v1/vulnerability/{VILLAGE_A}",
        "GET /api/v1/elections": "/api/v1/elections",
        "GET /api/v1/coverage": f"/api/v1/coverage?area={DISTRICT_A}",
    }


def api_operations() -> list[str]:
    schema = api.get_openapi_schema()
    return sorted(
        f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops
    )


def page_routes() -> list[str]:
    """Routes of pages and files (the API's are asked per operation instead)."""
    return sorted(r for r in all_routes() if not r.startswith("api/v1/") or r in API_PAGES)


# The API's own pages, which are not operations of its document.
API_PAGES = {"api/v1/", "api/v1/openapi.json", "api/v1/docs"}
LOGIN_PAGES = ("/masuk/", "/kelola/login/")


def outcome(response: Any, markers: tuple[bytes, ...], changed: bool) -> str:
    code = response.status_code
    if code == 401 or (code in {301, 302, 303} and response["Location"].startswith(LOGIN_PAGES)):
        return "login"
    if code in {403, 404}:
        return "deny"
    if code >= 500:
        return f"error {code}"
    if changed:
        return "acts"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return "sees" if any(m in body for m in markers) else "ok"


def identity_shown(response: Any) -> bool:
    if response.streaming:
        return False
    body = response.content.decode(errors="replace")
    return any(x in body for x in (REPORTER_NAME, REPORTER_PHONE, REPORTER_EMAIL))


@dataclass
class Answer:
    outcome: str
    status: int
    # a refused request that changed something anyway
    changed_when_refused: bool
    identity: bool
    identity_recorded: bool
    # an HTML page's <title>, as the browser tab shows it (None for anything else)
    title: str | None = None


TITLE = re.compile(rb"<title>(.*?)</title>", re.DOTALL)


def page_title(response: Any) -> str | None:
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return None
    found = TITLE.search(response.content)
    return found.group(1).decode() if found else ""


def ask(
    client: Client,
    method: str,
    address: str,
    body: dict[str, Any],
    markers: tuple[bytes, ...],
    before: tuple[Any, ...],
) -> Answer:
    """One request inside a savepoint that is rolled back, so each member meets the same world,
    the one ``before`` was taken of (and keeps their cookies: signing out is one of the
    routes)."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        last_audit = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        if method == "GET":
            response = client.get(address)
            if response.status_code == 405:
                response = client.post(address, {})
        else:
            response = client.post(address, body, content_type="application/json")
        changed = snapshot() != before
        result = outcome(response, markers, changed)
        shown = identity_shown(response)
        recorded = AuditEvent.objects.filter(
            pk__gt=last_audit, kind=AuditEvent.Kind.CONTACT_VIEWED
        ).exists()
        answer = Answer(
            outcome=result,
            status=response.status_code,
            changed_when_refused=changed and result in {"login", "deny"},
            identity=shown,
            identity_recorded=shown and recorded,
            title=page_title(response) if response.status_code == 200 else None,
        )
        transaction.set_rollback(True)
    client.cookies = cookies
    return answer


@pytest.fixture
def cast(citizen, bhabin_a, kapolsek_a, officer_b, kapolres, humas_editor, admin):
    # the operator of the demo: staff, for the admin site (with the second factor done)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return {
        "citizen": citizen,
        "bhabin_a": bhabin_a,
        "kapolsek_a": kapolsek_a,
        "officer_b": officer_b,
        "kapolres": kapolres,
        "humas_editor": humas_editor,
        "admin": admin,
    }


@pytest.fixture
def world(cast, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return build_world(cast)


def api_bodies(world: World) -> dict[str, dict[str, Any]]:
    """Valid bodies for the operations that write, so only access can refuse them."""
    return {
        "POST /api/v1/cases": {
            "category": "balap-liar",
            "area": VILLAGE_A,
            "description": f"Lewat API {MARKER}",
        },
        "POST /api/v1/issues": {
            "title": f"Isu lewat API {MARKER}",
            "category": "hoaks",
            "severity": 2,
            "area": VILLAGE_A,
        },
    }


def run_matrix(
    cast: dict[str, User], world: World, targets: list[tuple[str, str, str]]
) -> dict[str, list[Answer]]:
    """Asks every (name, method, address) as every member; the answers in CAST order."""
    clients = {who: client_for(who, cast) for who in CAST}
    bodies = api_bodies(world)
    markers = (MARKER.encode(), world.case.tracking_code.encode())
    # every request is rolled back, so each meets the world as it is now: one look before all
    before = snapshot()
    return {
        name: [
            ask(clients[who], method, address, bodies.get(name, {}), markers, before)
            for who in CAST
        ]
        for name, method, address in targets
    }


# What each member gets, in CAST order:
#      anonymous citizen bhabin_a kapolsek_a officer_b kapolres humas_editor admin
PAGES = {
    "": "ok    ok    ok    ok    ok    ok    ok    ok",
    "akun/": "login ok    ok    ok    ok    ok    ok    ok",
    "api/v1/": "deny  deny  deny  deny  deny  deny  deny  deny",
    "api/v1/docs": "ok    ok    ok    ok    ok    ok    ok    ok",
    "api/v1/openapi.json": "ok    ok    ok    ok    ok    ok    ok    ok",
    "bahasa/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "berita/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "berita/<slug:slug>/": "deny  deny  deny  deny  deny  deny  deny  deny",
    "berita/feed/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "jadwal/<str:code>/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "kegiatan/<int:pk>/": "sees  sees  sees  sees  sees  sees  sees  sees",
    "keluar/": "ok    acts  acts  acts  acts  acts  acts  acts",
    "klarifikasi/": "sees  sees  sees  sees  sees  sees  sees  sees",
    "klarifikasi/<int:pk>/": "sees  sees  sees  sees  sees  sees  sees  sees",
    "komitmen/<str:code>/": "sees  sees  sees  sees  sees  sees  sees  sees",
    "lacak/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "luring/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "manifest.webmanifest": "ok    ok    ok    ok    ok    ok    ok    ok",
    "sw.js": "ok    ok    ok    ok    ok    ok    ok    ok",
    "lacak/<str:code>/": "sees  sees  sees  sees  sees  sees  sees  sees",
    "lacak/<str:code>/tanggapan/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "lacak/lupa/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "laporan-saya/": "login ok    ok    ok    ok    ok    ok    ok",
    "lapor/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "masuk/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "masuk/daftar-kode/": "login login login login login login login login",
    "masuk/kode/": "login login login login login login login login",
    "media/<path:path>": "deny  deny  ok    ok    deny  ok    ok    ok",
    r"open311/v2/^(?P<path>[\s\S]*)$": "deny  deny  deny  deny  deny  deny  deny  deny",
    r"open311/v2/^discovery\.(?P<fmt>\w+)$": "ok    ok    ok    ok    ok    ok    ok    ok",
    r"open311/v2/^requests/(?P<request_id>[^/.]+)\.(?P<fmt>\w+)$": (
        "sees  sees  sees  sees  sees  sees  sees  sees"
    ),
    r"open311/v2/^requests\.(?P<fmt>\w+)$": "sees  sees  sees  sees  sees  sees  sees  sees",
    r"open311/v2/^services/(?P<code>[^/.]+)\.(?P<fmt>\w+)$": (
        "ok    ok    ok    ok    ok    ok    ok    ok"
    ),
    r"open311/v2/^services\.(?P<fmt>\w+)$": "ok    ok    ok    ok    ok    ok    ok    ok",
    r"open311/v2/^tokens/(?P<token>[^/.]+)\.(?P<fmt>\w+)$": (
        "deny  deny  deny  deny  deny  deny  deny  deny"
    ),
    "orang/<int:pk>/": "login deny  ok    ok    deny  ok    ok    ok",
    "papan/<str:code>/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "petugas/cakupan/": "login deny  ok    ok    ok    ok    ok    ok",
    "petugas/dasbor/": "login deny  deny  sees  ok    sees  deny  sees",
    "petugas/dasbor/peta/<slug:layer>.geojson": "login deny  deny  ok    ok    ok    deny  ok",
    "petugas/dasbor/rekap/": "login deny  deny  ok    ok    ok    deny  ok",
    "petugas/dasbor/rekap/<slug:period>.<slug:fmt>": "login deny  deny  ok    ok    ok    deny  ok",
    # asked without a case: the case door answers 404 to everyone
    "petugas/dasbor/tugaskan/": "login deny  deny  deny  deny  deny  deny  deny",
    "petugas/indeks/<str:code>/": "login deny  deny  sees  deny  sees  deny  sees",
    "petugas/isu/": "login deny  deny  sees  ok    sees  deny  sees",
    "petugas/isu/<int:pk>/": "login deny  deny  sees  deny  sees  deny  sees",
    "petugas/isu/<int:pk>/<slug:action>/": "login deny  deny  ok    deny  ok    deny  ok",
    "petugas/isu/baru/": "login deny  deny  ok    ok    ok    deny  ok",
    "petugas/kegiatan/": "login deny  ok    ok    ok    ok    ok    ok",
    "petugas/kegiatan/<int:activity_pk>/rilis/": "login deny  ok    ok    deny  ok    acts  acts",
    "petugas/kegiatan/<int:pk>/": "login deny  sees  sees  deny  sees  sees  sees",
    "petugas/kegiatan/<int:pk>/batal/": "login deny  ok    ok    deny  ok    deny  ok",
    "petugas/kegiatan/<int:pk>/jadwal/": "login deny  ok    ok    deny  ok    deny  ok",
    "petugas/kegiatan/<int:pk>/aspirasi/<int:index>/": (
        "login deny  ok    ok    deny  ok    deny  ok"
    ),
    "petugas/kegiatan/<int:pk>/kembalikan/": "login deny  ok    ok    deny  ok    ok    ok",
    "petugas/kegiatan/<int:pk>/perbaiki/": "login deny  ok    ok    deny  ok    deny  ok",
    "petugas/kegiatan/<int:pk>/lapor/": "login deny  ok    ok    deny  ok    deny  ok",
    "petugas/kegiatan/<int:pk>/verifikasi/": "login deny  ok    acts  deny  acts  ok    acts",
    "petugas/kegiatan/lapor/": "login deny  sees  sees  ok    sees  deny  sees",
    "petugas/kegiatan/rencana/": "login deny  ok    ok    ok    ok    deny  ok",
    "petugas/komitmen/<int:pk>/": "login deny  sees  sees  deny  sees  deny  sees",
    "petugas/komitmen/<int:pk>/bukti/": "login deny  ok    ok    deny  ok    deny  ok",
    "petugas/kursi-kosong/": "login deny  deny  ok    ok    ok    deny  ok",
    "petugas/komitmen/<int:pk>/tutup/": "login deny  ok    ok    deny  ok    deny  ok",
    "petugas/laporan/": "login deny  sees  sees  ok    sees  sees  sees",
    "petugas/laporan/<int:pk>/": "login deny  sees  sees  deny  sees  sees  sees",
    "petugas/laporan/<int:pk>/<slug:action>/": "login deny  acts  acts  deny  acts  deny  acts",
    "petugas/laporan/catat/": "login deny  ok    ok    ok    ok    deny  ok",
    "petugas/laporan/serahkan/": "login deny  ok    ok    ok    ok    ok    ok",
    "petugas/mitra/": "login deny  sees  sees  ok    sees  sees  sees",
    "petugas/mitra/<int:pk>/": "login deny  sees  sees  deny  sees  sees  sees",
    "petugas/mitra/<int:pk>/ubah/": "login deny  sees  sees  deny  sees  deny  sees",
    "petugas/mitra/baru/": "login deny  ok    ok    ok    ok    deny  ok",
    "petugas/": "login deny  sees  sees  ok    sees  ok    sees",
    "petugas/patroli/": "login deny  sees  ok    ok    ok    ok    ok",
    "petugas/patroli/kehadiran/<int:pk>/tinjau/": "login deny  deny  ok    deny  ok    deny  ok",
    "petugas/patroli/tinjau/": "login deny  sees  sees  ok    sees  ok    sees",
    "petugas/patroli/titik/<int:pk>/gabung/": "login deny  deny  ok    deny  ok    deny  ok",
    "petugas/patroli/titik/<int:pk>/pindah/": "login deny  deny  ok    deny  ok    deny  ok",
    "petugas/patroli/rencana/": "login deny  ok    ok    ok    ok    ok    ok",
    "petugas/patroli/rencana/<int:pk>/": "login deny  sees  sees  deny  sees  sees  sees",
    "petugas/patroli/rencana/<int:pk>/titik/<int:hotspot>/hadir/": (
        "login deny  acts  acts  deny  acts  deny  acts"
    ),
    "petugas/patroli/rencana/baru/": "login deny  deny  sees  ok    sees  deny  sees",
    "petugas/patroli/titik/": "login deny  sees  sees  ok    sees  deny  sees",
    "petugas/pemilihan/": "login deny  deny  sees  ok    sees  deny  sees",
    "petugas/pemilihan/<int:pk>/": "login deny  deny  sees  deny  sees  deny  sees",
    "petugas/pemilihan/baru/": "login deny  deny  ok    ok    ok    deny  ok",
    "petugas/pengamanan/": "login deny  sees  sees  ok    sees  deny  sees",
    # undecided: neither paper exists yet
    "petugas/pengamanan/<int:pk>/<slug:paper>.pdf": (
        "login deny  deny  deny  deny  deny  deny  deny"
    ),
    "petugas/pengamanan/<int:pk>/": "login deny  sees  sees  deny  sees  sees  sees",
    "petugas/perencana/": "login deny  deny  ok    ok    ok    deny  ok",
    "petugas/peringatan/<int:pk>/dibaca/": "login deny  deny  acts  deny  acts  deny  acts",
    "petugas/rilis/": "login deny  ok    ok    ok    ok    sees  sees",
    "petugas/rilis/<int:pk>/": "login deny  deny  deny  deny  deny  sees  sees",
    "petugas/rilis/<int:pk>/<slug:action>/": "login deny  deny  deny  deny  deny  acts  acts",
    "petugas/rilis/baca/": "login deny  ok    ok    ok    ok    sees  ok",
    "petugas/rilis/baca/simpan/": "login deny  ok    ok    ok    ok    ok    ok",
    "petugas/rilis/impor/": "login deny  ok    ok    ok    ok    ok    ok",
    "petugas/rilis/impor/<int:pk>/": "login deny  deny  deny  deny  deny  sees  deny",
    "satuan/<int:pk>/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "sehat/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "webhook/sms/": "deny  deny  deny  deny  deny  deny  deny  deny",
    "webhook/telegram/": "deny  deny  deny  deny  deny  deny  deny  deny",
    "webhook/whatsapp/": "deny  deny  deny  deny  deny  deny  deny  deny",
    "wilayah/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "wilayah/<str:code>/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "wilayah/<str:code>/peta-dasar.geojson": "ok    ok    ok    ok    ok    ok    ok    ok",
    "kelola/login/": "ok    ok    ok    ok    ok    ok    ok    ok",
    "kelola/logout/": "ok    ok    ok    ok    ok    ok    ok    ok",
}

API = {
    "GET /api/v1/activities": "login login sees  sees  ok    sees  sees  sees",
    "GET /api/v1/activities/{activity_id}": "login login sees  sees  deny  sees  sees  sees",
    "GET /api/v1/areas": "ok    ok    ok    ok    ok    ok    ok    ok",
    "GET /api/v1/areas/nearest": "ok    ok    ok    ok    ok    ok    ok    ok",
    "GET /api/v1/areas/{code}": "ok    ok    ok    ok    ok    ok    ok    ok",
    "GET /api/v1/cases": "login login sees  sees  ok    sees  sees  sees",
    "GET /api/v1/cases/categories": "ok    ok    ok    ok    ok    ok    ok    ok",
    "GET /api/v1/cases/figures": "login login deny  ok    deny  ok    ok    ok",
    "GET /api/v1/cases/{case_id}": "login login sees  sees  deny  sees  sees  sees",
    "GET /api/v1/commitments": "sees  sees  sees  sees  sees  sees  sees  sees",
    "GET /api/v1/coverage": "login login deny  ok    deny  ok    deny  ok",
    "GET /api/v1/elections": "sees  sees  sees  sees  sees  sees  sees  sees",
    "GET /api/v1/event-requests": "login login sees  sees  ok    sees  sees  sees",
    "GET /api/v1/event-requests/{request_id}": "login login sees  sees  deny  sees  sees  sees",
    "GET /api/v1/hotspots": "login login sees  sees  ok    sees  sees  sees",
    "GET /api/v1/hotspots/{hotspot_id}": "login login sees  sees  deny  sees  sees  sees",
    "GET /api/v1/issues": "login login ok    sees  ok    sees  ok    sees",
    "GET /api/v1/issues/{issue_id}": "login login deny  sees  deny  sees  deny  sees",
    "GET /api/v1/partners": "login login sees  sees  ok    sees  sees  sees",
    "GET /api/v1/partners/{partner_id}": "login login sees  sees  deny  sees  sees  sees",
    "GET /api/v1/patrols": "login login sees  sees  ok    sees  sees  sees",
    "GET /api/v1/patrols/{plan_id}": "login login sees  sees  deny  sees  sees  sees",
    "GET /api/v1/people/{person_id}": "login login ok    ok    deny  ok    ok    ok",
    "GET /api/v1/releases": "ok    ok    ok    ok    ok    ok    ok    ok",
    "GET /api/v1/releases/{slug}": "deny  deny  deny  deny  deny  deny  deny  deny",
    "GET /api/v1/units": "ok    ok    ok    ok    ok    ok    ok    ok",
    "GET /api/v1/units/{unit_id}": "ok    ok    ok    ok    ok    ok    ok    ok",
    "GET /api/v1/vulnerability": "login login deny  ok    deny  ok    ok    ok",
    "GET /api/v1/vulnerability/{code}": "login login ok    ok    deny  ok    ok    ok",
    "POST /api/v1/cases": "login login acts  acts  acts  acts  acts  acts",
    "POST /api/v1/issues": "login login deny  acts  ok    acts  deny  acts",
}

# The admin site (/kelola/): staff only, with the second factor; everyone else is sent to its
# login. These are the admin's own refusals (records that are never added or deleted by hand).
ADMIN_REFUSED = {
    "kelola/(?P<url>.*)$",
    "kelola/accounts/auditevent/<path:object_id>/delete/",
    "kelola/accounts/auditevent/add/",
    "kelola/areas/area/<path:object_id>/delete/",
    "kelola/areas/area/add/",
    "kelola/autocomplete/",
    "kelola/axes/accessattempt/add/",
    "kelola/axes/accessfailurelog/add/",
    "kelola/axes/accesslog/add/",
    "kelola/django_tasks_database/dbtaskresult/<path:object_id>/delete/",
    "kelola/django_tasks_database/dbtaskresult/add/",
    "kelola/messaging/inboundevent/add/",
    "kelola/r/<path:content_type_id>/<path:object_id>/",
}
# Where the reporter's identity may be shown (and recorded): the case page, to its handlers.
IDENTITY_SHOWN = {
    ("petugas/laporan/<int:pk>/", who) for who in ("bhabin_a", "kapolsek_a", "kapolres", "admin")
}


def admin_routes() -> list[str]:
    return [r for r in page_routes() if r.startswith("kelola/") and r not in PAGES]


def expected_admin(route: str) -> list[str]:
    return ["login"] * (len(CAST) - 1) + ["deny" if route in ADMIN_REFUSED else "allow"]


def mismatches(expected: dict[str, list[str]], answers: dict[str, list[Answer]]) -> list[str]:
    """Each cell that differs, as "route member: expected → got (status)"; "allow" is ok or sees."""
    wrong = []
    for name, cells in answers.items():
        for who, want, got in zip(CAST, expected[name], cells, strict=True):
            if want != got.outcome and not (want == "allow" and got.outcome in {"ok", "sees"}):
                wrong.append(f"{name} {who}: {want} → {got.outcome} ({got.status})")
    return wrong


def identity_views(answers: dict[str, list[Answer]]) -> tuple[set[tuple[str, str]], list[str]]:
    shown = {
        (name, who)
        for name, cells in answers.items()
        for who, answer in zip(CAST, cells, strict=True)
        if answer.identity
    }
    unrecorded = [
        f"{name} {who}"
        for name, cells in answers.items()
        for who, answer in zip(CAST, cells, strict=True)
        if answer.identity and not answer.identity_recorded
    ]
    return shown, unrecorded


def refused_but_changed(answers: dict[str, list[Answer]]) -> list[str]:
    return [
        f"{name} {who}"
        for name, cells in answers.items()
        for who, answer in zip(CAST, cells, strict=True)
        if answer.changed_when_refused
    ]


def test_every_route_and_operation_has_a_rule():
    """A new page or API operation fails here until its row says who may use it."""
    assert sorted(r for r in page_routes() if not r.startswith("kelola/") or r in PAGES) == sorted(
        PAGES
    )
    assert api_operations() == sorted(API)
    assert set(ADMIN_REFUSED) <= set(admin_routes())
    assert len(admin_routes()) > 100


def test_every_page_answers_each_member_as_the_matrix_says(cast, world):
    table = addresses(world)
    targets = [(r, "GET", table.get(r) or concrete(r)) for r in sorted(PAGES)]
    answers = run_matrix(cast, world, targets)
    assert mismatches({r: PAGES[r].split() for r in PAGES}, answers) == []
    assert refused_but_changed(answers) == []
    shown, unrecorded = identity_views(answers)
    assert shown == IDENTITY_SHOWN
    assert unrecorded == []
    assert bad_titles(answers) == []


def bad_titles(answers: dict[str, list[Answer]]) -> list[str]:
    """Every page's browser tab is plain text naming the page: no markup, no template code, no
    token, never only the site's name (the feedback form once sat in the title block)."""
    wrong = []
    for name, cells in answers.items():
        for who, answer in zip(CAST, cells, strict=True):
            title = answer.title
            if title is None:
                continue
            text = title.strip()
            # ours end in " · Sinergi"; the admin's and the API docs' name Sinergi their own way
            suffix = " | Sinergi" if name.startswith("kelola/") else " · Sinergi"
            named = text.endswith(suffix) and bool(text.removesuffix(suffix).strip())
            if name.startswith("api/"):
                named = "Sinergi" in text
            if not named or any(m in text for m in ("<", ">", "{", "}", "csrf", "\n")):
                wrong.append(f"{name} {who}: {title!r}")
    return wrong


def test_every_api_operation_answers_each_member_as_the_matrix_says(cast, world):
    table = api_addresses(world)
    targets = [(op, op.split()[0], table[op]) for op in sorted(API)]
    answers = run_matrix(cast, world, targets)
    assert mismatches({op: API[op].split() for op in API}, answers) == []
    assert refused_but_changed(answers) == []
    assert identity_views(answers) == (set(), [])


def test_the_admin_site_is_for_verified_staff_only(cast, world):
    targets = [(r, "GET", admin_address(r)) for r in admin_routes()]
    answers = run_matrix(cast, world, targets)
    assert mismatches({r: expected_admin(r) for r in admin_routes()}, answers) == []
    assert refused_but_changed(answers) == []
    # the outbox shows recipients masked: a reporter's number is for the case's handlers
    assert identity_views(answers) == (set(), [])
