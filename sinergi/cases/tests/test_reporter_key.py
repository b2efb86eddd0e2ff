"""The reporter's own key: the tracking code is public, only the key (or the signed-in citizen
who filed) answers, reopens, contests a decline or adds information. And every transition of a
case decides on the locked row: two people at once give one step."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.cases import services, tracking
from sinergi.cases.models import Case, CaseEvent, Category
from sinergi.cases.services import ReporterIn
from sinergi.cases.tests.helpers import file_web
from sinergi.messaging.models import Outbox
from sinergi.messaging.services import phone_contact

pytestmark = pytest.mark.django_db

RESPOND = "/lacak/{code}/tanggapan/"


def filed(**reporter: Any) -> services.Submitted:
    return file_web(description="Balap liar tiap malam.", reporter=ReporterIn(**reporter))


def key_of(result: services.Submitted) -> str:
    assert result.reporter is not None
    return tracking.reporter_key(result.reporter.pk)


def snapshot(case: Case) -> tuple[Any, ...]:
    case.refresh_from_db()
    return (case.status, case.closed_at, list(case.events.values_list("pk", flat=True)))


@pytest.mark.parametrize("answer", ["solved", "not_solved", "add"])
def test_a_stranger_with_only_the_code_changes_nothing(client: Client, bhabin_a, answer):
    # given a resolved case whose code anyone may read on Open311
    result = filed()
    case = services.case_resolve(case=result.case, by=bhabin_a, note="Sudah ditertibkan.")
    before = snapshot(case)
    # when a stranger answers with the code alone
    response = client.post(
        RESPOND.format(code=case.tracking_code),
        {"answer": answer, "comment": "Belum, masih ramai."},
        follow=True,
    )
    # then they are told who may answer, and nothing changed
    assert "Hanya pelapor yang dapat menanggapi." in response.text
    assert snapshot(case) == before
    # and the page offers the stranger no answer, only the key field
    page = client.get(f"/lacak/{case.tracking_code}/")
    assert "Apakah masalahnya sudah selesai?" not in page.text
    assert "Anda pelapor laporan ini?" in page.text


def test_a_wrong_key_or_another_cases_key_is_refused(client: Client, bhabin_a):
    mine, other = filed(), filed()
    case = services.case_resolve(case=mine.case, by=bhabin_a, note="Sudah.")
    before = snapshot(case)
    for key in ("AAAA-AAAA", key_of(other), "", "SNG-" + key_of(mine)):
        response = client.post(
            RESPOND.format(code=case.tracking_code), {"answer": "solved", "k": key}, follow=True
        )
        assert "Hanya pelapor yang dapat menanggapi." in response.text, key
    assert snapshot(case) == before
    # a wrong key in a link says so and remembers nothing
    response = client.get(f"/lacak/{case.tracking_code}/", {"k": key_of(other)}, follow=True)
    assert "Kunci pelapor tidak cocok dengan laporan ini." in response.text
    assert "Apakah masalahnya sudah selesai?" not in response.text


def test_the_key_is_forgiving_about_case_and_dashes(client: Client, bhabin_a):
    result = filed()
    case = services.case_resolve(case=result.case, by=bhabin_a, note="Sudah.")
    typed = key_of(result).lower().replace("-", " ")
    client.post(RESPOND.format(code=case.tracking_code), {"answer": "solved", "k": typed})
    assert list(case.events.filter(kind=CaseEvent.Kind.FEEDBACK).values_list("public", flat=True))
    assert case.events.get(kind=CaseEvent.Kind.FEEDBACK).data == {
        "solved": True,
        "reporter": result.reporter.pk,
    }


def test_the_reporter_adds_information_for_the_handlers_and_reads_it_back(
    client: Client, bhabin_a: User
):
    result = filed()
    case = result.case
    client.get(f"/lacak/{case.tracking_code}/", {"k": key_of(result)})
    response = client.post(
        RESPOND.format(code=case.tracking_code),
        {"answer": "add", "comment": "Pelakunya anak kos di Gg. Mawar."},
        follow=True,
    )
    assert "Keterangan Anda diteruskan ke petugas." in response.text
    note = case.events.get(kind=CaseEvent.Kind.NOTED)
    assert result.reporter is not None
    assert (note.public, note.message, note.data) == (
        False,
        "Pelakunya anak kos di Gg. Mawar.",
        {"from_reporter": True, "channel": "web", "reporter": result.reporter.pk},
    )
    # the reporter reads it back on their page, which no cache keeps
    assert "Keterangan yang Anda kirim" in response.text
    assert "Pelakunya anak kos di Gg. Mawar." in response.text
    assert "no-store" in response["Cache-Control"]
    # a stranger reading the page never sees it, nor another reporter of the same case
    assert "Gg. Mawar" not in Client().get(f"/lacak/{case.tracking_code}/").text
    other = filed(name="Tetangga")
    services.case_merge(duplicate=other.case, into=case, by=bhabin_a)
    neighbour = Client()
    neighbour.get(f"/lacak/{case.tracking_code}/", {"k": key_of(other)})
    page = neighbour.get(f"/lacak/{case.tracking_code}/")
    assert "Tambah keterangan untuk petugas" in page.text  # they are recognised as a reporter
    assert "Gg. Mawar" not in page.text
    assert "Keterangan yang Anda kirim" not in page.text


def test_the_key_of_a_merged_report_leads_its_reporter_to_the_report_it_went_into(bhabin_a):
    # given a citizen's report merged into another citizen's
    kept = filed(name="Tetangga")
    mine = filed(name="Sari")
    filer = Client()  # the browser she filed from, which remembers her key
    filer.get(f"/lacak/{mine.case.tracking_code}/", {"k": key_of(mine)})
    services.case_merge(duplicate=mine.case, into=kept.case, by=bhabin_a)
    # when she opens the private link of her first message (her report's code, her key)
    sari = Client()
    answer = sari.get(f"/lacak/{mine.case.tracking_code}/", {"k": key_of(mine)})
    # then she lands on the kept report, recognised as its reporter, told why
    assert answer.status_code == 302
    assert answer["Location"] == f"/lacak/{kept.case.tracking_code}/"
    page = sari.get(answer["Location"]).text
    assert f"Laporan {mine.case.tracking_code} sudah digabung ke laporan ini" in page
    assert "Tambah keterangan untuk petugas" in page
    # and the browser that filed it goes there too from her report's plain page
    assert filer.get(f"/lacak/{mine.case.tracking_code}/")["Location"] == answer["Location"]
    assert "Tambah keterangan untuk petugas" in filer.get(answer["Location"]).text
    # while a wrong key, or none, finds nothing there
    stranger = Client()
    other = filed(name="Orang lain")
    wrong = stranger.get(f"/lacak/{mine.case.tracking_code}/", {"k": key_of(other)}, follow=True)
    assert "Kunci pelapor tidak cocok dengan laporan ini." in wrong.text
    assert stranger.get(f"/lacak/{mine.case.tracking_code}/").status_code == 200


def test_a_signed_in_citizen_who_filed_is_recognised_without_the_key(bhabin_a):
    citizen = User.objects.create_user(username="warga", password="kata-sandi-uji-123")
    result = filed(user=citizen)
    case = services.case_resolve(case=result.case, by=bhabin_a, note="Sudah.")
    client = Client()
    client.force_login(citizen)
    assert "Apakah masalahnya sudah selesai?" in client.get(f"/lacak/{case.tracking_code}/").text
    client.post(RESPOND.format(code=case.tracking_code), {"answer": "solved"})
    assert case.events.filter(kind=CaseEvent.Kind.FEEDBACK).count() == 1


def test_the_success_page_shows_the_key_once_and_is_not_cached(client: Client):
    response = client.post(
        "/lapor/",
        {
            "category": Category.objects.get(slug="balap-liar").pk,
            "area": "64.74.01.1002",
            "description": "Balap liar.",
            "anonymous": "on",
            "idempotency_key": "satu",
        },
    )
    case = Case.objects.get()
    key = tracking.reporter_key(case.reporters.get().pk)
    page = client.get(response["Location"])
    assert key in page.text
    assert f"/lacak/{case.tracking_code}/?k={key}" in page.text
    assert "no-store" in page["Cache-Control"]
    # the plain tracking page, even in the same browser, does not show it again
    assert key not in client.get(f"/lacak/{case.tracking_code}/").text


def test_the_api_returns_the_key_and_refuses_a_reused_key_with_another_body(kapolres):
    from sinergi.accounts.services import api_token_create  # noqa: PLC0415 -- one test needs it

    _, token = api_token_create(user=kapolres, name="aplikasi")
    api = Client(headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k-1"})
    body = {"category": "balap-liar", "area": "64.74.01.1002", "description": "Balap liar."}
    first = api.post("/api/v1/cases", body, content_type="application/json")
    again = api.post("/api/v1/cases", body, content_type="application/json")
    other = api.post(
        "/api/v1/cases", {**body, "description": "Lain."}, content_type="application/json"
    )
    case = Case.objects.get()
    key = tracking.reporter_key(case.reporters.get().pk)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reporter_key"] == again.json()["reporter_key"] == key
    assert first.json()["track_url"] == f"http://127.0.0.1:8000/lacak/{case.tracking_code}/?k={key}"
    assert (other.status_code, other.json()["error"]) == (409, "conflict")
    assert "already used for a different request body" in other.json()["message"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize("typed", ["demo-case-4", "api:8:abc", "tap"])
def test_a_key_typed_into_the_form_never_returns_someone_elses_case(client: Client, typed):
    # given a case filed by another source with exactly that raw key
    other = services.case_submit(
        category=Category.objects.get(slug="balap-liar"),
        area=Area.objects.get(code="64.74.01.1002"),
        description="Kasus orang lain.",
        channel=Case.Channel.API,
        reporter=services.ReporterIn(),
        idempotency_key=typed,
    ).case
    stolen = services.client_key(source="web", user_id=None, raw=typed)
    # when a citizen sends the public form with that key
    response = client.post(
        "/lapor/",
        {
            "category": Category.objects.get(slug="balap-liar").pk,
            "area": "64.74.01.1002",
            "description": "Laporan saya.",
            "anonymous": "on",
            "idempotency_key": typed,
        },
    )
    # then a new case is made, theirs
    mine = Case.objects.exclude(pk=other.pk).get()
    assert response["Location"] == f"/lacak/{mine.tracking_code}/?baru=1"
    assert mine.description == "Laporan saya."
    assert mine.idempotency_key not in {typed, stolen}


def test_the_same_form_key_from_another_browser_is_another_case():
    data = {
        "category": Category.objects.get(slug="balap-liar").pk,
        "area": "64.74.01.1002",
        "description": "Balap liar.",
        "anonymous": "on",
        "idempotency_key": "sama",
    }
    first = Client(enforce_csrf_checks=False)
    first.cookies["csrftoken"] = "a" * 32
    second = Client(enforce_csrf_checks=False)
    second.cookies["csrftoken"] = "b" * 32
    one = first.post("/lapor/", data)
    again = first.post("/lapor/", data)
    two = second.post("/lapor/", data)
    assert one["Location"] == again["Location"] != two["Location"]
    assert Case.objects.count() == 2


# -- one step for two people at once (PostgreSQL: real row locks) ------------------------------


def at_once(actions: list[Callable[[], Any]]) -> list[Any]:
    """Runs the actions in threads released together; each on its own connection."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int) -> None:
        try:
            barrier.wait(5)
            results[index] = actions[index]()
        except Exception as exc:  # the test reads what each one met
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL: SQLite's test database is in this process")


