"""Every write of hotspots, patrol plans and check-ins. Views, API and commands call these."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import User
from sinergi.areas import timezones
from sinergi.areas.codes import within_q
from sinergi.areas.geo import distance_m, valid_point
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.engagement.models import Commitment
from sinergi.patrols import clustering, windows
from sinergi.patrols.models import (
    CheckIn,
    Hotspot,
    HotspotRequest,
    PatrolEvent,
    PatrolPlan,
    PatrolStop,
)
from sinergi.platform.photos import clean_photo
from sinergi.platform.photos import store as photo_store
from sinergi.units.models import Unit

# Incident cases (not patrol or event requests) near a hotspot in this many days raise its rank.
INCIDENT_DAYS = 90
INCIDENT_KINDS = (Category.Kind.ASPIRASI, Category.Kind.INFORMASI)
CLOSED_OR_MERGED = (Case.Status.DIGABUNG,)


class PatrolError(ValueError):
    """A step that is not allowed; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Refreshed:
    requests: int  # patrol requests newly placed in a hotspot
    created: int  # new hotspots
    touched: int  # hotspots whose figures changed


def _points(area_code: str) -> list[clustering.Point]:
    rows = (
        Case.objects.filter(within_q("area_id", area_code), kind=Category.Kind.PATROLI)
        .filter(hotspot_link__isnull=True)
        .exclude(status__in=CLOSED_OR_MERGED)
        .order_by("created_at", "pk")
        .values_list(
            "pk",
            "area_id",
            "place",
            "latitude",
            "longitude",
            "created_at",
            KT("details__time_window"),
        )
    )
    return [
        clustering.Point(
            case_id=pk,
            area_id=area_id,
            place=place,
            latitude=lat,
            longitude=lng,
            created_at=created,
            time_window=window or "",
        )
        for pk, area_id, place, lat, lng, created, window in rows.iterator(chunk_size=5000)
    ]


def _clusters(hotspots: Sequence[Hotspot]) -> list[clustering.Cluster]:
    return [
        clustering.Cluster(
            area_id=h.area_id,
            name=h.name,
            name_key=h.name_key,
            latitude=h.latitude,
            longitude=h.longitude,
            hotspot_id=h.pk,
        )
        for h in hotspots
    ]


def hotspots_refresh(*, area_code: str, now: datetime | None = None) -> Refreshed:
    """Places every patrol request of the area (a district, a regency) not yet in a hotspot:
    into the nearest hotspot within PATROL_CLUSTER_RADIUS_M, or the one of the same named spot
    in its village, or a new hotspot. Then counts related incident cases and ranks them.

    Set-based: one read of the requests, one of the hotspots, bulk writes. Safe to run twice (a
    placed request has its link and is not read again).
    """
    now = now or timezone.now()
    radius = float(settings.PATROL_CLUSTER_RADIUS_M)
    with transaction.atomic():
        existing = {
            h.pk: h
            for h in Hotspot.objects.filter(within_q("area_id", area_code), merged_into=None)
        }
        points = _points(area_code)
        touched = clustering.assign(points, _clusters(list(existing.values())), radius)
        fresh: list[tuple[Hotspot, clustering.Cluster]] = []
        changed: list[Hotspot] = []
        for cluster in touched:
            hotspot = existing.get(cluster.hotspot_id or 0)
            if hotspot is None:
                hotspot = Hotspot(
                    area_id=cluster.area_id,
                    name=cluster.name or _("Titik tanpa nama"),
                    name_key=cluster.name_key,
                    source=Hotspot.Source.REQUESTS,
                )
                fresh.append((hotspot, cluster))
            else:
                changed.append(hotspot)
            hotspot.latitude, hotspot.longitude = cluster.latitude, cluster.longitude
            hotspot.request_count += len(cluster.points)
            last = max(p.created_at for p in cluster.points)
            if hotspot.last_request_at is None or last > hotspot.last_request_at:
                hotspot.last_request_at = last
            hotspot.time_windows = clustering.merge_windows(
                list(hotspot.time_windows), [p.time_window for p in cluster.points]
            )
        every = [*existing.values(), *(h for h, _c in fresh)]
        recounted = _count_incidents(area_code, every, radius, now)
        # every score is recomputed: recency decays for spots nobody asked about lately too
        rescored = []
        for hotspot in every:
            score = clustering.score(
                requests=hotspot.request_count,
                incidents=hotspot.incident_count,
                last_request_at=hotspot.last_request_at,
                now=now,
            )
            if score != hotspot.score:
                hotspot.score = score
                rescored.append(hotspot)
        _insert([h for h, _c in fresh])
        for hotspot, cluster in fresh:
            cluster.hotspot_id = hotspot.pk
        _link([(int(c.hotspot_id or 0), p.case_id) for c in touched for p in c.points])
        # the new ones went in with their figures; only existing rows are updated
        saved = {h.pk: h for h in [*changed, *recounted, *rescored] if h.pk in existing}
        _save_figures(list(saved.values()))
    return Refreshed(requests=len(points), created=len(fresh), touched=len(saved) + len(fresh))


