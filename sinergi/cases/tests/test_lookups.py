from __future__ import annotations

import pytest
from django.test import Client

from sinergi.areas.models import Area
from sinergi.cases import lookups
from sinergi.cases.models import Case, Category

pytestmark = pytest.mark.django_db

VILLAGE_A = "64.74.01.1002"


@pytest.fixture
def cached(settings):
    settings.LOOKUP_CACHE_SECONDS = 60
    lookups.forget()
    yield
    lookups.forget()


def post(client: Client, category: Category, key: str):
    return client.post(
        "/lapor/",
        {
            "category": category.pk,
            "area": VILLAGE_A,
            "description": "Balap liar.",
            "anonymous": "on",
            "idempotency_key": key,
        },
    )


def test_a_category_switched_off_is_refused_once_the_process_forgets(client: Client, cached):
    category = Category.objects.get(slug="balap-liar")
    assert post(client, category, "a").status_code == 302
    Category.objects.filter(pk=category.pk).update(active=False)
    # within LOOKUP_CACHE_SECONDS this process still takes it, as the settings say
    assert post(client, category, "b").status_code == 302
    lookups.forget()
    response = post(client, category, "c")
    assert response.status_code == 400
    assert Case.objects.count() == 2


def test_villages_are_read_once_per_process_and_retired_ones_drop_out(
    cached, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert lookups.current_village(VILLAGE_A).code == VILLAGE_A
        assert lookups.current_village(VILLAGE_A).code == VILLAGE_A
    Area.objects.filter(code=VILLAGE_A).update(retired_at="2026-01-01T00:00:00Z")
    lookups.forget()
    assert lookups.current_village(VILLAGE_A) is None
    assert lookups.current_village("64.74.01") is None  # a district is not a village
    assert lookups.current_village("x" * 500) is None
