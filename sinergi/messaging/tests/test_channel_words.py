"""The words fit the channel: an SMS is never asked for a location or a photo and gets numbered
menus (buttons elsewhere); a case update says what happened in plain words, and outside
WhatsApp's 24-hour window the template goes first and the officer's own words follow as soon as
the citizen answers it."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from conftest import make_official
from sinergi.areas.models import Area
from sinergi.cases import services as case_services
from sinergi.cases.models import Case, Category
from sinergi.messaging.models import ChatContact, Conversation, Outbox
from sinergi.messaging.tests.conftest import WhatsApp, fixture, run_worker
from sinergi.units.models import Post as UnitPost

VILLAGE_A = "64.74.01.1002"
NUMBERED = re.compile(r"^\d+\. ", re.M)


def test_an_sms_report_asks_no_location_and_no_photo_and_numbers_its_menus(
    territory, provider, post_sms
):
    n = 0

    def say(text: str) -> str:
        nonlocal n
        n += 1
        form = urlencode({**fixture("sms_incoming.json"), "text": text, "id": f"gw-w{n}"})
        assert post_sms(form.encode()) == 200
        run_worker()
        last: str = provider.texts("sms")[-1]
        return last

    menu = say("halo")
    assert "Balas dengan nomor pilihan Anda.\n\n1. Aspirasi / keluhan kamtibmas" in menu
    say("1")
    where = say("2")
    assert where == "Di mana kejadiannya? Ketik nama desa atau kelurahan."
    assert say("bontang baru").endswith(
        "Ceritakan apa yang terjadi: apa, kapan, dan di mana tepatnya."
    )
    confirm = say("Knalpot brong tiap malam di depan masjid.")
    # straight to the confirmation: no photo question, no photo line
    assert confirm.startswith("Periksa laporan Anda:\nKategori: Balap liar / knalpot brong\n")
    assert "Foto" not in confirm
    assert confirm.endswith("Balas dengan nomor pilihan Anda.\n\n1. Kirim\n2. Batal")
    done = say("1")
    code = Case.objects.get().tracking_code
    assert f"ketik CEK {code} untuk melihat statusnya" in done
    everything = "\n".join(provider.texts("sms"))
    assert "Lokasi Anda" not in everything
    assert "foto" not in everything.lower()


def test_whatsapp_menus_come_as_buttons_without_numbers_in_the_text(
    territory, provider, post_whatsapp
):
    chat = WhatsApp(post_whatsapp)
    chat.text("Halo")
    chat.pick("kind:aspirasi")
    chat.pick("cat:balap-liar")
    chat.text("Baru")  # a name found in several villages
    bodies = [r.json() for r in provider.sent("whatsapp")]
    assert [b["type"] for b in bodies] == ["interactive", "interactive", "text", "interactive"]
    assert not any(NUMBERED.search(t) for t in provider.texts("whatsapp"))
    rows = bodies[-1]["interactive"]["action"]["sections"][0]["rows"]
    assert all(row["description"] for row in rows)  # district, regency: which "Baru"


@pytest.mark.django_db
def test_case_updates_say_what_happened_in_plain_words(bhabin_a):
    contact = ChatContact.objects.create(channel="telegram", account="1", ref="r", address="7")
    category = Category.objects.get(slug="balap-liar")

    def new_case() -> Case:
        return case_services.case_submit(
            category=category,
            area=Area.objects.get(code=VILLAGE_A),
            description="Balap liar.",
            channel=Case.Channel.TELEGRAM,
            reporter=case_services.ReporterIn(chat_contact_id=contact.pk),
        ).case

    def said(case: Case) -> str:
        return Outbox.objects.filter(about=f"case:{case.pk}").order_by("-pk")[0].body

    case = new_case()
    code = case.tracking_code
    case_services.case_take(case=case, by=bhabin_a)
    assert said(case).startswith(f"Perkembangan laporan {code}: Laporan diambil petugas")
    case_services.case_reply(case=case, by=bhabin_a, message="Kami patroli malam ini.")
    assert said(case) == (
        f"Laporan {code} — petugas membalas:\n\n"
        "Kami patroli malam ini.\n\n"
        "Balas pesan ini untuk menambahkan keterangan."
    )
    case_services.case_resolve(case=case, by=bhabin_a, note="Pelaku sudah dibina.")
    assert said(case).startswith(
        f"Perkembangan laporan {code}: Laporan selesai ditangani (status: Selesai).\n\n"
        "Pelaku sudah dibina."
    )
    other = new_case()
    case_services.case_refer(case=other, by=bhabin_a, agency="PLN", reference="PLN-77")
    assert said(other).startswith(
        f"Perkembangan laporan {other.tracking_code}: Dirujuk ke PLN, nomor rujukan PLN-77"
    )
    # every update to the reporter is about its case, so a failed one shows on the case page
    assert not Outbox.objects.filter(to=contact.ref, about="").exists()


def test_outside_the_window_the_template_goes_first_and_the_officer_s_words_follow_the_answer(
    territory, provider, post_whatsapp
):
    # given a case filed by WhatsApp, and the citizen silent for more than a day
    bhabin = make_official(
        "bhabin_a", "polsek:64.74.01", UnitPost.Title.BHABINKAMTIBMAS, (VILLAGE_A,)
    )
    chat = WhatsApp(post_whatsapp)
    chat.text("Halo")
    chat.pick("kind:aspirasi")
    chat.pick("cat:balap-liar")
    chat.text("Bontang Baru")
    chat.text("Balap liar tiap malam.")
    chat.press("photo:skip")
    chat.press("confirm:yes")
    case = Case.objects.get()
    ChatContact.objects.update(last_inbound_at=timezone.now() - timedelta(hours=25))
    # when the officer replies
    case_services.case_reply(case=case, by=bhabin, message="Kami patroli malam ini.")
    run_worker()
    # then the approved template goes out (it invites a reply), not the words
    template = provider.sent("whatsapp")[-1].json()
    assert template["type"] == "template"
    sent = len(provider.sent("whatsapp"))
    # when the citizen answers it
    chat.text("Ok")
    # then the officer's words follow, and "Ok" starts nothing
    assert len(provider.sent("whatsapp")) == sent + 1
    assert provider.texts("whatsapp")[-1] == (
        f"Laporan {case.tracking_code} — petugas membalas:\n\n"
        "Kami patroli malam ini.\n\n"
        "Balas pesan ini untuk menambahkan keterangan."
    )
    assert Conversation.objects.get().state == Conversation.State.IDLE
    assert not Outbox.objects.filter(held=True).exists()
    # and a thank-you afterwards releases nothing more, and is answered in kind
    chat.text("Terima kasih")
    assert provider.texts("whatsapp")[-1] == (
        "Sama-sama. Kirim pesan kapan saja bila ada yang ingin dilaporkan."
    )
