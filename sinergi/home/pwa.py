"""The officers' installable app: the web app manifest, the service worker (served from our
origin, at the root so it controls every page) and the page shown offline when a page was never
kept on the phone.

The service worker's code lives in static/js/sw.js; this module prepends what only the server
knows: the static files to keep (their hashed names in production) and a version that changes
whenever one of them, or the worker itself, changes (so phones pick up a new release).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# What every officer's phone keeps from the first visit: the app shell.
PRECACHE_STATIC = (
    "css/sinergi.css",
    "js/sinergi.js",
    "js/outbox.js",
    "js/basemap.js",
    "vendor/htmx-2.0.11.min.js",
    "vendor/leaflet-1.9.4/leaflet.js",
    "vendor/leaflet-1.9.4/leaflet.css",
    "img/sinergi.svg",
    "img/icon-192.png",
    "img/icon-512.png",
)
WORKER_SOURCE = "js/sw.js"
THEME = "#0b4f8a"


def _read(name: str) -> bytes:
    path = finders.find(name)
    if not path:
        raise FileNotFoundError(name)
    with open(path if isinstance(path, str) else path[0], "rb") as handle:
        return handle.read()


def _worker() -> tuple[str, str]:
    """(version, source) of the service worker."""
    digest = hashlib.sha256()
    for name in (WORKER_SOURCE, *PRECACHE_STATIC):
        digest.update(name.encode())
        digest.update(_read(name))
    urls = [static(name) for name in PRECACHE_STATIC]
    digest.update(json.dumps(urls).encode())
    version = digest.hexdigest()[:16]
    config = {
        "version": version,
        "precache": [*urls, reverse("home:offline")],
        "offline": reverse("home:offline"),
        "login": reverse("accounts:login"),
    }
    head = f"self.SINERGI = {json.dumps(config)};\n"
    return version, head + _read(WORKER_SOURCE).decode()


_worker_cached = cache(_worker)


@require_GET
@cache_control(no_cache=True)
def service_worker_view(request: HttpRequest) -> HttpResponse:
    # in development the files change under a running server: read them every time
    _version, source = _worker() if settings.DEBUG else _worker_cached()
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cache_control(max_age=3600)
def manifest_view(request: HttpRequest) -> JsonResponse:
    """Installable: a name, a start page that works offline, a standalone window, icons."""
    manifest = {
        "id": "/petugas/",
        "name": _("Sinergi — tugas petugas"),
        "short_name": "Sinergi",
        "description": _("Laporan kegiatan, patroli dan laporan warga, juga tanpa sinyal."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("home:tasks"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f6f8fa",
        "theme_color": THEME,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def offline_view(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker instead of the browser's own error page when a page was
    never kept on the phone. It carries no personal data (every phone keeps the same copy)."""
    return render(request, "home/offline.html")
