"""The officers' app as Lighthouse would judge it, measured in the real Chromium:

    .venv/bin/python bench/pwa.py [--port 8103]

A throw-away SQLite database (Kota Bontang's territory, one Bhabinkamtibmas) behind Django's
live-server thread; a 360x740 phone signs in with password and TOTP, lands on "Tugas saya" and
stays there while the service worker keeps the day's pages. Then it prints:

(a) installability: Chromium's own verdict (DevTools `Page.getInstallabilityErrors`, what the
    install prompt uses) and the manifest's fields as Chromium parsed them;
(b) offline start: with the network cut, the start page and the report form are opened again:
    status, whether the service worker answered, and the time to the page's `load`;
(c) what the phone keeps: entries and bytes per cache (the app shell, the officer's pages).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "kata-sandi-bench-123"  # noqa: S105 -- a throw-away account in a throw-away database

CACHE_SIZES = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    let bytes = 0, entries = 0;
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      bytes += (await response.blob()).size;
      entries += 1;
    }
    out[name.replace(/-[0-9a-f]{16}$/, "")] = [entries, bytes];
  }
  return out;
}"""


def setup_world(workdir: str) -> Any:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["SINERGI_DEMO"] = "true"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/pwa.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop here
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sinergi.accounts.models import User
    from sinergi.areas.models import Area
    from sinergi.areas.services import areas_import
    from sinergi.cases.catalogue import ensure_categories
    from sinergi.cases.models import Category
    from sinergi.units.models import Post, Unit
    from sinergi.units.services import post_assign, units_generate_default

    # the static files as they are in the repository (no collectstatic for a bench)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    areas_import(only=["64.74"])
    units_generate_default()
    ensure_categories(Category)
    user = User.objects.create_user(username="bhabin.bench", password=PASSWORD, name="Agus")
    TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    post_assign(
        user=user,
        unit=Unit.objects.get(key="polsek:64.74.01"),
        title=Post.Title.BHABINKAMTIBMAS,
        areas=[Area.objects.get(code="64.74.01.1002")],
    )
    return user


def totp(user: Any) -> str:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user)
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return f"{token:06d}"


def serve(port: int) -> Any:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=port)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server


def wait_until(page: Any, script: str, seconds: float = 30) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if page.evaluate(script):
            return time.perf_counter() - start
        page.wait_for_timeout(200)
    raise SystemExit(f"never true within {seconds} s: {script}")


def open_offline(page: Any, path: str) -> tuple[int, bool, float, str]:
    start = time.perf_counter()
    response = page.goto(path, wait_until="load")
    took = time.perf_counter() - start
    heading = page.locator("h1").first.inner_text()
    return response.status, response.from_service_worker, took, heading


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8103)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as workdir:
        started = time.perf_counter()
        user = setup_world(workdir)
        server = serve(args.port)
        base = f"http://127.0.0.1:{args.port}"
        print(f"world ready in {time.perf_counter() - started:.1f} s (Kota Bontang, SQLite)")
        with sync_playwright() as playwright:
            # a persistent profile: an incognito window is never offered the install prompt
            context = playwright.chromium.launch_persistent_context(
                f"{workdir}/profile",
                executable_path=CHROMIUM,
                args=["--headless=new", "--no-sandbox"],
                base_url=base,
                viewport={"width": 360, "height": 740},
                is_mobile=True,
                has_touch=True,
                device_scale_factor=2,
                locale="id-ID",
            )
            page = context.new_page()
            page.goto("/masuk/")
            page.get_by_label("Nama pengguna").fill(user.username)
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk", exact=True).click()
            page.get_by_label("Kode dari aplikasi autentikator").fill(totp(user))
            page.get_by_role("button", name="Verifikasi", exact=True).click()
            page.wait_for_url(f"{base}/petugas/")
            worker_s = wait_until(page, "navigator.serviceWorker.controller !== null")
            warm_s = wait_until(
                page,
                "caches.open('sinergi-pages').then(c => c.keys()).then(k => k.length >= 7)",
            )

            cdp = context.new_cdp_session(page)
            errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            manifest = cdp.send("Page.getAppManifest")
            parsed = json.loads(manifest.get("data") or "{}")
            print("\n(a) installability (Chromium's install criteria)")
            print(f"  installability errors: {len(errors)} {[e['errorId'] for e in errors]}")
            print(f"  manifest errors: {len(manifest.get('errors', []))} ({manifest.get('url')})")
            print(
                f"  name={parsed.get('name')!r} short_name={parsed.get('short_name')!r} "
                f"start_url={parsed.get('start_url')!r} display={parsed.get('display')!r}"
            )
            icons = [(i.get("sizes"), i.get("purpose")) for i in parsed.get("icons", [])]
            print(f"  icons: {icons}")
            print(f"  service worker controlling the page after {worker_s:.1f} s")
            print(f"  the day's pages kept {warm_s:.1f} s after landing")

            sizes = page.evaluate(CACHE_SIZES)
            context.set_offline(True)
            print("\n(b) offline start (network cut)")
            for path in ("/petugas/", "/petugas/kegiatan/lapor/", "/petugas/patroli/"):
                status, from_worker, took, heading = open_offline(page, path)
                print(
                    f"  {path:28} status {status}  from service worker: {from_worker}  "
                    f"load {took * 1000:.0f} ms  h1: {heading!r}"
                )
            status, from_worker, took, heading = open_offline(page, "/petugas/mitra/baru/")
            print(
                f"  a page never kept: status {status}, from service worker: {from_worker}, "
                f"h1: {heading!r}"
            )
            context.set_offline(False)

            print("\n(c) what the phone keeps")
            total = 0
            for name, (entries, size) in sorted(sizes.items()):
                total += size
                print(f"  {name:24} {entries:3} entries  {size / 1024:8.1f} KiB")
            print(f"  {'total':24} {'':12} {total / 1024:8.1f} KiB")
            context.close()
        server.terminate()


if __name__ == "__main__":
    main()
