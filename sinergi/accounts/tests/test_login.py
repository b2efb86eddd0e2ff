from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from sinergi.accounts.models import AuditEvent, User

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


def signed_in_user(client: Client) -> int | None:
    return client.session.get("_auth_user_id") and int(client.session["_auth_user_id"])


def test_official_signs_in_with_password_then_totp(client: Client, kapolsek_a: User):
    # when the password is right
    first = client.post("/masuk/", {"username": "kapolsek_a", "password": PASSWORD})
    # then the TOTP step comes, not yet a session
    assert first.status_code == 302
    assert first["Location"].startswith("/masuk/kode/")
    assert signed_in_user(client) is None
    # when the code is right
    device = TOTPDevice.objects.get(user=kapolsek_a)
    second = client.post("/masuk/kode/", {"token": current_code(device)})
    # then
    assert second.status_code == 302
    assert signed_in_user(client) == kapolsek_a.pk
    assert client.get("/akun/").status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_SUCCEEDED)
    assert (event.actor, event.data) == (kapolsek_a, {"otp": True})


def test_wrong_totp_code_signs_nobody_in(client: Client, kapolsek_a: User):
    client.post("/masuk/", {"username": "kapolsek_a", "password": PASSWORD})
    device = TOTPDevice.objects.get(user=kapolsek_a)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/masuk/kode/", {"token": wrong})
    assert response.status_code == 400
    assert "Kode salah atau sudah kedaluwarsa." in response.text
    assert signed_in_user(client) is None
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.TOTP_FAILED, subject=kapolsek_a).count() == 1
    )


def test_five_wrong_codes_send_the_official_back_to_the_password(client: Client, kapolsek_a: User):
    client.post("/masuk/", {"username": "kapolsek_a", "password": PASSWORD})
    for _ in range(5):
        response = client.post("/masuk/kode/", {"token": "000000"})
    assert response.status_code == 302
    assert response["Location"] == "/masuk/"
    assert client.get("/masuk/kode/")["Location"] == "/masuk/"
    assert signed_in_user(client) is None


def test_malformed_code_gets_a_clear_message(client: Client, kapolsek_a: User):
    client.post("/masuk/", {"username": "kapolsek_a", "password": PASSWORD})
    response = client.post("/masuk/kode/", {"token": "12ab"})
    assert response.status_code == 400
    assert "Kode terdiri dari 6 angka." in response.text
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.TOTP_FAILED).exists()


def test_totp_step_without_password_step_goes_back_to_login(client: Client, kapolsek_a: User):
    response = client.post("/masuk/kode/", {"token": "123456"})
    assert response["Location"] == "/masuk/"
    assert signed_in_user(client) is None


def test_official_without_device_enrols_one_on_first_sign_in(client: Client, kapolsek_a: User):
    # given
    TOTPDevice.objects.filter(user=kapolsek_a).delete()
    # when
    first = client.post("/masuk/", {"username": "kapolsek_a", "password": PASSWORD})
    page = client.get(first["Location"])
    # then a QR code and the secret are shown
    assert first["Location"].startswith("/masuk/daftar-kode/")
    assert 'src="data:image/svg+xml' in page.text
    device = TOTPDevice.objects.get(user=kapolsek_a, confirmed=False)
    # when the code from the new device is typed
    done = client.post("/masuk/daftar-kode/", {"token": current_code(device)})
    # then
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert signed_in_user(client) == kapolsek_a.pk
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.TOTP_ENROLLED, subject=kapolsek_a
    ).exists()


def test_citizen_signs_in_with_password_only(client: Client, citizen: User):
    response = client.post("/masuk/", {"username": "warga", "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_user(client) == citizen.pk


def test_wrong_password_is_refused_in_indonesian_and_recorded(client: Client, kapolsek_a: User):
    response = client.post("/masuk/", {"username": "kapolsek_a", "password": "salah"})
    assert response.status_code == 400
    assert "Nama pengguna atau kata sandi salah." in response.text
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert (event.username, event.ip) == ("kapolsek_a", "127.0.0.1")


def test_empty_login_form_names_the_missing_fields(client: Client):
    response = client.post("/masuk/", {"username": "", "password": ""})
    assert response.status_code == 400
    # each beside its field, and in the list at the top that names the fields
    assert response.text.count("Bidang ini tidak boleh kosong.") == 4
    assert '<a href="#id_username">' in response.text
    assert '<a href="#id_password">' in response.text
    assert not AuditEvent.objects.exists()


def test_lockout_after_five_failures_even_with_the_right_password(client: Client, kapolsek_a: User):
    for _ in range(5):
        client.post("/masuk/", {"username": "kapolsek_a", "password": "salah"})
    response = client.post("/masuk/", {"username": "kapolsek_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.text
    assert "pending" not in str(dict(client.session))
    assert client.session.get("sinergi_pending_user") is None
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_LOCKED).count() >= 1


def test_open_redirect_in_next_is_ignored(client: Client, citizen: User):
    response = client.post(
        "/masuk/", {"username": "warga", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_login_form_needs_csrf(citizen: User):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/masuk/", {"username": "warga", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_official_with_password_only_cannot_open_official_pages(client: Client, kapolsek_a: User):
    # given a session with the password step only (no second factor)
    client.force_login(kapolsek_a, backend="django.contrib.auth.backends.ModelBackend")
    # when
    response = client.get("/akun/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_logout_is_recorded(sign_in, kapolsek_a: User):
    client = sign_in(kapolsek_a)
    response = client.post("/keluar/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT, actor=kapolsek_a).count() == 1


def test_my_account_names_my_areas(sign_in, bhabin_a: User):
    page = sign_in(bhabin_a).get("/akun/").text
    assert '<a href="/wilayah/64.74.01.1002/">Bontang Baru, Bontang Utara, Kota Bontang' in page
