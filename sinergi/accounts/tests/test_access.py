"""Who sees whom: contact details of people are the sensitive records of the foundation."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from sinergi.accounts import access
from sinergi.accounts.models import ApiToken, AuditEvent, User
from sinergi.accounts.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def without_csrf(html: str) -> str:
    """The page minus what differs per request: CSRF token, the language form's return path."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'name="next" type="hidden" value="[^"]+"', "", html)


def test_scopes_of_the_cast(bhabin_a, kapolsek_a, officer_b, kapolres, admin, citizen):
    assert access.scope_of(bhabin_a).codes == ("64.74.01.1002",)
    assert access.scope_of(kapolsek_a).codes == ("64.74.01",)
    assert access.scope_of(officer_b).codes == ("64.74.02",)
    assert access.scope_of(kapolres).codes == ("64.74",)
    assert access.scope_of(admin).everything
    assert access.scope_of(citizen) == access.NOTHING


def test_scope_filter_is_a_prefix_on_whole_code_segments(kapolsek_a):
    scope = access.scope_of(kapolsek_a)
    assert scope.covers("64.74.01")
    assert scope.covers("64.74.01.1002")
    assert not scope.covers("64.74.02.1001")
    assert not scope.covers("64.74")
    assert not scope.covers("64.74.011")  # a longer segment is not "under"


def test_officer_b_cannot_open_the_profile_of_village_a_officer(sign_in, officer_b, bhabin_a):
    client = sign_in(officer_b)
    denied = client.get(f"/orang/{bhabin_a.pk}/")
    missing = client.get("/orang/999999/")
    assert denied.status_code == missing.status_code == 404
    assert without_csrf(denied.text) == without_csrf(missing.text)
    assert bhabin_a.phone not in denied.text
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ACCESS_DENIED)
    assert (event.actor, event.object_id) == (officer_b, str(bhabin_a.pk))
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED).exists()


def test_kapolres_opens_the_profile_and_the_view_is_recorded(sign_in, kapolres, bhabin_a):
    client = sign_in(kapolres)
    response = client.get(f"/orang/{bhabin_a.pk}/")
    assert response.status_code == 200
    assert "081200000000" in response.text
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.CONTACT_VIEWED)
    assert (event.actor, event.subject, event.path) == (
        kapolres,
        bhabin_a,
        f"/orang/{bhabin_a.pk}/",
    )


def test_bhabin_a_cannot_open_the_kapolsek_of_the_district(sign_in, bhabin_a, kapolsek_a):
    # a village officer's scope is the village; the district's posts lie above it
    assert sign_in(bhabin_a).get(f"/orang/{kapolsek_a.pk}/").status_code == 404


def test_anyone_may_open_their_own_profile_without_an_audit_entry(sign_in, bhabin_a):
    assert sign_in(bhabin_a).get(f"/orang/{bhabin_a.pk}/").status_code == 200
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED).exists()


def test_anonymous_profile_request_goes_to_login(client: Client, bhabin_a):
    response = client.get(f"/orang/{bhabin_a.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def token_client(user: User) -> Client:
    _, key = api_token_create(user=user, name="uji")
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_officer_b_cannot_read_village_a_officer_through_the_api(officer_b, bhabin_a):
    client = token_client(officer_b)
    denied = client.get(f"/api/v1/people/{bhabin_a.pk}")
    missing = client.get("/api/v1/people/999999")
    assert denied.status_code == missing.status_code == 404
    assert (
        denied.json()
        == missing.json()
        == {"error": "not_found", "message": "No person with this id.", "fields": []}
    )
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED, actor=officer_b).count() == 1
    )


def test_kapolres_reads_a_person_through_the_api(kapolres, bhabin_a):
    response = token_client(kapolres).get(f"/api/v1/people/{bhabin_a.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["phone"]) == ("Bhabin_A", "081200000000")
    assert [(p["title"], p["areas"]) for p in body["posts"]] == [
        ("bhabinkamtibmas", ["64.74.01.1002"])
    ]


def test_people_api_without_credentials_is_401(bhabin_a):
    response = Client().get(f"/api/v1/people/{bhabin_a.pk}")
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"


def test_wrong_token_is_401_and_recorded(officer_b):
    response = Client(headers={"Authorization": "Bearer sng_not-a-token"}).get(
        f"/api/v1/people/{officer_b.pk}"
    )
    assert response.status_code == 401
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ACCESS_DENIED)
    assert (event.path, event.data) == (
        f"/api/v1/people/{officer_b.pk}",
        {"reason": "unknown_api_token"},
    )


def test_revoked_token_is_401(kapolres, bhabin_a):
    token, key = api_token_create(user=kapolres, name="uji")
    api_token_revoke(token=token, by=kapolres)
    client = Client(headers={"Authorization": f"Bearer {key}"})
    assert client.get(f"/api/v1/people/{bhabin_a.pk}").status_code == 401
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED).exists()


def test_api_token_command_prints_a_working_key(kapolres, bhabin_a):
    out = StringIO()
    call_command("create_api_token", "kapolres", "integrasi uji", stdout=out)
    key = out.getvalue().split(": ", 1)[1].split()[0]
    client = Client(headers={"Authorization": f"Bearer {key}"})
    assert client.get(f"/api/v1/people/{bhabin_a.pk}").status_code == 200
    assert ApiToken.objects.get().key_hash == ApiToken.hash(key)


def test_api_token_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No active user 'nobody'"):
        call_command("create_api_token", "nobody", "x")
    assert not ApiToken.objects.exists()


def test_api_session_of_an_official_without_totp_is_refused(client: Client, kapolres, bhabin_a):
    client.force_login(kapolres, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/api/v1/people/{bhabin_a.pk}").status_code == 401


def test_public_area_page_shows_forum_names_but_no_contacts(client: Client, bhabin_a):
    response = client.get("/wilayah/64.74.01.1002/")
    assert "Bhabin_A" in response.text
    assert "081200000000" not in response.text
