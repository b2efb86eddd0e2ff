"""The village index: deterministic, explained to the point, moved by each dimension."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation

from sinergi.areas.models import Area
from sinergi.cases.models import Case
from sinergi.early_warning import index, index_config
from sinergi.early_warning.backtest import backtest
from sinergi.early_warning.index_data import index_recompute
from sinergi.early_warning.models import (
    Election,
    ElectionStage,
    Issue,
    VillageIndex,
    VillageIndexHistory,
)
from sinergi.early_warning.tests.helpers import DAY, api, at, case
from sinergi.engagement.models import Activity
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db

VILLAGE_A = "64.74.01.1002"
OTHER_VILLAGE = "64.74.01.1001"


def issue(category: str, *, area: str = VILLAGE_A, **fields: Any) -> Issue:
    made = Issue.objects.create(
        title="Isu uji",
        category=category,
        severity=fields.pop("severity", 4),
        area_id=area,
        source_reliability=fields.pop("reliability", "B"),
        credibility=fields.pop("cred", "2"),
        **fields,
    )
    made.areas.add(area)
    Issue.objects.filter(pk=made.pk).update(created_at=at(10))
    return made


def activity(days_before: int, *, village: str = VILLAGE_A) -> Activity:
    return Activity.objects.create(
        unit=Unit.objects.filter(kind=Unit.Kind.POLSEK).order_by("pk")[0],
        kind="dialog_kamtibmas",
        title="Dialog",
        area_id=village,
        status=Activity.Status.REPORTED,
        held_at=at(days_before),
    )


def scored(village: str = VILLAGE_A) -> VillageIndex:
    index_recompute(DAY, under="64.74")
    return VillageIndex.objects.get(area_id=village)


def test_every_village_gets_a_score_and_a_quiet_village_scores_zero():
    summary = index_recompute(DAY, under="64.74")
    villages = Area.objects.filter(level=Area.Level.VILLAGE, code__startswith="64.74.").count()
    assert summary.villages == villages == VillageIndex.objects.count()
    quiet = VillageIndex.objects.get(area_id=OTHER_VILLAGE)
    assert (quiet.score, quiet.level, quiet.version) == (0.0, "rendah", index_config.VERSION)


def test_the_same_inputs_give_the_same_scores_and_the_parts_sum_to_the_score():
    for days in (3, 40, 200):
        case("pencurian", days)
    case("hoaks-media-sosial", 5)
    issue("sara_agama")
    activity(20)
    first = scored()
    again = scored()
    assert (first.score, first.parts) == (again.score, again.parts)
    points = [Decimal(str(i["points"])) for i in first.parts["indicators"]]
    assert sum(points) == Decimal(str(first.score))
    assert first.score > 0


def test_each_dimension_moves_the_score_the_right_way():
    case("pencurian", 10)
    base = scored().score

    issue("sara_suku")
    with_sara = scored().score
    assert with_sara > base

    election = Election.objects.create(
        name="Pilkada Uji", kind="pilkada", area_id="64.74", vote_on=DAY + dt.timedelta(days=7)
    )
    ElectionStage.objects.create(
        election=election,
        name="Masa kampanye",
        intensity=0.8,
        starts_on=DAY - dt.timedelta(days=30),
        ends_on=DAY,
    )
    with_stage = scored()
    assert with_stage.score > with_sara
    political = next(i for i in with_stage.parts["indicators"] if i["code"] == "political")
    assert political["stage"] == "Pilkada Uji: Masa kampanye"

    case("hoaks-media-sosial", 2)
    with_hoax = scored().score
    assert with_hoax > with_stage.score

    activity(5)
    assert scored().score < with_hoax


def test_old_incidents_weigh_less_than_new_ones():
    case("pencurian", 2)
    recent = scored().score
    Case.objects.all().delete()
    case("pencurian", 300)
    assert 0 < scored().score < recent


def test_an_issue_over_the_district_touches_all_its_villages_and_no_others():
    issue("konflik_lahan", area="64.74.01")
    index_recompute(DAY, under="64.74")
    inside = VillageIndex.objects.filter(area__code__startswith="64.74.01.")
    outside = VillageIndex.objects.filter(area__code__startswith="64.74.02.")
    assert {v.score for v in inside} == {inside[0].score}
    assert inside[0].score > 0
    assert {v.score for v in outside} == {0.0}


def test_a_closed_issue_no_longer_counts():
    issue("sara_agama", status="selesai", closed_at=at(5))
    assert scored().score == 0.0


def test_capacity_never_takes_the_score_below_zero_and_says_so():
    activity(3)
    for _ in range(3):
        case("pencurian", 200, status=Case.Status.SELESAI, closed_at=at(100))
    result = scored()
    codes = [i["code"] for i in result.parts["indicators"]]
    assert result.score == 0.0
    assert codes[-1] == "floor"
    assert sum(Decimal(str(i["points"])) for i in result.parts["indicators"]) == 0


def test_one_history_row_per_village_and_day_a_rerun_replaces_it():
    index_recompute(DAY, under="64.74")
    rows = VillageIndexHistory.objects.count()
    case("pencurian", 1)
    index_recompute(DAY, under="64.74")
    assert VillageIndexHistory.objects.count() == rows
    assert VillageIndexHistory.objects.get(area_id=VILLAGE_A, on=DAY).score > 0
    index_recompute(DAY + dt.timedelta(days=1), under="64.74")
    assert VillageIndexHistory.objects.filter(area_id=VILLAGE_A).count() == 2


@pytest.mark.parametrize(
    ("score", "level"),
    [(49.33, "tinggi"), (49.32, "sedang"), (13.47, "sedang"), (13.46, "rendah"), (0.0, "rendah")],
)
def test_the_published_cut_offs_are_exact(score, level):
    assert index.level_of(score) == level


def test_the_explanation_reads_each_indicator_in_indonesian():
    case("pencurian", 3)
    lines = index.explain(scored().parts)
    assert lines[0][0] == "Riwayat kejadian"
    assert lines[0][1].startswith("1 laporan gangguan setahun terakhir")
    assert [label for label, _text, _points in lines] == [
        "Riwayat kejadian",
        "Kerawanan sosial",
        "Dinamika politik",
        "Lingkungan informasi",
        "Kapasitas: keterlibatan",
        "Kapasitas: selesai di desa",
    ]


def test_the_api_explains_a_village_in_scope_and_hides_others(kapolres, officer_b):

    case("pencurian", 3)
    scored()
    body = api(kapolres).get(f"/api/v1/vulnerability/{VILLAGE_A}").json()
    assert body["score"] == VillageIndex.objects.get(area_id=VILLAGE_A).score
    assert body["indicators"][0]["label"] == "Riwayat kejadian"
    assert sum(Decimal(str(i["points"])) for i in body["indicators"]) == Decimal(str(body["score"]))
    assert [h["on"] for h in body["history"]] == [DAY.isoformat()]
    summary = api(kapolres).get("/api/v1/vulnerability", {"area": "64.74.01"}).json()
    assert summary["items"][0]["area"] == VILLAGE_A
    assert summary["levels"]["rendah"] + summary["levels"]["sedang"] == summary["villages"]
    assert api(officer_b).get(f"/api/v1/vulnerability/{VILLAGE_A}").status_code == 404
    assert api(officer_b).get("/api/v1/vulnerability", {"area": "64.74.01"}).status_code == 404


def test_backtest_counts_hits_misses_and_false_alarms_of_the_eve_scores():

    # Village A is rated sedang on the eve of December: a recent theft wave before the eve.
    for days in range(8):
        case("pencurian", days)
    index_recompute(DAY, under="64.74.01")  # stored history for DAY (the eve of DAY + 1)
    assert VillageIndex.objects.get(area_id=VILLAGE_A).level == "sedang"
    # During the "month" starting the day after: an incident in A (a hit) and in another (a miss).
    case("pencurian", -3)
    case("balap-liar", -5, village=OTHER_VILLAGE)
    result = backtest(DAY + dt.timedelta(days=1), under="64.74.01")
    villages = Area.objects.filter(code__startswith="64.74.01.", level=4).count()
    assert (result.source, result.villages, result.with_incident) == ("history", villages, 2)
    assert (result.flagged, result.hits, result.misses, result.false_alarms) == (1, 1, 1, 0)
    assert (result.hit_rate, result.precision) == (0.5, 1.0)

    out = StringIO()
    call_command("backtest", "--month", "2026-11", "--area", "64.74.01", stdout=out)
    assert "scores as of" in out.getvalue()
    assert "2026-10-31 (computed)" in out.getvalue()


def test_the_explanation_counts_in_english_one_and_many():
    parts = {
        "indicators": [
            {"code": "social", "count": 1, "value": 1.0, "points": 5},
            {"code": "information", "count": 2, "issues": 1, "value": 0, "points": 3},
        ]
    }
    with translation.override("en"):
        lines = [text for _label, text, _points in index.explain(parts)]
    assert lines == [
        "1 open SARA/conflict issue, weight 1.00",
        "2 hoax reports in the last 90 days, 1 open hoax issue",
    ]
