"""On a real phone: the officer handling a case filed by WhatsApp sees that their reply did not
reach the citizen, and why, in Indonesian and in English.

The phones, Chromium and the sign-in steps are shared browser fixtures in the root conftest.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import (
    VILLAGE_A,
    Phone,
    bhabin_of_village_a,
    fits_the_phone,
    login_with_totp,
)
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.messaging.models import ChatContact, Outbox
from sinergi.messaging.services import outbox_deliver_due
from sinergi.messaging.tests.fakeprovider import FakeProvider

pytestmark = pytest.mark.browser

SENDER = "6281200000001"


def test_the_officer_sees_a_reply_that_did_not_reach_the_citizen(
    territory: None, provider: FakeProvider, phone: Phone
):
    # given a case filed by WhatsApp, and the officer's reply refused by Meta (131026)
    bhabin = bhabin_of_village_a()
    contact = ChatContact.objects.create(
        channel="whatsapp", account="106540352242922", ref="ref-wa", address=SENDER
    )
    case = case_services.case_submit(
        category=Category.objects.get(slug="balap-liar"),
        area=Area.objects.get(code=VILLAGE_A),
        description="Balap liar tiap malam Minggu di depan pasar.",
        channel=Case.Channel.WHATSAPP,
        reporter=case_services.ReporterIn(chat_contact_id=contact.pk),
    ).case
    case_services.case_reply(case=case, by=bhabin, message="Kami patroli malam ini.")
    provider.script("whatsapp", "wa_undeliverable")
    outbox_deliver_due()
    assert Outbox.objects.get(about=f"case:{case.pk}").error_code == "131026"
    # when the officer opens the case on their phone
    page = phone.page
    login_with_totp(page, bhabin)
    page.goto(f"/petugas/laporan/{case.pk}/")
    # then the failed reply is there, with the reason, and the number is not
    failed = page.locator("#tidak-terkirim")
    expect(failed.get_by_role("heading", name="Pesan ke pelapor tidak sampai")).to_be_visible()
    expect(failed).to_contain_text("Nomor ini tidak dapat menerima pesan WhatsApp.")
    expect(failed).to_contain_text("petugas membalas:")
    expect(failed).to_contain_text("Kami patroli malam ini.")
    assert SENDER not in page.content()
    fits_the_phone(page, "/tmp/chat-undelivered-id-360.png")  # noqa: S108 -- for a human to look at
    # and in English
    page.get_by_role("button", name="English").click()
    expect(
        failed.get_by_role("heading", name="Messages to the reporter that did not arrive")
    ).to_be_visible()
    expect(failed).to_contain_text("This number cannot receive WhatsApp messages.")
    fits_the_phone(page, "/tmp/chat-undelivered-en-360.png")  # noqa: S108 -- for a human to look at
    assert phone.errors == []
