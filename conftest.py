"""The fixed cast of every test, in Kota Bontang (64.74):

district A = Bontang Utara (64.74.01), village A = Bontang Baru (64.74.01.1002);
district B = Bontang Selatan (64.74.02). The territory subset is loaded once per test session.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Response,
    expect,
    sync_playwright,
)

from sinergi.accounts.models import User
from sinergi.areas import timezones
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


# What several test modules share lives in each app's tests/helpers.py; an assert there explains
# its failure as a test's does
pytest.register_assert_rewrite(
    *(
        f"sinergi.{path.parent.parent.name}.tests.helpers"
        for path in Path(__file__).parent.glob("sinergi/*/tests/helpers.py")
    )
)

# Two test workers, two Chromiums and their live servers share CI's two cores: a page that takes
# longer than Playwright's default 5 s to answer is slow, not wrong.
expect.set_options(timeout=10_000)

# The suite runs at any hour. Village A keeps Bontang's clock (WITA), an hour ahead of the default
# WIB; "an hour ago" is yesterday there for one hour of every night.


def village_today(code: str = VILLAGE_A) -> date:
    return timezones.day_of(timezone.now(), code)


def earlier_on(days_ago: int = 0, code: str = VILLAGE_A) -> datetime:
    """A moment on the village's calendar day `days_ago` days before today: an hour before now's
    time of day, or that day's first moment when the day is less than an hour old. Never in the
    future, never on the day before."""
    now = timezones.local(timezone.now(), code)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return max(now - timedelta(hours=1), midnight) - timedelta(days=days_ago)


def _sqlite_test_files() -> list[Path]:
    """This worker's SQLite test database file with its WAL and shared-memory files (none on
    PostgreSQL). pytest-django names a worker's database NAME_gw0, NAME_gw1, …"""
    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3" or not name:
        return []
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = f"{name}_{worker}" if worker else str(name)
    return [Path(base + tail) for tail in ("", "-wal", "-shm")]


def pytest_sessionstart(session: pytest.Session) -> None:
    # What an earlier run left (Django removes the database file, not always its WAL): SQLite
    # would replay an old WAL into the new database of that name. The files are git-ignored.
    for path in _sqlite_test_files():
        path.unlink(missing_ok=True)


def load_test_territory() -> None:
    areas_import(only=TEST_TERRITORY)
    units_generate_default()
    ensure_categories(Category)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        load_test_territory()


@pytest.fixture
def territory(transactional_db: Any) -> None:
    """The test territory for tests that commit (live server, backups): the flush before them
    emptied it."""
    load_test_territory()


@pytest.fixture
def one_minute() -> None:
    """For tests of the per-minute rate limits (platform/ratelimit.py counts in whole minutes):
    they start with at least 10 s of the minute left, so their requests share one minute."""
    now = timezone.now()
    left = 60 - now.second - now.microsecond / 1_000_000
    if left < 10:
        time.sleep(left + 0.05)


@pytest.fixture(autouse=True)
def _fast_tests(settings: Any) -> None:
    # A fast hasher: the cast is created for every test; real hashing is Django's own business.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # mail goes to django.core.mail.outbox, where tests can read it
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    # Every test sees the categories and villages as they are now: a test that switches one off
    # is refused at once (sinergi/cases/tests/test_lookups.py tests the per-process cache itself).
    settings.LOOKUP_CACHE_SECONDS = 0
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


# The cast, for fixtures and for browser tests (which create it after loading the territory)


def bhabin_of_village_a() -> User:
    return make_official(
        "bhabin_a", f"polsek:{DISTRICT_A}", Post.Title.BHABINKAMTIBMAS, (VILLAGE_A,)
    )


def kapolsek_of_district_a() -> User:
    return make_official("kapolsek_a", f"polsek:{DISTRICT_A}", Post.Title.KAPOLSEK)


def kapolres_of_the_regency() -> User:
    return make_official("kapolres", f"polres:{REGENCY}", Post.Title.KAPOLRES)


def humas_editor_of_the_regency() -> User:
    return make_official("humas_editor", f"polres:{REGENCY}", Post.Title.HUMAS_EDITOR)


def field_cast() -> tuple[User, User]:
    """For a browser test of the field loop: the territory loaded, then village A's
    Bhabinkamtibmas and district A's Kapolsek."""
    load_test_territory()
    return bhabin_of_village_a(), kapolsek_of_district_a()


@pytest.fixture
def bhabin_a(db: Any) -> User:
    return bhabin_of_village_a()


@pytest.fixture
def kapolsek_a(db: Any) -> User:
    return kapolsek_of_district_a()


