"""The fixed cast of every test, in Kota Bontang (64.74):

district A = Bontang Utara (64.74.01), village A = Bontang Baru (64.74.01.1002);
district B = Bontang Selatan (64.74.02). The territory subset is loaded once per test session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from sinergi.accounts.models import User
from sinergi.areas.models import Area
from sinergi.areas.services import areas_import
from sinergi.cases.catalogue import ensure_categories
from sinergi.cases.models import Category
from sinergi.units.models import Post, Unit
from sinergi.units.services import post_assign, units_generate_default

TEST_TERRITORY = ["64.74", "63.11"]
PASSWORD = "kata-sandi-uji-123"
VILLAGE_A = "64.74.01.1002"
DISTRICT_A = "64.74.01"
DISTRICT_B = "64.74.02"
REGENCY = "64.74"


def load_test_territory() -> None:
    areas_import(only=TEST_TERRITORY)
    units_generate_default()
    ensure_categories(Category)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        load_test_territory()


@pytest.fixture(autouse=True)
def _fast_tests(settings: Any) -> None:
    # A fast hasher: the cast is created for every test; real hashing is Django's own business.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # mail goes to django.core.mail.outbox, where tests can read it
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    # The manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_official(username: str, unit_key: str, title: str, areas: tuple[str, ...] = ()) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, name=username.title())
    user.phone = "081200000000"
    user.save()
    TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    post_assign(
        user=user,
        unit=Unit.objects.get(key=unit_key),
        title=title,
        areas=list(Area.objects.filter(code__in=areas)),
    )
    return user


@pytest.fixture
def citizen(db: Any) -> User:
    return User.objects.create_user(username="warga", password=PASSWORD, name="Warga Uji")


@pytest.fixture
def bhabin_a(db: Any) -> User:
    return make_official(
        "bhabin_a", f"polsek:{DISTRICT_A}", Post.Title.BHABINKAMTIBMAS, (VILLAGE_A,)
    )


@pytest.fixture
def kapolsek_a(db: Any) -> User:
    return make_official("kapolsek_a", f"polsek:{DISTRICT_A}", Post.Title.KAPOLSEK)


@pytest.fixture
def officer_b(db: Any) -> User:
    return make_official("officer_b", f"polsek:{DISTRICT_B}", Post.Title.KAPOLSEK)


@pytest.fixture
def kapolres(db: Any) -> User:
    return make_official("kapolres", f"polres:{REGENCY}", Post.Title.KAPOLRES)


@pytest.fixture
def humas_editor(db: Any) -> User:
    return make_official("humas_editor", f"polres:{REGENCY}", Post.Title.HUMAS_EDITOR)


@pytest.fixture
def admin(db: Any) -> User:
    return make_official("admin", "polda:64", Post.Title.OPERATOR)


@pytest.fixture
def sign_in(client: Client) -> Callable[[User], Client]:
    """Signs a user in with both factors done (the TOTP flow itself is tested in accounts)."""

    def _sign_in(user: User) -> Client:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return _sign_in
