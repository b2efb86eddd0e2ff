"""What a red team found at the seams, each pinned down: limits that missed routes, pages with a
reporter's identity that a cache could keep, contacts shown unrecorded, a planner API open to the
wrong roles, and an API document whose parameters listed another model's choices."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from conftest import signed_in
from sinergi.accounts.models import AuditEvent, User
from sinergi.accounts.services import api_token_create
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.cases.services import ReporterIn
from sinergi.cases.tests.helpers import file_web
from sinergi.engagement.models import Activity, Commitment, Partner
from sinergi.messaging.models import Outbox
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db


def file_case(**reporter: str) -> Case:
    return file_web(reporter=ReporterIn(**reporter)).case


def contact_views() -> int:
    return AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED).count()


# -- rate limits --------------------------------------------------------------------------------


def test_reading_a_case_by_its_code_is_counted(client: Client, settings, one_minute):
    settings.RATE_LIMIT_TRACK_PER_MINUTE = 2
    code = file_case().tracking_code
    answers = [client.get(f"/lacak/{code}/").status_code for _ in range(3)]
    # a key guessed through links (?k=) is a GET like these
    assert answers == [200, 200, 429]


def test_the_admin_sign_in_is_counted(client: Client, settings, one_minute):
    settings.RATE_LIMIT_SIGNIN_PER_MINUTE = 2
    answers = [
        client.post("/kelola/login/", {"username": "x", "password": "y"}).status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 429]


# -- the request-size limit on every route --------------------------------------------------------

TOO_BIG = {"CONTENT_LENGTH": "20000000"}


@pytest.mark.parametrize(
    ("path", "json_answer"),
    [
        ("/masuk/", False),
        ("/lacak/SNG-2222-2222/tanggapan/", False),
        ("/petugas/kegiatan/lapor/", False),  # not signed in: the public limit
        ("/api/v1/cases", True),
        ("/open311/v2/requests.json", True),
        ("/webhook/whatsapp/", True),
        ("/webhook/telegram/", True),
        ("/webhook/sms/", True),
    ],
)
def test_every_route_refuses_a_body_larger_than_it_takes(client: Client, path, json_answer):
    response = client.post(path, b"x", content_type="application/octet-stream", **TOO_BIG)
    assert response.status_code == 413
    if json_answer:
        assert response.json() == {
            "error": "too_large",
            "message": "Kiriman terlalu besar (lebih dari 10 MB). Kecilkan atau kurangi "
            "fotonya, lalu kirim lagi.",
            "fields": [],
        }
    else:
        assert "Kiriman terlalu besar (lebih dari 10 MB)." in response.text
    assert not Case.objects.exists()


def test_an_officer_may_send_several_photos_at_once(client: Client, settings, bhabin_a):
    settings.MAX_REQUEST_BYTES = 1_000
    settings.MAX_OFFICER_REQUEST_BYTES = 100_000
    body = {"title": "x" * 5_000}
    signed_in(client, bhabin_a)
    # over the public limit, under the officers': the page itself answers (a form error)
    assert client.post("/petugas/kegiatan/lapor/", body).status_code == 400
    assert client.post("/petugas/kegiatan/lapor/", {"title": "x" * 200_000}).status_code == 413


# -- pages with a person's identity are not kept by any cache -----------------------------------


def test_the_case_page_with_the_reporter_is_not_cached(client: Client, bhabin_a):
    case = file_case(name="Bu Ani", phone="081234567890", anonymous=False)
    signed_in(client, bhabin_a)
    plain = client.get(f"/petugas/laporan/{case.pk}/")
    shown = client.get(f"/petugas/laporan/{case.pk}/", {"pelapor": "1"})
    assert "081234567890" not in plain.text
    assert "081234567890" in shown.text
    assert "no-store" in shown["Cache-Control"]


@pytest.fixture
def partner(bhabin_a: User) -> Partner:
    from sinergi.engagement import services  # noqa: PLC0415 -- only these tests

    return services.partner_save(
        by=bhabin_a,
        area=Area.objects.get(code="64.74.01.1002"),
        partner=None,
        name="Ustaz Fulan",
        kind="tokoh_agama",
        phone="081299990000",
    )


def test_the_partner_edit_page_records_the_view_and_is_not_cached(
    client: Client, bhabin_a, partner
):
    signed_in(client, bhabin_a)
    before = contact_views()
    response = client.get(f"/petugas/mitra/{partner.pk}/ubah/")
    assert "081299990000" in response.text
    assert "no-store" in response["Cache-Control"]
    assert contact_views() == before + 1


# -- the admin -----------------------------------------------------------------------------------


@pytest.fixture
def staff(admin: User) -> Client:
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return signed_in(Client(), admin)


def test_the_admin_cannot_find_a_reporters_messages_by_their_number(staff: Client, bhabin_a):
    case = file_case(email="ani@example.org")
    case_services.case_take(case=case, by=bhabin_a)
    assert Outbox.objects.filter(to="ani@example.org").count() == 1
    found = staff.get("/kelola/messaging/outbox/", {"q": "ani@example.org"})
    assert (found.status_code, found.context["cl"].result_count) == (200, 0)
    # the delivery is still found by what the operator may know: its case's code
    by_code = staff.get("/kelola/messaging/outbox/", {"q": case.tracking_code})
    assert by_code.context["cl"].result_count == 1


def test_admin_change_forms_that_show_contacts_record_the_view(staff: Client, partner, bhabin_a):
    before = contact_views()
    page = staff.get(f"/kelola/engagement/partner/{partner.pk}/change/")
    assert page.status_code == 200
    assert "081299990000" in page.text
    assert "no-store" in page["Cache-Control"]
    user_page = staff.get(f"/kelola/accounts/user/{bhabin_a.pk}/change/")
    assert user_page.status_code == 200
    assert contact_views() == before + 2
    assert list(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.CONTACT_VIEWED)
        .order_by("pk")
        .values_list("data", flat=True)
    )[-2:] == [
        {"admin": "PartnerAdmin", "object_id": str(partner.pk)},
        {"admin": "UserAdmin", "object_id": str(bhabin_a.pk)},
    ]


# -- the coverage planner's API follows the planner's roles -------------------------------------


@pytest.mark.parametrize(("who", "status"), [("kapolres", 200), ("humas_editor", 404)])
def test_the_coverage_api_is_for_analysts_and_leaders(request, who, status):
    user = request.getfixturevalue(who)
    _, key = api_token_create(user=user, name="planner")
    response = Client(headers={"Authorization": f"Bearer {key}"}).get(
        "/api/v1/coverage", {"area": "64.74.01"}
    )
    assert response.status_code == status


# -- the API and its document ---------------------------------------------------------------------


def test_the_api_document_lists_each_parameters_own_choices(client: Client):
    document = client.get("/api/v1/openapi.json").json()

    def choices(path: str, name: str) -> list[str]:
        for parameter in document["paths"][path]["get"]["parameters"]:
            if parameter["name"] == name:
                return next(
                    option["enum"] for option in parameter["schema"]["anyOf"] if "enum" in option
                )
        raise AssertionError(name)

    assert choices("/api/v1/activities", "status") == list(Activity.Status.values)
    assert choices("/api/v1/commitments", "status") == list(Commitment.Status.values)
    assert choices("/api/v1/units", "kind") == list(Unit.Kind.values)
    assert choices("/api/v1/cases", "kind") == list(Category.Kind.values)
    # a night window is a wall-clock time, not an instant with an offset
    plan = document["components"]["schemas"]["PatrolOut"]["properties"]["time_start"]
    assert (plan["type"], plan["pattern"], "format" in plan) == (
        "string",
        "^([01]\\d|2[0-3]):[0-5]\\d$",
        False,
    )


def test_an_api_body_with_a_lone_surrogate_is_422_and_stores_nothing(kapolres):
    _, key = api_token_create(user=kapolres, name="aplikasi")
    body = '{"category": "balap-liar", "area": "64.74.01.1002", "description": "a\\udfff"}'
    response = Client(headers={"Authorization": f"Bearer {key}"}).post(
        "/api/v1/cases", body, content_type="application/json"
    )
    assert response.status_code == 422
    answer = response.json()
    assert (answer["error"], answer["fields"][0]["field"]) == (
        "invalid_input",
        "payload.description",
    )
    assert not Case.objects.exists()


def test_every_api_error_carries_its_fields_list(kapolres):
    _, key = api_token_create(user=kapolres, name="aplikasi")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    nested = '{"category": "balap-liar", "details": ' + "[" * 5000 + "]" * 5000 + "}"
    answers = [
        api.post("/api/v1/cases", nested, content_type="application/json"),
        api.get("/api/v1/cases/999999"),
        Client().get("/api/v1/cases"),
    ]
    assert [a.status_code for a in answers] == [400, 404, 401]
    assert all(json.loads(a.content)["fields"] == [] for a in answers)
    assert not Case.objects.exists()