@pytest.fixture
def officer_b(db: Any) -> User:
    return make_official("officer_b", f"polsek:{DISTRICT_B}", Post.Title.KAPOLSEK)


@pytest.fixture
def kapolres(db: Any) -> User:
    return kapolres_of_the_regency()


@pytest.fixture
def humas_editor(db: Any) -> User:
    return humas_editor_of_the_regency()


@pytest.fixture
def admin(db: Any) -> User:
    return make_official("admin", "polda:64", Post.Title.OPERATOR)


def signed_in(client: Client, user: User) -> Client:
    """The client signed in as the user with both factors done (the TOTP flow itself is tested
    in accounts)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def sign_in(client: Client) -> Callable[[User], Client]:
    return lambda user: signed_in(client, user)


# Browser fixtures (Playwright + Debian Chromium)
#
# Chromium comes from the system (/usr/bin/chromium); Playwright never downloads a browser here.
# The live server needs a transactional database, which starts empty: each browser test loads
# the test territory and creates its own officials.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A cheap Android phone: 360 CSS pixels wide, the design target of sinergi.css.
PHONE_WIDTH = 360
PHONE_HEIGHT = 740


@dataclass
class Phone:
    page: Page
    base_url: str
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        # A Content-Security-Policy violation is reported as a console error.
        if message.type != "error":
            return
        source = message.location["url"].removeprefix(self.base_url)
        self.errors.append(f"{message.text} [{source}]")

    def on_page_error(self, error: Error) -> None:
        self.errors.append(f"pageerror: {error.message}")


@pytest.fixture
def allow_orm_in_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    # Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
    # there unless told otherwise. monkeypatch restores the variable after the test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class NewPhone(Protocol):
    """The `new_phone` fixture: opens another phone, signed in as `signed_in_as` when given."""

    def __call__(
        self, *, signed_in_as: User | None = None, service_workers: bool = False
    ) -> Phone: ...


@pytest.fixture
def new_phone(live_server: Any, allow_orm_in_event_loop: None) -> Iterator[NewPhone]:
    """Opens phones in one Chromium: each its own browser context, so its own person (cookies)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts: list[BrowserContext] = []

        def _open(*, signed_in_as: User | None = None, service_workers: bool = False) -> Phone:
            # The officers' app registers a service worker that fetches the day's pages ahead;
            # only the tests of working offline want it (its fetches would otherwise run beside
            # the test's own requests).
            context = browser.new_context(
                service_workers="allow" if service_workers else "block",
                base_url=live_server.url,
                viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
                locale="id-ID",
            )
            contexts.append(context)
            page = context.new_page()
            result = Phone(page=page, base_url=live_server.url)
            page.on("console", result.on_console)
            page.on("pageerror", result.on_page_error)
            if signed_in_as is not None:
                login_with_totp(page, signed_in_as)
            return result

        try:
            yield _open
        finally:
            for context in contexts:
                context.close()
            browser.close()


@pytest.fixture
def phone(new_phone: NewPhone) -> Phone:
    return new_phone()


def fits_the_phone(page: Page, screenshot: str) -> None:
    """Saves a full-page screenshot for a human to look at, and checks nothing scrolls sideways."""
    page.wait_for_load_state("load")
    page.screenshot(path=screenshot, full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def origin(page: Page) -> str:
    """The live server's address as the page sees it, e.g. http://localhost:41234."""
    parts = urlsplit(page.url)
    return f"{parts.scheme}://{parts.netloc}"


def htmx_response(path: str, **query: str) -> Callable[[Response], bool]:
    """For `page.expect_response`: the answer to htmx's request for `path` with these query
    values (a page's own form submission does not match)."""

    def matches(response: Response) -> bool:
        url = urlsplit(response.url)
        values = parse_qs(url.query)
        return (
            url.path == path
            and all(values.get(name) == [value] for name, value in query.items())
            and response.request.headers.get("hx-request") == "true"
        )

    return matches


def enter_password(page: Page, user: User) -> None:
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).to_have_url(f"{origin(page)}/masuk/kode/?next=/")
    expect(page.get_by_role("heading", name="Kode verifikasi", level=1)).to_be_visible()


def enter_code(page: Page, code: str) -> None:
    page.get_by_label("Kode dari aplikasi autentikator").fill(code)
    page.get_by_role("button", name="Verifikasi", exact=True).click()


def login_with_totp(page: Page, user: User) -> None:
    """Signs an official in through the real forms: password, then the current TOTP code."""
    enter_password(page, user)
    enter_code(page, current_code(user))
    # an official lands on their work, "Tugas saya"
    expect(page).to_have_url(f"{origin(page)}/petugas/")
    expect(page.get_by_role("heading", name="Tugas saya", level=1)).to_be_visible()
