"""The one configuration of the Indeks Kerawanan Kamtibmas Desa. Changing any number here is a new
method: raise VERSION (it is stored on every score) and say why in docs/vulnerability-index.md."""

from __future__ import annotations

VERSION = "2026.2"

# Fixed published cut-offs on the 0-100 scale: Bawaslu's IKP cut-offs for regencies.
CUTOFF_HIGH = 49.33
CUTOFF_MEDIUM = 13.47

# Points each dimension adds at most (they sum to 100).
MAX_POINTS = {"incidents": 35.0, "social": 25.0, "political": 20.0, "information": 20.0}
# Points capacity takes away at most.
MAX_CAPACITY = {"engagement": 12.0, "village_tier": 8.0}

# A dimension's raw amount x becomes 1 - exp(-x / SATURATION): the first reports count most, and
# the dimension approaches its maximum without ever passing it. At x = SATURATION it gives 63 %.
SATURATION = {
    "incidents": 8.0,  # decayed incident reports
    "social": 3.0,  # weighted open SARA / conflict issues
    "political_issues": 2.0,  # weighted open issues tagged pilkada/pemilu or category politik
    "information": 4.0,  # decayed hoax reports + 2 per open hoax issue
    "engagement": 2.0,  # engagement activities in the last 90 days
}

# History of incidents: reports of these categories in the last year, each counted as
# 0.5 ** (age in days / half-life), with ages taken at the middle of 30-day steps.
INCIDENT_CATEGORIES = (
    "gangguan-kamtibmas",
    "balap-liar",
    "kenakalan-remaja",
    "pencurian",
    "konflik-warga",
    "hal-mencurigakan",
    "narkoba",
    "radikalisme",
)
INCIDENT_HALF_LIFE_DAYS = 90.0
INCIDENT_STEPS = 12  # twelve 30-day steps: one year
HOAX_HALF_LIFE_DAYS = 30.0
HOAX_STEPS = 3  # 90 days
HOAX_ISSUE_WEIGHT = 2.0
STEP_DAYS = 30

# An open issue counts severity / 5 x how sure the information is (credibility digit) x how
# reliable the source is (letter).
CREDIBILITY_WEIGHT = {"1": 1.0, "2": 0.8, "3": 0.6, "4": 0.3, "5": 0.1, "6": 0.5}
RELIABILITY_WEIGHT = {"A": 1.0, "B": 0.9, "C": 0.7, "D": 0.4, "E": 0.2, "F": 0.6}
POLITICAL_TAGS = ("pilkada", "pemilu", "pilkades")
# An open issue recorded for a wider area says less about any one of its villages: it counts this
# share of its weight in each village, by the level of the area it was recorded for (1 province,
# 2 regency, 3 district, 4 village). Issue over several areas: its largest share for the village.
AREA_SHARE = {1: 0.1, 2: 0.25, 3: 0.5, 4: 1.0}

# Political dynamics: the running election stage's intensity (0-1) gives this share of the
# dimension; open political issues the rest.
STAGE_SHARE = 0.6

# Capacity: engagement activities (reported or verified) held in the village in the last 90 days;
# one held for its whole district counts a quarter for each of the district's villages.
ENGAGEMENT_DAYS = 90
DISTRICT_ACTIVITY_SHARE = 0.25
# The share of the village's cases closed in the last year that were solved at village tier,
# once at least this many closed.
VILLAGE_TIER_MIN_CLOSED = 3
VILLAGE_TIER_DAYS = 365
