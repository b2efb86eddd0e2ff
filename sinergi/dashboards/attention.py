"""Perlu perhatian: the places of a unit's areas where trouble is building, ranked, each with why
and since when. A fixed number of grouped queries, whatever the size of the area.

urgency = the village's index score
        + 4 × the severity of each open issue recorded for it (an issue over a district or wider
          is a row of its own, for that area)
        + 5 × each open case past the village tier's deadline (at most 25)
        + 3 × each open case handled above its village because no village officer is recorded
          (at most 15)
        + 20 while an alert of the place is unread
        + 10 when nobody engaged there for STALE_DAYS and its score is at least "sedang"
Only places with at least one reason are listed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.dbrouter import reading_from_replica
from sinergi.areas.models import Area
from sinergi.cases.models import Case, CaseEvent, Category
from sinergi.dashboards.selectors import area_q, last_engaged
from sinergi.early_warning import index_config
from sinergi.early_warning.catalogue import IssueStatus
from sinergi.early_warning.models import Alert, Issue, VillageIndex, VillageIndexHistory

STALE_DAYS = 30
RISE_DAYS = 7
OPEN = (Case.Status.BARU, Case.Status.DITERIMA, Case.Status.DITANGANI)


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str  # index, rising, issue, overdue, seatless, stale, alert
    text: str
    since: dt.date | None = None
    link: str = ""  # the page to open (an issue)
    issue_id: int | None = None  # the issue it names (its page may not be the reader's)


@dataclass(slots=True)
class Place:
    code: str
    name: str
    level: int
    score: float | None = None
    index_level: str = ""
    urgency: float = 0.0
    reasons: list[Reason] = field(default_factory=list)
    issue_ids: list[int] = field(default_factory=list)
    overdue_case_ids: list[int] = field(default_factory=list)
    lat: float | None = None
    lng: float | None = None

    @property
    def since(self) -> dt.date | None:
        days = [r.since for r in self.reasons if r.since is not None]
        return min(days) if days else None

    @property
    def is_village(self) -> bool:
        return self.level == Area.Level.VILLAGE


def _day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def _seatless() -> Exists:
    """Moved up as it came in because nobody sits in the village's forum: no one was late,
    the village has no officer recorded (cases.services._route_past_empty_rooms)."""
    return Exists(
        CaseEvent.objects.filter(
            case=OuterRef("pk"), kind=CaseEvent.Kind.ESCALATED, data__empty_seats=True
        )
    )


def overdue_q(now: dt.datetime) -> Q:
    """Open cases past the village tier's deadline: the SLA clock ran out (waiting for the
    sweep), or the case was already moved up a tier (an event request routed by its scale is
    not late, nor is a case moved up because the village has no officer: see seatless_q)."""
    return Q(status__in=OPEN) & (
        Q(escalate_at__lt=now)
        | (~Q(owner_area_id=F("area_id")) & ~Q(kind=Category.Kind.PENGAMANAN) & ~Q(_seatless()))
    )


def seatless_q(now: dt.datetime) -> Q:
    """Open cases handled above their village because it has no officer, within their
    deadline there."""
    return (
        Q(status__in=OPEN, escalate_at__gte=now) & ~Q(owner_area_id=F("area_id")) & Q(_seatless())
    )


@reading_from_replica()
def attention(codes: list[str], *, today: dt.date | None = None, limit: int = 20) -> list[Place]:
    """The places needing attention, most urgent first."""
    today = today or timezone.localdate()
    now = timezone.now()
    where = area_q(codes)
    places: dict[str, Place] = {}

    def place(code: str) -> Place:
        if code not in places:
            places[code] = Place(code=code, name="", level=code.count(".") + 1)
        return places[code]

    scores = {
        code: (score, level)
        for code, score, level in VillageIndex.objects.filter(where).values_list(
            "area_id", "score", "level"
        )
    }
    for code, (score, level) in scores.items():
        if level == "tinggi":
            row = place(code)
            row.reasons.append(
                Reason(
                    "index", _("Kerawanan tinggi (%(score)s)") % {"score": number_format(score, 2)}
                )
            )
    # open issues: the village (or wider area) each is recorded for
    issue_rows = (
        Issue.objects.filter(area_q(codes, "areas__code"))
        .exclude(status=IssueStatus.SELESAI)
        .values_list("pk", "title", "severity", "created_at", "areas__code")
        .order_by("-severity", "created_at")
    )
    seen: set[tuple[int, str]] = set()
    for pk, title, severity, created, code in issue_rows:
        if (pk, code) in seen:
            continue
        seen.add((pk, code))
        row = place(code)
        row.urgency += 4 * severity
        row.issue_ids.append(pk)
        row.reasons.append(
            Reason(
                "issue",
                _("Isu: %(title)s (keparahan %(n)d)") % {"title": title, "n": severity},
                _day(created),
                f"/petugas/isu/{pk}/",
                issue_id=pk,
            )
        )
    _case_reasons(where, now, place)
    # unread alerts
    for code, created in (
        Alert.objects.filter(where, acknowledged_at=None)
        .order_by("created_at")
        .values_list("area_id", "created_at")
    ):
        row = place(code)
        if not any(r.kind == "alert" for r in row.reasons):
            row.urgency += 20
            row.reasons.append(Reason("alert", _("Peringatan belum dibaca"), _day(created)))
    # stale engagement where the score is at least "sedang"
    last = last_engaged(where, today)
    for code, (score, _level) in scores.items():
        if score < index_config.CUTOFF_MEDIUM:
            continue
        held = last.get(code)
        days = (today - held).days if held else None
        if days is None or days >= STALE_DAYS:
            row = place(code)
            row.urgency += 10
            text = (
                _("Belum ada kegiatan %(n)d hari") % {"n": days}
                if days is not None
                else _("Belum ada kegiatan 180 hari terakhir")
            )
            row.reasons.append(Reason("stale", text, held))
    for code, row in places.items():
        if code in scores:
            row.score, row.index_level = scores[code]
            row.urgency += scores[code][0]
    ranked = sorted(places.values(), key=lambda p: (-p.urgency, p.code))[:limit]
    _name(ranked)
    _rising(ranked, today)
    _late_cases(ranked, now)
    return ranked


def _case_reasons(where: Q, now: dt.datetime, place: Callable[[str], Place]) -> None:
    """Per village: its open cases past the village tier's deadline, and those handled above
    it because no village officer is recorded (with the way to them)."""

    def late(n: int) -> str:
        return ngettext(
            "%(n)d laporan lewat tenggat desa", "%(n)d laporan lewat tenggat desa", n
        ) % {"n": n}

    def seatless(n: int) -> str:
        return ngettext(
            "%(n)d laporan ditangani di atas desa: petugas desa belum tercatat",
            "%(n)d laporan ditangani di atas desa: petugas desa belum tercatat",
            n,
        ) % {"n": n}

    # kind, which cases, urgency per case (at most 5 counted), what it says, a link to them
    kinds: list[tuple[str, Q, int, Callable[[int], str], bool]] = [
        ("overdue", overdue_q(now), 5, late, False),
        ("seatless", seatless_q(now), 3, seatless, True),
    ]
    for kind, which, weight, said, linked in kinds:
        for code, n, oldest in (
            Case.objects.filter(where, which)
            .values("area_id")
            .annotate(n=Count("pk"), oldest=Min(TruncDate("created_at")))
            .values_list("area_id", "n", "oldest")
        ):
            row = place(code)
            row.urgency += weight * min(n, 5)
            link = f"/petugas/laporan/?village={code}&lihat=semua" if linked else ""
            row.reasons.append(Reason(kind, said(n), oldest, link))


def _late_cases(rows: list[Place], now: dt.datetime) -> None:
    """The late cases of the listed villages nobody holds, oldest first (what "assign" hands
    over: once given to someone, the next one is offered)."""
    late = [r for r in rows if any(x.kind == "overdue" for x in r.reasons)]
    by_code = {r.code: r for r in late}
    for code, pk in (
        Case.objects.filter(overdue_q(now), area_id__in=list(by_code), taken_by=None)
        .order_by("created_at", "pk")
        .values_list("area_id", "pk")[:500]
    ):
        by_code[code].overdue_case_ids.append(pk)


def _name(rows: list[Place]) -> None:
    found = {
        code: (name, lat, lng)
        for code, name, lat, lng in Area.objects.filter(
            code__in=[r.code for r in rows]
        ).values_list("code", "name", "latitude", "longitude")
    }
    for row in rows:
        row.name, row.lat, row.lng = found.get(row.code, (row.code, None, None))


def _rising(rows: list[Place], today: dt.date) -> None:
    """For the listed villages: how long they have been at their level, and a rise over the week."""
    villages = [r for r in rows if r.is_village and r.score is not None]
    history: dict[str, list[tuple[dt.date, float, str]]] = defaultdict(list)
    for code, on, score, level in (
        VillageIndexHistory.objects.filter(
            area_id__in=[r.code for r in villages], on__gte=today - dt.timedelta(days=90)
        )
        .order_by("area_id", "on")
        .values_list("area_id", "on", "score", "level")
    ):
        history[code].append((on, score, level))
    for row in villages:
        days = history.get(row.code, [])
        week = [s for on, s, _l in days if on <= today - dt.timedelta(days=RISE_DAYS)]
        if week and row.score is not None and row.score - week[-1] >= 5:
            row.reasons.append(
                Reason(
                    "rising",
                    _("Skor naik %(n)s dalam 7 hari")
                    % {"n": number_format(row.score - week[-1], 1)},
                )
            )
        run_start = None
        for on, _score, level in reversed(days):
            if level != row.index_level:
                break
            run_start = on
        for i, reason in enumerate(row.reasons):
            if reason.kind == "index":
                row.reasons[i] = Reason("index", reason.text, run_start)