def _array(values: Iterable[int | float | datetime | None]) -> str:
    """Numbers or timestamps as PostgreSQL's array text literal: far cheaper for the driver to
    send than a list of 100,000 Python values adapted one by one (none of these need quoting)."""
    return "{" + ",".join(_element(v) for v in values) + "}"


def _element(value: int | float | datetime | None) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, datetime):
        return value.isoformat()
    return repr(value)


def _insert(hotspots: list[Hotspot]) -> None:
    """Creates new hotspots and sets their pk. On PostgreSQL the ids are drawn from the sequence
    first and the rows go in as one INSERT … SELECT unnest() (bulk_create spends seconds
    compiling 15,000 rows); elsewhere bulk_create."""
    if not hotspots:
        return
    if connection.vendor != "postgresql":
        Hotspot.objects.bulk_create(hotspots, batch_size=1000)
        return
    table = connection.ops.quote_name(Hotspot._meta.db_table)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Hotspot._meta.db_table, len(hotspots)],
        )
        for hotspot, (pk,) in zip(hotspots, cursor.fetchall(), strict=True):
            hotspot.pk = pk
            hotspot.created_at = now
        cursor.execute(
            f"INSERT INTO {table} (id, area_id, name, name_key, latitude, longitude, source, "
            "time_windows, request_count, incident_count, last_request_at, score, note, "
            "created_at) SELECT unnest(%s::bigint[]), unnest(%s::varchar[]), "
            "unnest(%s::varchar[]), unnest(%s::varchar[]), unnest(%s::float8[]), "
            "unnest(%s::float8[]), %s, unnest(%s::text[])::jsonb, unnest(%s::int[]), "
            "unnest(%s::int[]), unnest(%s::timestamptz[]), unnest(%s::float8[]), '', %s",
            [
                _array(h.pk for h in hotspots),
                [h.area_id for h in hotspots],
                [h.name for h in hotspots],
                [h.name_key for h in hotspots],
                _array(h.latitude for h in hotspots),
                _array(h.longitude for h in hotspots),
                Hotspot.Source.REQUESTS,
                [json.dumps(list(h.time_windows)) for h in hotspots],
                _array(h.request_count for h in hotspots),
                _array(h.incident_count for h in hotspots),
                _array(h.last_request_at for h in hotspots),
                _array(h.score for h in hotspots),
                now,
            ],
        )


def _link(pairs: list[tuple[int, int]]) -> None:
    """Inserts (hotspot, case) links: one INSERT … SELECT unnest() on PostgreSQL (100,000 rows
    in well under a second), bulk_create elsewhere."""
    if not pairs:
        return
    if connection.vendor != "postgresql":
        HotspotRequest.objects.bulk_create(
            [HotspotRequest(hotspot_id=h, case_id=c) for h, c in pairs], batch_size=1000
        )
        return
    table = connection.ops.quote_name(HotspotRequest._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (hotspot_id, case_id) "
            "SELECT unnest(%s::bigint[]), unnest(%s::bigint[])",
            [_array(h for h, _c in pairs), _array(c for _h, c in pairs)],
        )


