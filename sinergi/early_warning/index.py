"""The Indeks Kerawanan Kamtibmas Desa of one village from its inputs (pure, deterministic).

Every number comes from `index_config`; `score()` returns the points of each indicator in
hundredths, so the explanation adds up to the score exactly. `explain()` turns them into
Indonesian sentences. The aggregation over all villages is in `index_data.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sinergi.early_warning import index_config as config


@dataclass(slots=True)
class Inputs:
    """What is known of one village on the day the score is taken."""

    incidents: list[int] = field(default_factory=list)  # reports per 30-day step, newest first
    social: float = 0.0  # weighted open SARA/conflict issues over the village or its parents
    social_issues: int = 0
    stage_intensity: float = 0.0  # the running election stage, 0-1
    stage_name: str = ""
    political: float = 0.0  # weighted open political issues
    political_issues: int = 0
    hoaxes: list[int] = field(default_factory=list)  # hoax reports per 30-day step, newest first
    hoax_issues: float = 0.0  # open hoax issues over the village, each at its area share
    hoax_issue_count: int = 0
    activities: float = 0.0  # engagement in the last 90 days (district ones count a quarter)
    closed: int = 0  # cases closed in the last year
    closed_at_village: int = 0


@dataclass(frozen=True, slots=True)
class Score:
    score: float
    level: str
    parts: dict[str, Any]


def _decayed(steps: list[int], half_life: float) -> float:
    return sum(
        count * math.pow(0.5, config.STEP_DAYS * (i + 0.5) / half_life)
        for i, count in enumerate(steps)
    )


def _saturate(amount: float, saturation: float) -> float:
    return 1.0 - math.exp(-amount / saturation) if amount > 0 else 0.0


def _centi(points: float) -> int:
    return round(points * 100)


def level_of(score: float) -> str:
    if score >= config.CUTOFF_HIGH:
        return "tinggi"
    if score >= config.CUTOFF_MEDIUM:
        return "sedang"
    return "rendah"


def score(inputs: Inputs) -> Score:
    """The village's score, level and every indicator's points (they sum to the score)."""
    mx, sat = config.MAX_POINTS, config.SATURATION
    incidents = _decayed(inputs.incidents, config.INCIDENT_HALF_LIFE_DAYS)
    hoaxes = _decayed(inputs.hoaxes, config.HOAX_HALF_LIFE_DAYS)
    information = hoaxes + config.HOAX_ISSUE_WEIGHT * inputs.hoax_issues
    political = config.STAGE_SHARE * inputs.stage_intensity + (1 - config.STAGE_SHARE) * _saturate(
        inputs.political, sat["political_issues"]
    )
    share = (
        inputs.closed_at_village / inputs.closed
        if inputs.closed >= config.VILLAGE_TIER_MIN_CLOSED
        else 0.0
    )
    indicators: list[dict[str, Any]] = [
        {
            "code": "incidents",
            "value": round(incidents, 3),
            "count": sum(inputs.incidents),
            "points": _centi(mx["incidents"] * _saturate(incidents, sat["incidents"])),
        },
        {
            "code": "social",
            "value": round(inputs.social, 3),
            "count": inputs.social_issues,
            "points": _centi(mx["social"] * _saturate(inputs.social, sat["social"])),
        },
        {
            "code": "political",
            "value": round(political, 3),
            "count": inputs.political_issues,
            "stage": inputs.stage_name,
            "intensity": inputs.stage_intensity,
            "points": _centi(mx["political"] * political),
        },
        {
            "code": "information",
            "value": round(information, 3),
            "count": sum(inputs.hoaxes),
            "issues": inputs.hoax_issue_count,
            "points": _centi(mx["information"] * _saturate(information, sat["information"])),
        },
        {
            "code": "engagement",
            "value": round(inputs.activities, 3),
            "points": -_centi(
                config.MAX_CAPACITY["engagement"] * _saturate(inputs.activities, sat["engagement"])
            ),
        },
        {
            "code": "village_tier",
            "value": round(share, 3),
            "count": inputs.closed,
            "points": -_centi(config.MAX_CAPACITY["village_tier"] * share),
        },
    ]
    total = sum(int(i["points"]) for i in indicators)
    if total < 0:  # capacity cannot push a village below zero
        indicators.append({"code": "floor", "value": 0, "points": -total})
        total = 0
    for indicator in indicators:
        indicator["points"] = int(indicator["points"]) / 100
    value = total / 100
    return Score(
        score=value,
        level=level_of(value),
        parts={"version": config.VERSION, "indicators": indicators},
    )


def explain(parts: dict[str, Any]) -> list[tuple[str, str, float]]:
    """(label, sentence, points) per indicator, in Indonesian (English when chosen)."""
    lines: list[tuple[str, str, float]] = []
    for item in parts.get("indicators", []):
        code, points = item["code"], float(item["points"])
        if code == "incidents":
            label = _("Riwayat kejadian")
            text = ngettext(
                "%(count)d laporan gangguan setahun terakhir, bobot waktu %(value)s",
                "%(count)d laporan gangguan setahun terakhir, bobot waktu %(value)s",
                item["count"],
            ) % {
                **item,
                "value": number_format(item["value"], 2),
            }
        elif code == "social":
            label = _("Kerawanan sosial")
            text = ngettext(
                "%(count)d isu SARA/konflik terbuka, bobot %(value)s",
                "%(count)d isu SARA/konflik terbuka, bobot %(value)s",
                item["count"],
            ) % {
                **item,
                "value": number_format(item["value"], 2),
            }
        elif code == "political":
            label = _("Dinamika politik")
            stage = item.get("stage") or _("tidak ada tahapan pemilihan berjalan")
            text = ngettext(
                "%(stage)s; %(count)d isu politik terbuka",
                "%(stage)s; %(count)d isu politik terbuka",
                item["count"],
            ) % {**item, "stage": stage}
        elif code == "information":
            label = _("Lingkungan informasi")
            reports = ngettext(
                "%(count)d laporan hoaks 90 hari terakhir",
                "%(count)d laporan hoaks 90 hari terakhir",
                item["count"],
            )
            issues = ngettext(
                "%(issues)d isu hoaks terbuka", "%(issues)d isu hoaks terbuka", item["issues"]
            )
            text = f"{reports % item}, {issues % item}"
        elif code == "engagement":
            label = _("Kapasitas: keterlibatan")
            text = _("%(value)s kegiatan pembinaan 90 hari terakhir") % {
                **item,
                "value": number_format(item["value"], 1),
            }
        elif code == "village_tier":
            label = _("Kapasitas: selesai di desa")
            text = ngettext(
                "%(share)d%% dari %(count)d laporan selesai di tingkat desa",
                "%(share)d%% dari %(count)d laporan selesai di tingkat desa",
                item["count"],
            ) % {
                **item,
                "share": round(float(item["value"]) * 100),
            }
        else:
            label = _("Batas bawah")
            text = _("skor tidak kurang dari 0")
        lines.append((label, text, points))
    return lines
