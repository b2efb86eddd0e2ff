from __future__ import annotations

import pytest

from sinergi.areas.models import Area
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(admin):
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return admin


def test_admin_pages_need_the_second_factor(client, staff_admin):
    # given a staff session with the password step only
    client.force_login(staff_admin, backend="django.contrib.auth.backends.ModelBackend")
    # when
    response = client.get("/kelola/units/unit/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/kelola/login/")


def test_verified_admin_renames_a_generated_unit(sign_in, staff_admin):
    client = sign_in(staff_admin)
    unit = Unit.objects.get(key="polres:64.74")
    page = client.get(f"/kelola/units/unit/{unit.pk}/change/")
    assert page.status_code == 200
    form = {
        "name": "Polres Bontang Kota",
        "kind": unit.kind,
        "institution": unit.institution,
        "tier": unit.tier,
        "parent": unit.parent_id,
        "phone": "",
        "active": "on",
        "unitarea_set-TOTAL_FORMS": "1",
        "unitarea_set-INITIAL_FORMS": "1",
        "unitarea_set-0-id": unit.unitarea_set.get().pk,
        "unitarea_set-0-unit": unit.pk,
        "unitarea_set-0-area": "64.74",
    }
    response = client.post(f"/kelola/units/unit/{unit.pk}/change/", form)
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Polres Bontang Kota"
    assert unit.key == "polres:64.74"  # generation finds it again


def test_areas_are_read_only_in_the_admin(sign_in, staff_admin):
    client = sign_in(staff_admin)
    assert client.get("/kelola/areas/area/?q=bontang").status_code == 200
    assert client.post("/kelola/areas/area/64.74/delete/", {"post": "yes"}).status_code == 403
    assert Area.objects.filter(code="64.74").exists()