FIGURE_FIELDS = (
    "latitude",
    "longitude",
    "request_count",
    "incident_count",
    "last_request_at",
    "time_windows",
    "score",
)


def _save_figures(hotspots: list[Hotspot]) -> None:
    """Writes the figures of many existing hotspots: on PostgreSQL one UPDATE … FROM unnest()
    (bulk_update's CASE expressions grow quadratically with the batch), elsewhere bulk_update."""
    if not hotspots:
        return
    if connection.vendor != "postgresql":
        Hotspot.objects.bulk_update(hotspots, FIGURE_FIELDS, batch_size=200)
        return
    table = connection.ops.quote_name(Hotspot._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS h SET latitude = v.lat, longitude = v.lng, "  # noqa: S608 -- the table name is ours
            "request_count = v.requests, incident_count = v.incidents, "
            "last_request_at = v.last, time_windows = v.windows::jsonb, score = v.score "
            "FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::float8[]) AS lat, "
            "unnest(%s::float8[]) AS lng, unnest(%s::int[]) AS requests, "
            "unnest(%s::int[]) AS incidents, unnest(%s::timestamptz[]) AS last, "
            "unnest(%s::text[]) AS windows, unnest(%s::float8[]) AS score) AS v "
            "WHERE h.id = v.id",
            [
                _array(h.pk for h in hotspots),
                _array(h.latitude for h in hotspots),
                _array(h.longitude for h in hotspots),
                _array(h.request_count for h in hotspots),
                _array(h.incident_count for h in hotspots),
                _array(h.last_request_at for h in hotspots),
                [json.dumps(list(h.time_windows)) for h in hotspots],
                _array(h.score for h in hotspots),
            ],
        )


def _count_incidents(
    area_code: str, hotspots: list[Hotspot], radius: float, now: datetime
) -> list[Hotspot]:
    """Sets incident_count (cases of incident kinds within the radius in INCIDENT_DAYS) on every
    hotspot (saved or not yet); returns those whose count changed."""
    grid = clustering.Grid(radius)
    for index, hotspot in enumerate(hotspots):
        if hotspot.latitude is None or hotspot.longitude is None:
            continue
        grid.add(
            clustering.Cluster(
                area_id=hotspot.area_id,
                name="",
                name_key="",
                latitude=hotspot.latitude,
                longitude=hotspot.longitude,
                hotspot_id=index,
            )
        )
    counts: dict[int, int] = {}
    incidents = (
        Case.objects.filter(within_q("area_id", area_code), kind__in=INCIDENT_KINDS)
        .filter(created_at__gte=now - timedelta(days=INCIDENT_DAYS), latitude__isnull=False)
        .values_list("latitude", "longitude")
    )
    for lat, lng in incidents.iterator(chunk_size=5000):
        near = grid.near(lat or 0.0, lng or 0.0)  # latitude__isnull=False above
        if near is not None and near.hotspot_id is not None:
            counts[near.hotspot_id] = counts.get(near.hotspot_id, 0) + 1
    changed = []
    for index, hotspot in enumerate(hotspots):
        if hotspot.incident_count != counts.get(index, 0):
            hotspot.incident_count = counts.get(index, 0)
            changed.append(hotspot)
    return changed


def hotspots_refresh_due(*, now: datetime | None = None) -> int:
    """The scheduled sweep: refreshes every district that has patrol requests not yet in a
    hotspot (a Polsek's area is its district); returns how many requests were placed."""
    pending = (
        Case.objects.filter(kind=Category.Kind.PATROLI, hotspot_link__isnull=True)
        .exclude(status__in=CLOSED_OR_MERGED)
        .order_by()
        .values_list("area_id", flat=True)
        .distinct()
    )
    districts = sorted({code.rsplit(".", 1)[0] for code in pending})
    return sum(hotspots_refresh(area_code=code, now=now).requests for code in districts)


