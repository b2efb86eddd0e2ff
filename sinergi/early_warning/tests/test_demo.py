"""The demo early-warning picture: loaded once, seen by its analyst, not by another Polres."""

from __future__ import annotations

import pytest

from sinergi.accounts.models import User
from sinergi.cases.models import Case, CaseEvent
from sinergi.early_warning.models import Election, Issue, VillageIndex
from sinergi.early_warning.tests.helpers import api
from sinergi.home.demo import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_holds_an_election_issues_and_scores_once(settings):
    settings.DEMO = True
    demo_load()
    demo_load()
    election = Election.objects.get()
    assert election.stages.count() == 5
    assert sorted(Issue.objects.values_list("category", flat=True)) == [
        "hoaks",
        "sara_antargolongan",
    ]
    hoax = Issue.objects.get(category="hoaks")
    assert hoax.cases.count() == 1
    assert hoax.clarification_published_at is not None
    # every village of the two test regencies is scored; Bontang's feel the election and the issue
    assert VillageIndex.objects.filter(area__code__startswith="63.11.").exists()
    bontang_baru = VillageIndex.objects.get(area_id="64.74.01.1002")
    political = next(i for i in bontang_baru.parts["indicators"] if i["code"] == "political")
    assert political["stage"].endswith("Masa kampanye")
    assert bontang_baru.score > 0
    # a finished past report's timeline tells its days: received when filed, resolved when closed
    past = Case.objects.filter(details__demo_history=True, status=Case.Status.SELESAI)
    assert past.exists()
    for case in past:
        steps = list(case.events.order_by("at", "pk").values_list("kind", "at", "public"))
        assert steps[0] == (CaseEvent.Kind.SUBMITTED, case.created_at, True)
        assert steps[-1] == (CaseEvent.Kind.STATUS, case.closed_at, True)
        # what happened as it was filed (moved up past a village's empty seats) is dated then
        assert {at for _kind, at, _public in steps[1:-1]} <= {case.created_at}
    # and one that lapsed at its village tells why it now sits with the district, dated after
    late = Case.objects.filter(details__demo_history=True, status=Case.Status.DITERIMA)
    assert late.exists()
    for case in late:
        raised = case.events.get(kind=CaseEvent.Kind.ESCALATED)
        assert raised.public
        assert (raised.data["from"][:8], raised.data["to"]) == (case.owner_area_id,) * 2
        assert raised.at > case.created_at

    analyst = User.objects.get(username="analis.bontang")
    other = User.objects.get(username="kapolres.balangan")
    assert api(analyst).get("/api/v1/issues").json()["count"] == 2
    assert api(other).get("/api/v1/issues").json()["count"] == 0
