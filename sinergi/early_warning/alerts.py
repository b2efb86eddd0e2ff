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
from django.utils import timezone

from sinergi.areas.models import Area
from sinergi.cases.models import Case, Category
from sinergi.early_warning.access import leaders_of
from sinergi.early_warning.catalogue import IssueCategory
from sinergi.early_warning.models import Alert, Issue
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import outbox_add

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
                source=source, category=category, label=str(label_of.get(category, category)),
                area=code, count=counts[0], weeks=tuple(counts[1:]),
            )  # fmt: skip
            if spike.count >= spike.threshold and spike.count > spike.baseline:
                spikes.append(spike)
    return sorted(spikes, key=lambda s: (s.area, s.source, s.category))


def _explanation(spike: Spike, area: Area) -> str:
    return (
        f"{spike.count} {'laporan' if spike.source == Alert.Source.CASES else 'isu'} "
        f"“{spike.label}” di {area} dalam {settings.ALERT_WINDOW_DAYS} hari terakhir; "
        f"biasanya {spike.baseline:.1f} per {settings.ALERT_WINDOW_DAYS} hari "
        f"({settings.ALERT_BASELINE_WEEKS} periode sebelumnya: "
        f"{', '.join(str(w) for w in reversed(spike.weeks))}). Ambang: sedikitnya "
        f"{settings.ALERT_MIN_COUNT} dan lebih dari rata-rata + {settings.ALERT_SIGMAS} × "
        f"simpangan baku = {spike.threshold:.1f}."
    )


def alerts_sweep(now: dt.datetime | None = None) -> int:
    """Raises an alert per new spike and tells the area's leaders; returns how many were new."""
    now = now or timezone.now()
    window = dt.timedelta(days=settings.ALERT_WINDOW_DAYS)
    period = int(now.timestamp() // window.total_seconds())
    raised = 0
    spikes = find_spikes(now)
    areas = Area.objects.in_bulk({s.area for s in spikes})
    for spike in spikes:
        recent = Alert.objects.filter(
            area_id=spike.area, source=spike.source, category=spike.category,
            created_at__gt=now - window,
        ).exists()  # fmt: skip
        if recent:
            continue
        area = areas[spike.area]
        try:
            with transaction.atomic():
                alert = Alert.objects.create(
                    key=f"{spike.source}:{spike.category}:{spike.area}:{period}"[:120],
                    area=area, source=spike.source, category=spike.category,
                    window_start=now - window, window_end=now, count=spike.count,
                    baseline=round(spike.baseline, 2), threshold=round(spike.threshold, 2),
                    explanation=_explanation(spike, area),
                )  # fmt: skip
                outbox_add(
                    [
                        Outbox(
                            channel=Outbox.Channel.EMAIL,
                            to=person.email,
                            subject=f"[Sinergi] Peringatan lonjakan: {spike.label} di {area}",
                            body=f"{alert.explanation}\n\nBuka: {settings.SITE_URL}/api/v1/"
                            f"issues?area={spike.area}\n",
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