@pytest.mark.django_db(transaction=True)
def test_four_answers_at_once_record_one(territory, bhabin_a):
    needs_postgresql()
    result = filed(email="warga@example.id")
    case = services.case_resolve(case=result.case, by=bhabin_a, note="Sudah.")
    key = key_of(result)

    def answer() -> int:
        return (
            Client()
            .post(RESPOND.format(code=case.tracking_code), {"answer": "solved", "k": key})
            .status_code
        )

    assert at_once([answer] * 4) == [302] * 4
    assert case.events.filter(kind=CaseEvent.Kind.FEEDBACK).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_officers_taking_one_case_give_one_step_and_the_second_is_told(
    territory, bhabin_a, kapolsek_a
):
    needs_postgresql()
    case = filed(email="warga@example.id").case
    results = at_once(
        [
            lambda: services.case_take(case=Case.objects.get(pk=case.pk), by=bhabin_a),
            lambda: services.case_take(case=Case.objects.get(pk=case.pk), by=kapolsek_a),
        ]
    )
    errors = [r for r in results if isinstance(r, services.TransitionError)]
    assert len(errors) == 1
    assert "sudah diambil oleh" in str(errors[0])
    assert case.events.filter(kind=CaseEvent.Kind.TAKEN).count() == 1
    assert Outbox.objects.filter(to="warga@example.id").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("step", ["resolve", "reject", "refer", "escalate"])