@transaction.atomic
def hotspot_add(
    *,
    area: Area,
    name: str,
    by: User,
    latitude: float | None = None,
    longitude: float | None = None,
    time_windows: Sequence[str] = (),
    note: str = "",
) -> Hotspot:
    """A leader adds a spot by hand (heard at a Jumat Curhat, seen on patrol)."""
    name = name.strip()
    if not name:
        raise PatrolError(_("Sebutkan nama tempatnya."))
    if area.level != Area.Level.VILLAGE:
        raise PatrolError(_("Pilih desa atau kelurahan."))
    if (latitude is None) != (longitude is None) or (
        latitude is not None and longitude is not None and not valid_point(latitude, longitude)
    ):
        raise PatrolError(_("Koordinat tidak valid."))
    hotspot = Hotspot.objects.create(
        area=area,
        name=name[:200],
        name_key=clustering.place_key(name),
        latitude=latitude,
        longitude=longitude,
        source=Hotspot.Source.MANUAL,
        time_windows=clustering.merge_windows([], list(time_windows)),
        note=note.strip()[:2000],
        created_by=by,
    )
    hotspot.score = clustering.score(
        requests=0, incidents=0, last_request_at=None, now=timezone.now()
    )
    hotspot.save(update_fields=["score"])
    PatrolEvent.objects.create(
        kind=PatrolEvent.Kind.HOTSPOT_ADDED, hotspot=hotspot, actor=by, data={"area": area.code}
    )
    return hotspot


@transaction.atomic
def plan_create(
    *,
    unit: Unit,
    area: Area,
    title: str,
    starts_on: date,
    ends_on: date,
    weekdays: Sequence[int],
    time_start: time,
    time_end: time,
    route: Sequence[Hotspot],
    officers: Sequence[User],
    by: User,
    commitment: Commitment | None = None,
) -> PatrolPlan:
    """A patrol over an ordered route of hotspots of the area, on some weekdays, by officers
    (and the other pillars patrolling with them); it may keep a promise made at an activity,
    whose evidence its check-ins then are."""
    if ends_on < starts_on:
        raise PatrolError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    days = sorted({int(d) for d in weekdays if 0 <= int(d) <= 6})
    if not days:
        raise PatrolError(_("Pilih paling sedikit satu hari."))
    if not route:
        raise PatrolError(_("Pilih paling sedikit satu titik rawan."))
    if not officers:
        raise PatrolError(_("Tugaskan paling sedikit satu petugas."))
    prefix = f"{area.code}."
    if any(h.area_id != area.code and not h.area_id.startswith(prefix) for h in route):
        raise PatrolError(_("Semua titik harus berada di wilayah patroli."))
    if any(h.merged_into_id is not None for h in route):
        raise PatrolError(_("Titik ini sudah digabungkan ke titik lain."))
    if commitment is not None and (
        commitment.status != Commitment.Status.OPEN
        or not (commitment.area_id == area.code or commitment.area_id.startswith(prefix))
    ):
        raise PatrolError(_("Pilih komitmen yang masih berjalan di wilayah patroli."))
    plan = PatrolPlan.objects.create(
        unit=unit,
        area=area,
        title=title.strip()[:160] or _("Patroli"),
        starts_on=starts_on,
        ends_on=ends_on,
        weekdays=days,
        time_start=time_start,
        time_end=time_end,
        created_by=by,
        commitment=commitment,
    )
    plan.officers.set(officers)
    seen: set[int] = set()
    stops: list[PatrolStop] = []
    for hotspot in route:
        if hotspot.pk not in seen:
            seen.add(hotspot.pk)
            stops.append(PatrolStop(plan=plan, hotspot=hotspot, order=len(stops) + 1))
    PatrolStop.objects.bulk_create(stops)
    PatrolEvent.objects.create(
        kind=PatrolEvent.Kind.PLANNED,
        plan=plan,
        actor=by,
        data={
            "route": [s.hotspot_id for s in stops],
            "officers": [o.pk for o in officers],
            "commitment": commitment.pk if commitment else None,
        },
    )
    return plan


