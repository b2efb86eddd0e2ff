"""Spikes: a category of reports or issues running well above an area's own usual level.

For every district and regency, and every case category (and issue category), the count of the
last ALERT_WINDOW_DAYS is compared with the same area's weekly counts over the
ALERT_BASELINE_WEEKS before. It is a spike when the count reaches ALERT_MIN_COUNT and exceeds
mean + ALERT_SIGMAS × standard deviation of those weeks. The alert says the rule and the numbers,
tells the area's leaders and analysts once, and is not raised again for the same area and
category while a previous one is less than a window old (the key also holds the window's period,
so two sweeps at once on two nodes write one alert).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation

from sinergi.accounts.models import User
from sinergi.areas.codes import within_q
from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category
from sinergi.early_warning.access import leaders_of
from sinergi.early_warning.catalogue import IndexLevel, IssueCategory
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.models import Alert, Issue, VillageIndex
from sinergi.messaging import texts
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_add, phone_contact

# (level of area, length of its code) for the areas alerts are raised on
LEVELS = ((Area.Level.DISTRICT, 8), (Area.Level.REGENCY, 5))


@dataclass(frozen=True, slots=True)
class Spike:
    source: str
    category: str
    label: str
    area: str
    count: int
    weeks: tuple[int, ...]

    @property
    def baseline(self) -> float:
        return statistics.fmean(self.weeks)

    @property
    def threshold(self) -> float:
        return max(
            float(settings.ALERT_MIN_COUNT),
            self.baseline + settings.ALERT_SIGMAS * statistics.pstdev(self.weeks),
        )


def _windows(now: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """The current window, then each baseline week before it, newest first."""
    window = dt.timedelta(days=settings.ALERT_WINDOW_DAYS)
    return [
        (now - window * (i + 1), now - window * i) for i in range(settings.ALERT_BASELINE_WEEKS + 1)
    ]


def _counts(
    rows: list[tuple[str, str, list[int]]],
) -> dict[tuple[str, str], list[int]]:
    """Per (area code at each alert level, category): counts per window, summed up the levels."""
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * len(rows[0][2]))
    for code, category, counts in rows:
        for _level, length in LEVELS:
            if len(code) < length:
                continue
            key = (code[:length], category)
            totals[key] = [a + b for a, b in zip(totals[key], counts, strict=True)]
    return totals


def find_spikes(now: dt.datetime | None = None) -> list[Spike]:
    now = now or timezone.now()
    windows = _windows(now)
    start = windows[-1][0]
    aggregates = {
        f"w{i}": Count("pk", filter=Q(created_at__gt=a, created_at__lte=b))
        for i, (a, b) in enumerate(windows)
    }
    n = len(windows)
    case_values = cast(
        Iterable[dict[str, Any]],
        Case.objects.filter(created_at__gt=start, created_at__lte=now, merged_into=None)
        .values("area_id", "category__slug")
        .annotate(**aggregates),
    )
    case_rows = [
        (row["area_id"], row["category__slug"], [row[f"w{i}"] for i in range(n)])
        for row in case_values
    ]
    issue_values = cast(
        Iterable[dict[str, Any]],
        Issue.objects.filter(created_at__gt=start, created_at__lte=now)
        .values("area_id", "category")
        .annotate(**aggregates),
    )
    issue_rows = [
        (row["area_id"], row["category"], [row[f"w{i}"] for i in range(n)]) for row in issue_values
    ]
    names = dict(Category.objects.values_list("slug", "name"))
    spikes: list[Spike] = []
    for source, rows, label_of in (
        (Alert.Source.CASES, case_rows, names),
        (Alert.Source.ISSUES, issue_rows, dict(IssueCategory.choices)),
    ):
        if not rows:
            continue
        for (code, category), counts in _counts(rows).items():
            spike = Spike(
                source=source,
                category=category,
                label=str(label_of.get(category, category)),
                area=code,
                count=counts[0],
                weeks=tuple(counts[1:]),
            )
            if spike.count >= spike.threshold and spike.count > spike.baseline:
                spikes.append(spike)
    return sorted(spikes, key=lambda s: (s.area, s.source, s.category))


def _spike_facts(spike: Spike) -> dict[str, Any]:
    """What the alert's text says (templates/messages/early_warning/spike_text.txt): the rule's
    settings as they were, and the label in Indonesian (its msgid; a page translates it)."""
    return {
        "label": spike.label,
        "weeks": list(reversed(spike.weeks)),
        "window_days": settings.ALERT_WINDOW_DAYS,
        "baseline_weeks": settings.ALERT_BASELINE_WEEKS,
        "min_count": settings.ALERT_MIN_COUNT,
        "sigmas": settings.ALERT_SIGMAS,
    }


def _explained(alert: Alert) -> Alert:
    """The alert with its explanation in Indonesian, as messages and the API give it."""
    with translation.override(settings.LANGUAGE_CODE):
        alert.explanation = alert.text()
    return alert


def alerts_sweep(now: dt.datetime | None = None) -> int:
    """Raises an alert per new spike and tells the area's leaders; returns how many were new."""
    now = now or timezone.now()
    window = dt.timedelta(days=settings.ALERT_WINDOW_DAYS)
    period = int(now.timestamp() // window.total_seconds())
    raised = 0
    with translation.override(settings.LANGUAGE_CODE):  # labels as their msgids
        spikes = find_spikes(now)
    areas = Area.objects.in_bulk({s.area for s in spikes})
    for spike in spikes:
        recent = Alert.objects.filter(
            area_id=spike.area,
            source=spike.source,
            category=spike.category,
            created_at__gt=now - window,
        ).exists()
        if recent:
            continue
        area = areas[spike.area]
        try:
            with transaction.atomic():
                alert = Alert(
                    key=f"{spike.source}:{spike.category}:{spike.area}:{period}"[:120],
                    area=area,
                    source=spike.source,
                    category=spike.category,
                    window_start=now - window,
                    window_end=now,
                    count=spike.count,
                    baseline=round(spike.baseline, 2),
                    threshold=round(spike.threshold, 2),
                    facts=_spike_facts(spike),
                )
                _explained(alert).save(force_insert=True)
                # the link is the page of alerts and issues, not the JSON API
                context = {"alert": alert, "label": spike.label, "area": area, "url": _issues_url()}
                outbox_add(
                    [
                        texts.email(
                            "early_warning/spike",
                            context,
                            to=person.email,
                            key=f"alert:{alert.pk}:user:{person.pk}",
                        )
                        for person in leaders_of(spike.area)
                        if person.email
                    ]
                )
        except IntegrityError:
            continue  # another node raised it in the same period
        raised += 1
    return raised


# A new or raised issue of high severity: the index of its villages at once, and its people told


@dataclass(frozen=True, slots=True)
class Move:
    """A village's score before and after an issue changed."""

    code: str
    name: str
    before: float | None
    after: float
    level_before: str | None
    level_after: str

    @property
    def change(self) -> float:
        return round(self.after - (self.before or 0.0), 2)


def _top_codes(codes: Iterable[str]) -> list[str]:
    """The codes not lying under another of them (each area recomputed once)."""
    ordered = sorted(set(codes), key=len)
    tops: list[str] = []
    for code in ordered:
        if not any(code == t or code.startswith(f"{t}.") for t in tops):
            tops.append(code)
    return tops


def index_refresh(issue: Issue) -> list[Move]:
    """Recomputes the index of every village the issue lies over, now; returns how each score
    moved, the largest rise first."""
    codes = _top_codes([a.code for a in issue.areas.all()] or [issue.area_id])
    where = Q(pk__in=[])
    for code in codes:
        where |= within_q("area_id", code)
    before = {
        row[0]: (row[1], row[2])
        for row in VillageIndex.objects.filter(where).values_list("area_id", "score", "level")
    }
    for code in codes:
        index_recompute(under=code)
    moves = [
        Move(
            code=code,
            name=name,
            before=before.get(code, (None, None))[0],
            after=score,
            level_before=before.get(code, (None, None))[1],
            level_after=level,
        )
        for code, name, score, level in VillageIndex.objects.filter(where).values_list(
            "area_id", "area__name", "score", "level"
        )
    ]
    return sorted(moves, key=lambda m: (-m.change, -m.after, m.code))


def _severe_facts(issue: Issue, moves: list[Move], raised_from: int | None) -> dict[str, Any]:
    """What the alert's text says (templates/messages/early_warning/severe_text.txt), as it was
    when raised: labels in Indonesian (their msgids; a page translates them)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "severity": issue.severity,
            "raised_from": raised_from,
            "title": issue.title,
            "category": str(IssueCategory(issue.category).label),
            "grade": f"{issue.source_reliability}{issue.credibility}",
            "moved": len(moves),
            "moves": [
                {
                    "name": m.name,
                    "before": m.before,
                    "after": m.after,
                    "level": str(IndexLevel(m.level_after).label),
                }
                for m in moves[:5]
            ],
        }


def severe_issue_alert(
    *, issue: Issue, moves: list[Move], raised_from: int | None = None
) -> Alert | None:
    """Raises the alert of a severe issue once per severity it reaches (in-app: the alerts of
    the issues page, the dashboard, the menu) and tells the leaders and analysts of its areas by
    their channel: e-mail when they have one, else SMS to their phone. None if already raised."""
    now = timezone.now()
    key = f"severe:{issue.pk}:{issue.severity}"
    if Alert.objects.filter(key=key).exists():
        return None
    alert = _explained(
        Alert(
            key=key,
            area=issue.area,
            source=Alert.Source.SEVERE,
            category=issue.category,
            window_start=now,
            window_end=now,
            count=1,
            baseline=float(raised_from or 0),
            threshold=float(settings.ISSUE_ALERT_SEVERITY),
            facts=_severe_facts(issue, moves, raised_from),
            issue=issue,
        )
    )
    try:
        with transaction.atomic():
            alert.save(force_insert=True)
            outbox_add(_tell(alert, issue, alert.explanation))
    except IntegrityError:
        return None  # raised by a second request at the same moment
    return alert


def _tell(alert: Alert, issue: Issue, explanation: str) -> list[Outbox]:
    people: dict[int, User] = {}
    for area in issue.areas.all() or [issue.area]:
        people.update((p.pk, p) for p in leaders_of(area.code))
    context = {
        "issue": issue,
        "explanation": explanation,
        "url": texts.site_url(reverse("early_warning:issue", args=[issue.pk])),
    }
    messages: list[Outbox] = []
    for person in people.values():
        key = f"alert:{alert.pk}:user:{person.pk}"
        if person.email:
            messages.append(texts.email("early_warning/severe", context, to=person.email, key=key))
        elif (contact := phone_contact(person.phone)) is not None:
            messages.append(
                Outbox(
                    channel=Outbox.Channel.SMS,
                    to=contact.ref,
                    key=key,
                    body=texts.text("early_warning/severe_sms.txt", context),
                )
            )
    return messages


def _issues_url() -> str:
    return texts.site_url(reverse("early_warning:issues"))
