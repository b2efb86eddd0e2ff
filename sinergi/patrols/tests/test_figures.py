from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import DISTRICT_A, DISTRICT_B
from sinergi.patrols import events, services
from sinergi.patrols.figures import patrol_figures
from sinergi.patrols.models import EventRequest, Hotspot
from sinergi.patrols.tests.helpers import (
    LAT,
    TWO_KM,
    ask_security,
    check_in,
    last_night,
    plan_tonight,
    request_patrol,
)

pytestmark = pytest.mark.django_db


def test_a_month_of_a_polsek_counts_requests_visits_answers_and_events(
    kapolsek_a, bhabin_a, kapolres
):
    # given two requests at two spots, tonight's plan over both, one good and one far check-in
    request_patrol()
    request_patrol(lat=LAT + TWO_KM, place="Pasar")
    services.hotspots_refresh(area_code=DISTRICT_A)
    near, far = Hotspot.objects.order_by("pk")
    plan = plan_tonight(kapolsek_a, [bhabin_a], [near, far])
    check_in(
        plan,
        near,
        bhabin_a,
        taken_at=last_night(),
    )
    check_in(plan, far, bhabin_a)
    secured = events.event_request_open(case=ask_security(200))
    events.event_review(request=secured, documents=list(secured.checklist), by=kapolsek_a)
    events.event_decide(request=secured, approve=True, by=kapolsek_a)
    # the event took place today (a report is refused before the event's day)
    EventRequest.objects.filter(pk=secured.pk).update(event_date=timezone.localdate())
    secured.refresh_from_db()
    events.event_report(request=secured, report="Aman.", attendance=180, by=kapolsek_a)
    # when
    figures = patrol_figures(area_code=DISTRICT_A, month=timezone.localdate())
    other = patrol_figures(area_code=DISTRICT_B, month=timezone.localdate())
    # then
    assert (figures.requests, figures.hotspots) == (2, 2)
    assert (figures.planned_visits, figures.executed_visits, figures.flagged_checkins) == (2, 1, 1)
    assert (figures.answered_within_sla, figures.share_answered_within_sla) == (1, 0.5)
    assert (figures.event_requests, figures.events_secured) == (1, 1)
    assert (other.requests, other.planned_visits, other.events_secured) == (0, 0, 0)
