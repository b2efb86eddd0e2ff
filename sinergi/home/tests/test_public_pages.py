"""A citizen who has never used the system finds every public thing from the front page and
from their village's page."""

from __future__ import annotations

import pytest
from django.test import Client

from sinergi.accounts.models import User
from sinergi.messaging.models import ChatLine
from sinergi.units.models import Unit

pytestmark = pytest.mark.django_db


def test_the_front_page_links_the_public_pages_the_chat_lines_and_the_emergency_numbers(
    client: Client,
):
    ChatLine.objects.create(
        channel="whatsapp",
        account="123",
        handle="+62 811-5400-1100",
        unit=Unit.objects.get(key="polres:64.74"),
    )
    page = client.get("/").text
    for link in (
        'href="tel:110"',
        'href="tel:112"',
        'href="/klarifikasi/"',
        'href="/wilayah/"',
        'href="/berita/"',
        'href="https://wa.me/6281154001100"',
    ):
        assert link in page, link
    assert "WhatsApp +62 811-5400-1100" in page


def test_a_village_page_offers_to_report_there_and_the_form_starts_with_it(
    client: Client, bhabin_a
):
    page = client.get("/wilayah/64.74.01.1002/").text
    assert 'href="/lapor/?desa=64.74.01.1002"' in page
    # its Bhabinkamtibmas by rank and name, never a personal number
    assert bhabin_a.display_name in page
    assert bhabin_a.phone not in page
    form = client.get("/lapor/", {"desa": "64.74.01.1002"}).text
    assert 'value="64.74.01.1002" checked' in form


def test_a_name_typed_with_its_rank_is_not_given_the_rank_twice():
    typed = User(username="a", name="Aipda Budi Santoso", rank="Aipda")
    plain = User(username="b", name="Budi Santoso", rank="Aipda")
    assert (typed.display_name, plain.display_name) == ("Aipda Budi Santoso", "Aipda Budi Santoso")
