"""The read replica: with DATABASE_REPLICA_URL the dashboards' figures are read through the
`replica` alias, sign-ins and every write through `default` (config/dbrouter.py).

The replica here is a second connection to the same test database (TEST MIRROR, as settings.py
declares it), added for this module only: the rest of the suite runs without one.
"""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from config.dbrouter import REPLICA, reading_from_replica, replica_alias
from sinergi.cases.models import Case
from sinergi.dashboards import selectors
from sinergi.dashboards.tests.helpers import today
from sinergi.early_warning.tests.helpers import case

VILLAGE_A = "64.74.01.1002"
SETTINGS = Path(settings.BASE_DIR) / "config" / "settings.py"
# The tables the dashboards aggregate; none of them may be read from the primary by a dashboard.
FIGURE_TABLES = (
    '"cases_case"',
    '"engagement_activity"',
    '"engagement_commitment"',
    '"early_warning_villageindex"',
)


@pytest.fixture(scope="module", autouse=True)
def replica_alias_for_this_module() -> Iterator[None]:
    """What DATABASE_REPLICA_URL=<the same database> gives: an alias mirroring the test database.
    Added before each test's database setup, so the test may name it in `databases`."""
    connections.settings[REPLICA] = {
        **connections["default"].settings_dict,
        "TEST": {**connections["default"].settings_dict["TEST"], "MIRROR": "default"},
    }
    try:
        yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


def test_settings_add_the_replica_alias_only_when_its_url_is_set(monkeypatch):
    # given / when: the settings module read with and without the variable
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader@replica.internal:5432/sinergi")
    with_replica = runpy.run_path(str(SETTINGS))["DATABASES"]
    monkeypatch.delenv("DATABASE_REPLICA_URL")
    without = runpy.run_path(str(SETTINGS))["DATABASES"]
    # then
    assert with_replica["replica"]["HOST"] == "replica.internal"
    assert with_replica["replica"]["USER"] == "reader"
    assert with_replica["replica"]["TEST"] == {"MIRROR": "default"}
    assert set(without) == {"default"}


def _touch_figures(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries if any(t in q["sql"] for t in FIGURE_TABLES)]


DASHBOARD_PAGES = [
    "/petugas/dasbor/",
    "/petugas/perencana/",
    "/petugas/dasbor/peta/cases.geojson",
    "/petugas/dasbor/rekap/minggu.xlsx",
    f"/papan/{VILLAGE_A}/",
]


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_dashboard_pages_read_their_figures_from_the_replica(territory, sign_in, kapolres):
    # given: a signed-in leader (the session written to the primary) and a case in village A
    case("pencurian", today())
    client: Client = sign_in(kapolres)
    for url in DASHBOARD_PAGES:
        # when
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections[REPLICA]) as replica,
        ):
            page = client.get(url)
        # then: the figures came through the replica, the session and user through the primary
        assert page.status_code == 200, url
        assert _touch_figures(replica), url
        assert _touch_figures(primary) == [], url
        assert any('"django_session"' in q["sql"] for q in primary), url
        assert not any('"django_session"' in q["sql"] for q in replica), url
        assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in replica), url


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_selector_reads_the_replica_and_a_write_inside_it_goes_to_the_primary(territory):
    # given
    case("pencurian", today())
    # when: the dashboard figures, then a write made while the flag is up
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        figures = selectors.dashboard([VILLAGE_A], issues=True)
        with reading_from_replica():
            Case.objects.filter(area_id=VILLAGE_A).update(description="diubah")
    # then: every read of the figures on the replica, the one write on the primary
    assert sum(sum(weeks) for weeks in figures.cases_by_kind.values()) == 1
    assert len(replica) > 0
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in replica)
    assert [q["sql"].split()[0] for q in primary] == ["UPDATE"]
    assert Case.objects.get(area_id=VILLAGE_A).description == "diubah"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_inside_a_transaction_on_the_primary_reads_stay_on_the_primary(territory):
    # given: a service-like block that writes and then reads what it wrote
    from django.db import transaction  # noqa: PLC0415 -- only this test opens a transaction

    with (
        CaptureQueriesContext(connections[REPLICA]) as replica,
        transaction.atomic(),
        reading_from_replica(),
    ):
        assert replica_alias() == "default"
        made = case("pencurian", today())
        # when
        figures = selectors.dashboard([VILLAGE_A], issues=True)
        # then: the uncommitted case is counted, so it was read where it was written
        assert sum(sum(weeks) for weeks in figures.cases_by_kind.values()) == 1
        assert made.pk is not None
    assert len(replica) == 0


def test_without_a_replica_flagged_reads_use_the_primary(monkeypatch):
    # given: this module's alias hidden, as when DATABASE_REPLICA_URL is not set
    monkeypatch.delitem(settings.DATABASES, REPLICA)
    # when / then
    with reading_from_replica():
        assert replica_alias() == "default"