def runs_on(plan: PatrolPlan, day: date) -> bool:
    return plan.starts_on <= day <= plan.ends_on and day.weekday() in plan.weekdays


def _store_photo(photo: UploadedFile[bytes]) -> str:
    # PhotoError (a ValueError) says what is wrong, or that the storage cannot take it now
    return photo_store(clean_photo(photo), "patrols")


def checkin_record(
    *,
    plan: PatrolPlan,
    hotspot: Hotspot,
    officer: User,
    latitude: float | None,
    longitude: float | None,
    accuracy_m: float | None = None,
    photo: UploadedFile[bytes] | None = None,
    note: str = "",
    client_key: str | None = None,
    taken_at: datetime | None = None,
) -> CheckIn:
    """An officer is at a hotspot of the plan. Farther than PATROL_CHECKIN_MAX_M from the spot
    (or without a position) the check-in is kept but flagged; otherwise the hotspot counts as
    patrolled and its requesters are told, once. The photo is cleaned before the transaction.

    Made without a signal, it arrives later: ``taken_at`` is when the phone took the position
    (kept when plausible: not ahead of the server, not older than CHECKIN_LATE_DAYS), and a
    repeated ``client_key`` returns the first check-in and writes nothing."""
    if client_key:
        existing = CheckIn.objects.filter(client_key=client_key).first()
        if existing is not None:
            return existing
    if not plan.stops.filter(hotspot=hotspot).exists():
        raise PatrolError(_("Titik ini tidak ada dalam rute patroli."))
    if latitude is not None and longitude is not None and not valid_point(latitude, longitude):
        latitude = longitude = None
    checkin = CheckIn(
        plan=plan,
        hotspot=hotspot,
        officer=officer,
        latitude=latitude,
        longitude=longitude,
        accuracy_m=accuracy_m,
        note=note.strip()[:2000],
        client_key=client_key or None,
        taken_at=_plausible(taken_at),
    )
    stored = _store_photo(photo) if photo is not None else ""
    checkin.photo.name = stored
    try:
        return _checkin(checkin)
    except IntegrityError:
        if stored:
            default_storage.delete(stored)
        existing = CheckIn.objects.filter(client_key=client_key).first() if client_key else None
        if existing is None:
            raise
        return existing  # the same key raced in from a second request: that one won
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise


CHECKIN_LATE_DAYS = 7
CLOCK_AHEAD = timedelta(minutes=5)


def _plausible(taken_at: datetime | None) -> datetime | None:
    """The phone's clock is believed within bounds; otherwise the arrival time stands."""
    if taken_at is None:
        return None
    now = timezone.now()
    if taken_at > now + CLOCK_AHEAD or taken_at < now - timedelta(days=CHECKIN_LATE_DAYS):
        return None
    return min(taken_at, now)


@transaction.atomic
def _checkin(checkin: CheckIn) -> CheckIn:
    """Saves the check-in, measured against its spot and flagged when too far or unplaced."""
    hotspot = checkin.hotspot
    latitude, longitude = checkin.latitude, checkin.longitude
    distance = None
    if None not in (latitude, longitude, hotspot.latitude, hotspot.longitude):
        distance = round(distance_m(latitude, longitude, hotspot.latitude, hotspot.longitude), 1)  # type: ignore[arg-type]  # checked for None just above
    checkin.distance_m = distance
    checkin.flagged = distance is None or distance > settings.PATROL_CHECKIN_MAX_M
    checkin.save()
    data: dict[str, Any] = {"checkin": checkin.pk, "distance_m": distance}
    PatrolEvent.objects.create(
        kind=PatrolEvent.Kind.FLAGGED if checkin.flagged else PatrolEvent.Kind.CHECKED_IN,
        plan=checkin.plan,
        hotspot=hotspot,
        actor=checkin.officer,
        data=data,
    )
    if not checkin.flagged:
        _patrolled(checkin, by=checkin.officer)
    return checkin


