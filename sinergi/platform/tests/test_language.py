"""The interface speaks Indonesian by default and English on request; the catalogue is complete.

The catalogue is made by `.venv/bin/python bin/make-messages`, which also compiles django.mo.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

PO_PATH = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER_RE = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs%]")
FIX_HINT = "edit the .po, then run `.venv/bin/python bin/make-messages`"


def english_catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_front_page_is_indonesian_by_default(client: Client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert "Cari desa atau kelurahan" in response.text
    assert response["Content-Language"] == "id"


def test_choosing_english_translates_the_front_page(client: Client):
    # given a visitor who picks English in the footer
    response = client.post("/bahasa/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    # then the same page is English
    response = client.get("/")
    assert '<html lang="en">' in response.text
    assert "Find a village or urban village" in response.text
    assert "Cari desa atau kelurahan" not in response.text
    assert response["Content-Language"] == "en"
    # and going back to Indonesian works too
    client.post("/bahasa/", {"language": "id", "next": "/"})
    assert "Cari desa atau kelurahan" in client.get("/").text


def test_every_message_has_an_english_translation():
    po = english_catalogue()
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"])[1])  # type: ignore[index]
    problems = []
    for entry in (e for e in po if not e.obsolete):
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(nplurals)]
            sources = [entry.msgid, entry.msgid_plural]
        else:
            forms = [entry.msgstr]
            sources = [entry.msgid]
        if entry.fuzzy:
            problems.append(f"fuzzy (check it and drop the flag): {entry.msgid!r}")
        elif not all(forms):
            problems.append(f"untranslated: {entry.msgid!r}")
        # a translation that drops or renames a %(name)s placeholder breaks the page
        wanted = sorted(set().union(*(PLACEHOLDER_RE.findall(s) for s in sources)))
        for form in forms:
            if form and sorted(set(PLACEHOLDER_RE.findall(form))) != wanted:
                problems.append(f"placeholders differ: {entry.msgid!r} -> {form!r}")
    assert not problems, f"{FIX_HINT}:\n" + "\n".join(problems)


def test_compiled_catalogue_matches_the_po():
    def entries(mo: polib.MOFile) -> dict[tuple[str, str, str], object]:
        return {
            (e.msgctxt or "", e.msgid, e.msgid_plural or ""): (
                tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr
            )
            for e in mo
        }

    expected = polib.mofile(english_catalogue().to_binary())
    compiled = polib.mofile(str(PO_PATH.with_suffix(".mo")))
    assert entries(compiled) == entries(expected), f"django.mo is stale: {FIX_HINT}"
    assert compiled.metadata.get("Plural-Forms") == expected.metadata.get("Plural-Forms")


def test_an_english_browser_still_gets_indonesian_until_the_user_chooses(client: Client) -> None:
    # given a phone set to English
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    # then
    assert '<html lang="id">' in response.text
    assert response["Content-Language"] == "id"
