"""The demo early-warning picture: loaded once, seen by its analyst, not by another Polres."""

from __future__ import annotations

import pytest

from sinergi.accounts.models import User
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

    analyst = User.objects.get(username="analis.bontang")
    other = User.objects.get(username="kapolres.balangan")
    assert api(analyst).get("/api/v1/issues").json()["count"] == 2
    assert api(other).get("/api/v1/issues").json()["count"] == 0