def _patrolled(checkin: CheckIn, *, by: User) -> None:
    """A counted check-in: the spot was patrolled then, and its requesters are told."""
    hotspot = checkin.hotspot
    Hotspot.objects.filter(pk=hotspot.pk).filter(
        Q(last_patrolled_at=None) | Q(last_patrolled_at__lt=checkin.when)
    ).update(last_patrolled_at=checkin.when)
    requesters_notify(hotspot=hotspot, by=by, at=checkin.when, plan=checkin.plan)


@transaction.atomic
def checkin_review(*, checkin: CheckIn, by: User, accept: bool, reason: str = "") -> CheckIn:
    """A leader decides on a flagged check-in. Accepted, it counts as the patrol it was (its
    requesters are told) and a spot that had no position takes the check-in's; rejected, the
    reason is kept for the officer."""
    locked = (
        CheckIn.objects.select_for_update().select_related("hotspot", "plan").get(pk=checkin.pk)
    )
    if not locked.flagged:
        raise PatrolError(_("Kehadiran ini tidak ditandai."))
    if locked.review:
        raise PatrolError(_("Kehadiran ini sudah diperiksa."))
    reason = reason.strip()
    if not accept and not reason:
        raise PatrolError(_("Tuliskan alasan penolakan."))
    locked.review = CheckIn.Review.ACCEPTED if accept else CheckIn.Review.REJECTED
    locked.review_note = reason[:2000]
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["review", "review_note", "reviewed_by", "reviewed_at"])
    hotspot = Hotspot.objects.select_for_update().get(pk=locked.hotspot_id)
    data: dict[str, Any] = {"checkin": locked.pk, "reason": locked.review_note}
    if accept:
        if hotspot.latitude is None and locked.latitude is not None:
            hotspot.latitude, hotspot.longitude = locked.latitude, locked.longitude
            hotspot.save(update_fields=["latitude", "longitude"])
            data["placed"] = [locked.latitude, locked.longitude]
        locked.hotspot = hotspot
    PatrolEvent.objects.create(
        kind=PatrolEvent.Kind.ACCEPTED if accept else PatrolEvent.Kind.REJECTED,
        plan=locked.plan,
        hotspot=hotspot,
        actor=by,
        data=data,
    )
    if accept:
        _patrolled(locked, by=by)
    return locked


@transaction.atomic
def hotspot_move(*, hotspot: Hotspot, by: User, latitude: float, longitude: float) -> Hotspot:
    """A leader puts a spot where it really is (dragged on the map, or typed)."""
    if not valid_point(latitude, longitude):
        raise PatrolError(_("Koordinat tidak valid."))
    if hotspot.merged_into_id is not None:
        raise PatrolError(_("Titik ini sudah digabungkan ke titik lain."))
    before = [hotspot.latitude, hotspot.longitude]
    hotspot.latitude, hotspot.longitude = round(latitude, 6), round(longitude, 6)
    hotspot.save(update_fields=["latitude", "longitude"])
    PatrolEvent.objects.create(
        kind=PatrolEvent.Kind.MOVED,
        hotspot=hotspot,
        actor=by,
        data={"from": before, "to": [hotspot.latitude, hotspot.longitude]},
    )
    return hotspot