def test_two_officers_closing_one_case_at_once_give_one_step(territory, bhabin_a, kapolsek_a, step):
    needs_postgresql()
    case = filed(email="warga@example.id").case

    def act(officer: User) -> Callable[[], Any]:
        fresh = Case.objects.get(pk=case.pk)  # what each officer's page showed

        def run() -> Any:
            if step == "resolve":
                return services.case_resolve(case=fresh, by=officer, note="Selesai.")
            if step == "reject":
                return services.case_reject(case=fresh, by=officer, reason="Bukan wewenang.")
            if step == "refer":
                return services.case_refer(case=fresh, by=officer, agency="PLN")
            return services.case_escalate(case=fresh, by=officer, reason="Butuh Polsek.")

        return run

    results = at_once([act(bhabin_a), act(kapolsek_a)])
    assert sum(isinstance(r, services.TransitionError) for r in results) == 1
    assert case.events.exclude(kind=CaseEvent.Kind.SUBMITTED).count() == 1
    assert Outbox.objects.filter(to="warga@example.id").count() == 1


def test_a_take_of_a_case_another_officer_holds_says_so_and_changes_nothing(bhabin_a, kapolsek_a):
    case = filed().case
    services.case_take(case=case, by=bhabin_a)
    before = snapshot(case)
    with pytest.raises(services.TransitionError, match="sudah diambil oleh"):
        services.case_take(case=Case.objects.get(pk=case.pk), by=kapolsek_a)
    assert snapshot(case) == before
    assert Case.objects.get(pk=case.pk).taken_by == bhabin_a
    # and the same officer tapping twice records nothing new
    services.case_take(case=Case.objects.get(pk=case.pk), by=bhabin_a)
    assert snapshot(case) == before


