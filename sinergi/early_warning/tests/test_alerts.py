"""Spike alerts: raised with the rule and the numbers, told to the area's leaders, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from sinergi.early_warning.alerts import alerts_sweep, find_spikes
from sinergi.early_warning.models import Alert
from sinergi.early_warning.tests.helpers import DAY, case
from sinergi.messaging.models import Outbox

pytestmark = pytest.mark.django_db

NOW = dt.datetime.combine(DAY, dt.time(18), tzinfo=dt.UTC)


def usual_weeks(per_week: int = 1) -> None:
    """One quarrel a week in village A over the eight weeks before the window."""
    for week in range(1, 9):
        for _ in range(per_week):
            case("konflik-warga", 7 * week + 2)


def test_a_spike_raises_one_alert_per_area_level_with_its_numbers(kapolsek_a, kapolres, officer_b):
    for user in (kapolsek_a, kapolres, officer_b):
        user.email = f"{user.username}@polri.example"
        user.save()
    usual_weeks()
    for day in range(6):
        for _ in range(2):
            case("konflik-warga", day)
    assert alerts_sweep(NOW) == 2
    regency, district = Alert.objects.order_by("area_id")
    assert (district.area_id, regency.area_id) == ("64.74.01", "64.74")
    assert (district.count, district.baseline, district.threshold) == (12, 1.0, 5.0)
    assert district.explanation == (
        "12 laporan “Perselisihan antarwarga” di Kecamatan Bontang Utara dalam 7 hari terakhir; "
        "biasanya 1,0 per 7 hari (8 periode sebelumnya: 1, 1, 1, 1, 1, 1, 1, 1). Ambang: "
        "sedikitnya 5 dan lebih dari rata-rata + 3 × simpangan baku = 5,0."
    )
    # a page says it in its reader's language, from the same numbers
    with translation.override("en"):
        assert district.text() == (
            "12 reports of “Dispute between neighbours” in District Bontang Utara in the last 7 "
            "days; usually 1.0 per 7 days (8 periods before: 1, 1, 1, 1, 1, 1, 1, 1). Threshold: "
            "at least 5 and more than the mean + 3 × standard deviation = 5.0."
        )
    told = set(
        Outbox.objects.filter(key__startswith=f"alert:{district.pk}:").values_list("to", flat=True)
    )
    assert told == {kapolsek_a.email, kapolres.email}
    assert officer_b.email not in set(Outbox.objects.values_list("to", flat=True))


def test_the_next_sweeps_during_the_same_spike_raise_and_send_nothing(kapolsek_a):
    kapolsek_a.email = "kapolsek_a@polri.example"
    kapolsek_a.save()
    usual_weeks()
    for _ in range(10):
        case("konflik-warga", 1)
    assert alerts_sweep(NOW) == 2
    sent = Outbox.objects.count()
    assert sent == 1  # the Kapolsek leads the district, not the regency
    assert alerts_sweep(NOW + dt.timedelta(hours=1)) == 0
    assert alerts_sweep(NOW + dt.timedelta(days=2)) == 0
    assert (Alert.objects.count(), Outbox.objects.count()) == (2, sent)


def test_a_steady_level_or_a_small_bump_is_no_spike():
    usual_weeks(per_week=3)
    for _ in range(4):
        case("konflik-warga", 1)
    assert find_spikes(NOW) == []
    case("pencurian", 1)  # a first theft: 1 against 0 is no spike either
    assert alerts_sweep(NOW) == 0