@transaction.atomic
def hotspot_merge(*, source: Hotspot, into: Hotspot, by: User) -> Hotspot:
    """Two spots that are one place: the requests, route stops and check-ins of ``source`` move
    to ``into``, its figures are added, and ``source`` stays as a pointer (never deleted)."""
    if source.pk == into.pk:
        raise PatrolError(_("Pilih dua titik yang berbeda."))
    locked = {
        h.pk: h for h in Hotspot.objects.select_for_update().filter(pk__in=[source.pk, into.pk])
    }
    source, into = locked[source.pk], locked[into.pk]
    if source.merged_into_id is not None or into.merged_into_id is not None:
        raise PatrolError(_("Titik ini sudah digabungkan ke titik lain."))
    if source.area_id.rsplit(".", 1)[0] != into.area_id.rsplit(".", 1)[0]:
        raise PatrolError(_("Hanya titik dalam satu kecamatan yang dapat digabungkan."))
    HotspotRequest.objects.filter(hotspot=source).update(hotspot=into)
    CheckIn.objects.filter(hotspot=source).update(hotspot=into)
    both = set(PatrolStop.objects.filter(hotspot=into).values_list("plan_id", flat=True))
    PatrolStop.objects.filter(hotspot=source, plan_id__in=both).delete()
    PatrolStop.objects.filter(hotspot=source).update(hotspot=into)
    into.request_count += source.request_count
    into.incident_count += source.incident_count
    into.time_windows = clustering.merge_windows(list(into.time_windows), list(source.time_windows))
    into.last_request_at = _latest(into.last_request_at, source.last_request_at)
    into.last_patrolled_at = _latest(into.last_patrolled_at, source.last_patrolled_at)
    if into.latitude is None and source.latitude is not None:
        into.latitude, into.longitude = source.latitude, source.longitude
    into.score = clustering.score(
        requests=into.request_count,
        incidents=into.incident_count,
        last_request_at=into.last_request_at,
        now=timezone.now(),
    )
    into.save()
    source.merged_into = into
    source.save(update_fields=["merged_into"])
    PatrolEvent.objects.create(
        kind=PatrolEvent.Kind.MERGED,
        hotspot=into,
        actor=by,
        data={"merged": source.pk, "name": source.name},
    )
    return into


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    return max((x for x in (a, b) if x is not None), default=None)


def requesters_notify(*, hotspot: Hotspot, by: User, at: datetime, plan: PatrolPlan) -> int:
    """Tells the requesters of a patrolled hotspot, once per request: each open request case is
    resolved with a public "sudah dipatroli" step (cases.services → cases.notify → the outbox,
    by the channel the reporter left). Returns how many requests were answered."""
    links = list(
        HotspotRequest.objects.select_for_update()
        .filter(hotspot=hotspot, notified_at__isnull=True)
        .select_related("case", "case__category", "case__area", "case__owner_area")
    )
    # the window and the time told are the place's own (a Bontang night is WITA, not WIB)
    local = timezones.local(at, hotspot.area_id)
    when = timezones.shown(at, hotspot.area_id, "j F Y, H.i")
    message = _(
        "Lokasi yang Anda minta (%(place)s) sudah dipatroli pada %(when)s. Terima kasih atas "
        "laporan Anda; patroli akan terus dilakukan."
    ) % {"place": hotspot.name, "when": when}
    answered = 0
    # a request about a window (22.00-02.00, "malam") waits for a patrol inside it
    done = [link for link in links if _in_window(link.case, local.time())]
    for link in done:
        if link.case.is_open:
            case_services.case_resolve(case=link.case, by=by, note=message)
            answered += 1
    HotspotRequest.objects.filter(pk__in=[link.pk for link in done]).update(notified_at=at)
    if done:
        PatrolEvent.objects.create(
            kind=PatrolEvent.Kind.NOTIFIED,
            plan=plan,
            hotspot=hotspot,
            actor=by,
            data={"cases": [link.case_id for link in done], "answered": answered},
        )
    return answered


def _in_window(case: Case, moment: time) -> bool:
    window = windows.parse(str((case.details or {}).get("time_window", "")))
    return window is None or windows.inside(moment, window)