def test_a_lost_code_goes_to_the_contact_that_filed_it_never_onto_the_page(client: Client):
    # given a report filed with a phone number, one with an e-mail address
    by_phone = filed(phone="0812 3456 7890", anonymous=False, name="Siti")
    by_mail = filed(email="Ani@Example.id")
    Outbox.objects.all().delete()
    # when the citizen asks, typing the number differently, twice
    for _ in range(2):
        answer = client.post("/lacak/lupa/", {"contact": "+62 812-3456-7890"}, follow=True)
        assert "kode dan tautannya sudah kami kirim ke sana" in answer.text
        assert by_phone.case.tracking_code not in answer.text
    # then one SMS went to that phone's contact, with the private link
    sms = Outbox.objects.get()
    assert (sms.channel, sms.to) == ("sms", phone_contact("0812 3456 7890").ref)
    assert f"/lacak/{by_phone.case.tracking_code}/?k={key_of(by_phone)}" in sms.body
    # an e-mail address is matched whatever its case
    client.post("/lacak/lupa/", {"contact": "ani@example.ID"})
    mail = Outbox.objects.get(channel="email")
    assert mail.to == "Ani@Example.id"
    assert by_mail.case.tracking_code in mail.body
    # a contact that filed nothing gets the same answer, and nothing is sent
    answer = client.post("/lacak/lupa/", {"contact": "0899 0000 1111"}, follow=True)
    assert "kode dan tautannya sudah kami kirim ke sana" in answer.text
    assert Outbox.objects.count() == 2


@pytest.mark.parametrize("state", ["baru", "selesai", "ditolak"])
def test_the_tracking_pages_tab_shows_its_title_in_every_state(client: Client, bhabin_a, state):
    result = filed()
    case = result.case
    if state == "selesai":
        services.case_resolve(case=case, by=bhabin_a, note="Sudah.")
    elif state == "ditolak":
        services.case_reject(case=case, by=bhabin_a, reason="Bukan wewenang.")
    # as a stranger and as the reporter (whose page holds the forms)
    for browser in (Client(), client):
        if browser is client:
            client.get(f"/lacak/{case.tracking_code}/", {"k": key_of(result)})
        page = browser.get(f"/lacak/{case.tracking_code}/").content.decode()
        title = page.split("<title>", 1)[1].split("</title>", 1)[0]
        assert title == f"Laporan {case.tracking_code} · Sinergi"


def test_a_lost_code_sms_names_the_reports_past_the_three_it_links(client: Client):
    # given five reports filed with one phone number
    made = [filed(phone="0812 3456 7890") for _ in range(5)]
    for age, result in enumerate(reversed(made)):  # one a day, the last the newest
        Case.objects.filter(pk=result.case.pk).update(
            created_at=timezone.now() - timedelta(days=age)
        )
    Outbox.objects.all().delete()
    client.post("/lacak/lupa/", {"contact": "0812 3456 7890"})
    body = Outbox.objects.get(channel="sms").body
    # then the newest three come with their links, and the other two by their codes
    newest, older = made[:1:-1], made[1::-1]
    for result in newest:
        assert f"/lacak/{result.case.tracking_code}/?k={key_of(result)}" in body
    codes = " ".join(r.case.tracking_code for r in older)
    assert body.endswith(f"Dan 2 laporan lain (kode lacak): {codes}")
