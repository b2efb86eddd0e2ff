"""The guided conversation: kind → category → place → description → photo → confirm → code.

One state per contact (``Conversation``), advanced by one inbound message at a time under a row
lock. Every text a citizen reads lives here, in Indonesian, wrapped for translation, in words
that fit the channel: WhatsApp and Telegram show choices as buttons or lists (the transports
fit them to the providers' limits); an SMS gets them as numbered lines and is never asked for a
location or a photo. A typed number picks the n-th choice everywhere.

Every kind of message has a deliberate answer (``chat.KINDS``): a sticker, a voice note, a file
or what the provider cannot show us is said to be unreadable and the current question asked
again, never a new start; a greeting or /start half-way asks whether to go on or start anew; a
person with an open case is offered to add to it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sinergi.areas.models import Area
from sinergi.areas.selectors import area_nearest_village, area_search
from sinergi.areas.text import fold
from sinergi.cases import selectors as case_selectors
from sinergi.cases import services as case_services
from sinergi.cases import tracking
from sinergi.cases.models import Case, Category
from sinergi.messaging.chat import Choice, Inbound, ProviderError, Reply
from sinergi.messaging.models import ChatContact, ChatLine, Conversation, Outbox
from sinergi.platform.photos import PhotoError, clean_photo
from sinergi.platform.photos import store as photo_store

log = logging.getLogger(__name__)

STOP_WORDS = {"batal", "stop", "berhenti", "cancel"}
# A message made only of these words is a greeting (or "start"), never a village or a story.
GREETING_WORDS = {
    "halo",
    "hallo",
    "helo",
    "hello",
    "hai",
    "hay",
    "hi",
    "hey",
    "p",
    "ping",
    "tes",
    "test",
    "selamat",
    "met",
    "pagi",
    "siang",
    "sore",
    "malam",
    "salam",
    "permisi",
    "punten",
    "assalamualaikum",
    "asalamualaikum",
    "assalamu",
    "alaikum",
    "wr",
    "wb",
    "start",
    "mulai",
    "menu",
    "lapor",
    "pak",
    "bu",
    "bapak",
    "ibu",
    "min",
    "admin",
    "kak",
    "mas",
    "mbak",
    "bang",
    "om",
    "gan",
}
THANKS_WORDS = {
    "ok",
    "oke",
    "okay",
    "ya",
    "iya",
    "baik",
    "siap",
    "terima",
    "kasih",
    "makasih",
    "trims",
    "thanks",
    "thx",
    "tq",
    "sip",
    "mantap",
    "noted",
}
# Kinds the conversation cannot read: said so, and the current question asked again.
UNREADABLE = {"sticker", "voice", "media", "contact", "unsupported"}
BUTTONS = {"whatsapp", "telegram"}  # channels that show choices as buttons
SKIP_WORDS = {"lewati", "lewat", "tidak", "tidak ada", "skip", "tanpa foto"}
YES_WORDS = {"kirim", "ya", "iya", "ok", "oke", "yes"}
VILLAGE_CHOICES = 9
# A report left half-way is forgotten after this long: "halo" three days later starts afresh
# instead of becoming the description.
STALE_AFTER = timedelta(hours=12)
PENDING_PHOTOS = "chat/pending"


@dataclass(frozen=True, slots=True)
class Turn:
    """Who is writing, on which line, and what they wrote."""

    contact: ChatContact
    conversation: Conversation
    message: Inbound
    line: ChatLine | None


def handle(turn: Turn) -> list[Reply]:
    with translation.override("id"):
        return _handle(turn)


def _handle(turn: Turn) -> list[Reply]:  # noqa: PLR0911 -- one return per rule, in order
    message, conversation = turn.message, turn.conversation
    if conversation.state != Conversation.State.IDLE and (
        conversation.updated_at < timezone.now() - STALE_AFTER
    ):
        _reset(conversation)
    word = fold(message.text)
    if word in STOP_WORDS or message.choice == "stop":
        _reset(conversation)
        return [Reply(_("Laporan dibatalkan. Kirim pesan apa saja untuk mulai lagi."))]
    if word.startswith(("cek ", "status ")) or word in {"cek", "status"}:
        return [_status(message.text)]
    if message.reply_to and message.kind in {"text", "photo"}:
        threaded = _to_thread(turn)
        if threaded is not None:
            return [threaded]
    idle = conversation.state == Conversation.State.IDLE
    if message.kind in UNREADABLE:
        return _unreadable(turn)
    own_prompt = {Conversation.State.RESUME, Conversation.State.NOTE}  # they ask it themselves
    if not idle and _greeting(message) and conversation.state not in own_prompt:
        return [_resume_prompt(turn)]
    if idle and is_small_talk(message) and not _greeting(message):  # "ok", "terima kasih"
        return [Reply(_("Sama-sama. Kirim pesan kapan saja bila ada yang ingin dilaporkan."))]
    if idle and message.kind in {"text", "photo"} and (open_case := _open_case(turn.contact)):
        return [_open_case_prompt(turn, open_case)]
    step = STEPS.get(conversation.state, _start)
    return step(turn)


def _greeting(message: Inbound) -> bool:
    words = fold(message.text).split()
    return message.kind == "text" and 0 < len(words) <= 5 and set(words) <= GREETING_WORDS


def is_small_talk(message: Inbound) -> bool:
    """A greeting or a thank-you: nothing to act on."""
    words = fold(message.text).split()
    return (
        message.kind == "text"
        and 0 < len(words) <= 5
        and set(words) <= GREETING_WORDS | THANKS_WORDS
    )


def _buttons(turn: Turn) -> bool:
    return turn.message.channel in BUTTONS


def _reset(conversation: Conversation) -> None:
    photo = conversation.data.get("photo")
    if photo:
        default_storage.delete(photo)
    conversation.state = Conversation.State.IDLE
    conversation.data = {}
    conversation.save(update_fields=["state", "data", "updated_at"])


def _move(conversation: Conversation, state: str, **data: Any) -> None:
    conversation.state = state
    conversation.data = {**conversation.data, **data}
    conversation.save(update_fields=["state", "data", "updated_at"])


def _menu(turn: Turn, state: str, text: str, choices: list[Choice]) -> Reply:
    """Asks a question with choices and remembers their ids, so "2" means the second one. The
    transport shows them as buttons, a list, or numbered lines (SMS)."""
    _move(turn.conversation, state, choices=[c.id for c in choices])
    if not _buttons(turn):
        text += " " + _("Balas dengan nomor pilihan Anda.")
    return Reply(text, choices=choices)


def _picked(turn: Turn) -> str:
    """The id the citizen picked: a button, a typed number, or a button carrying a number (an id
    too long for the provider goes as its number)."""
    ids: list[str] = turn.conversation.data.get("choices", [])
    message = turn.message
    if message.choice in ids:
        return message.choice
    for typed in (message.choice, fold(message.text)):
        if typed.isdigit() and 1 <= int(typed) <= len(ids):
            return ids[int(typed) - 1]
    return ""


def _again(turn: Turn, text: str) -> str:
    if _buttons(turn):
        return _("Pilihan tidak dikenali. Pilih salah satu di bawah.") + "\n\n" + text
    return _("Pilihan tidak dikenali.") + "\n\n" + text


# --- the steps ---------------------------------------------------------------------------------


def _kinds() -> list[Choice]:
    active = set(Category.objects.filter(active=True).values_list("kind", flat=True))
    return [
        Choice(f"kind:{value}", str(label))
        for value, label in Category.Kind.choices
        if value in active
    ]


def _welcome() -> str:
    return _(
        "Selamat datang di layanan laporan Sinergi (Polri, TNI, dan pemerintah desa). "
        "Ketik BATAL kapan saja untuk berhenti. Untuk melihat laporan lama, ketik CEK dan "
        "kode lacaknya."
    )


def _start(turn: Turn) -> list[Reply]:
    return [_ask_kind(turn, _welcome() + "\n\n" + KIND_Q())]


def KIND_Q() -> str:  # noqa: N802 -- a text, named like the others' constants
    return _("Apa yang ingin Anda laporkan?")


def _ask_kind(turn: Turn, text: str) -> Reply:
    return _menu(turn, Conversation.State.KIND, text, _kinds())


def _kind(turn: Turn) -> list[Reply]:
    picked = _picked(turn) or (
        turn.message.choice if turn.message.choice.startswith("kind:") else ""
    )
    if not picked.startswith("kind:"):
        return [_ask_kind(turn, _again(turn, KIND_Q()))]
    kind = picked.removeprefix("kind:")
    categories = list(Category.objects.filter(kind=kind, active=True).order_by("order", "name"))
    if not categories:
        return [_ask_kind(turn, _again(turn, KIND_Q()))]
    if len(categories) == 1:
        _move(turn.conversation, Conversation.State.LOCATION, category=categories[0].slug)
        return [Reply(_where(turn))]
    return [_ask_category(turn, categories, _("Pilih kategorinya:"))]


def _ask_category(turn: Turn, categories: list[Category], text: str) -> Reply:
    choices = [Choice(f"cat:{c.slug}", c.name) for c in categories]
    return _menu(turn, Conversation.State.CATEGORY, text, choices)


def _offered_categories(turn: Turn) -> list[Category]:
    slugs = [i.removeprefix("cat:") for i in turn.conversation.data.get("choices", [])]
    return list(Category.objects.filter(slug__in=slugs).order_by("order", "name"))


def _category(turn: Turn) -> list[Reply]:
    picked = _picked(turn)
    if not picked.startswith("cat:"):
        text = _again(turn, _("Pilih kategorinya:"))
        return [_ask_category(turn, _offered_categories(turn), text)]
    _move(turn.conversation, Conversation.State.LOCATION, category=picked.removeprefix("cat:"))
    return [Reply(_where(turn))]


def _where(turn: Turn) -> str:
    if turn.message.channel == "sms":  # an SMS cannot share a location
        return _("Di mana kejadiannya? Ketik nama desa atau kelurahan.")
    return _(
        "Di mana kejadiannya? Kirim lokasi Anda (fitur Bagikan Lokasi), atau ketik nama desa "
        "atau kelurahan."
    )


def _location(turn: Turn) -> list[Reply]:
    message = turn.message
    if (
        message.kind == "location"
        and message.latitude is not None
        and message.longitude is not None
    ):
        nearest = area_nearest_village(latitude=message.latitude, longitude=message.longitude)
        if nearest is None:
            return [Reply(_("Lokasi itu di luar wilayah kami. Ketik nama desa atau kelurahan."))]
        _move(
            turn.conversation,
            Conversation.State.DESCRIPTION,
            area=nearest.area.code,
            latitude=message.latitude,
            longitude=message.longitude,
        )
        return [Reply(_at(nearest.area) + "\n\n" + _describe(turn))]
    typed = message.text.strip()
    if message.kind != "text" or len(fold(typed)) < 3:
        return [Reply(_where(turn))]
    villages = _villages(typed, turn.line)
    if not villages:
        text = _("Desa atau kelurahan “%(name)s” tidak ditemukan. Coba ketik lagi.")
        return [Reply(text % {"name": typed[:60]})]
    if len(villages) == 1:
        return _chosen(turn, villages[0])
    return [_ask_village(turn, villages, _("Pilih desa atau kelurahan yang dimaksud:"))]


def _ask_village(turn: Turn, villages: list[Area], text: str) -> Reply:
    # the district and regency tell two villages of one name apart: a list row's description,
    # a Telegram key's second half, an SMS line's brackets
    choices = [Choice(f"area:{a.code}", a.name, _parents(a)) for a in villages]
    return _menu(turn, Conversation.State.VILLAGE, text, choices)


def _village(turn: Turn) -> list[Reply]:
    picked = _picked(turn)
    if picked.startswith("area:"):
        area = Area.objects.current().filter(code=picked.removeprefix("area:")).first()
        if area is not None:
            return _chosen(turn, area)
    # anything else is a new name to look up
    return _location(turn)


def _chosen(turn: Turn, area: Area) -> list[Reply]:
    _move(turn.conversation, Conversation.State.DESCRIPTION, area=area.code)
    return [Reply(_at(area) + "\n\n" + _describe(turn))]


def _villages(typed: str, line: ChatLine | None) -> list[Area]:
    """Villages matching the name; those the line's unit serves come first."""
    found = area_search(q=typed, level=Area.Level.VILLAGE, limit=40).items
    served: list[str] = []
    if line is not None and line.unit_id is not None:
        served = list(line.unit.areas.values_list("code", flat=True)) if line.unit else []

    def ours(area: Area) -> bool:
        return any(area.code == c or area.code.startswith(c + ".") for c in served)

    found.sort(key=lambda a: not ours(a))
    return found[:VILLAGE_CHOICES]


def _parents(area: Area) -> str:
    parent = area.parent
    names: list[str] = []
    while parent is not None and len(names) < 2:
        names.append(parent.name)
        parent = parent.parent
    return ", ".join(names)


def _at(area: Area) -> str:
    return _("Lokasi: %(village)s (%(parents)s).") % {
        "village": area.name,
        "parents": _parents(area),
    }


def _describe(turn: Turn) -> str:
    del turn  # the same question on every channel
    return _("Ceritakan apa yang terjadi: apa, kapan, dan di mana tepatnya.")


def _description(turn: Turn) -> list[Reply]:
    message, conversation = turn.message, turn.conversation
    if message.kind == "photo" and message.media:
        # many people send the photo first, often with the story as its caption
        refused = _keep_photo(turn)
        if refused is not None:
            return [Reply(refused + " " + _describe(turn))]
        if message.text.strip():
            _move(conversation, Conversation.State.PHOTO, description=message.text.strip()[:5000])
            return [_confirm_prompt(turn)]
        return [Reply(_("Foto diterima.") + " " + _describe(turn))]
    text = message.text.strip()
    if message.kind != "text" or not text:
        return [Reply(_describe(turn))]
    _move(conversation, Conversation.State.PHOTO, description=text[:5000])
    if conversation.data.get("photo") or message.channel == "sms":  # an SMS carries no photo
        return [_confirm_prompt(turn)]
    return [_photo_prompt(turn)]


def _photo_prompt(turn: Turn) -> Reply:
    text = _("Ada foto? Kirim satu foto sekarang, atau pilih Lewati.")
    return _menu(turn, Conversation.State.PHOTO, text, [Choice("photo:skip", _("Lewati"))])


def _photo(turn: Turn) -> list[Reply]:
    message = turn.message
    if message.kind == "photo" and message.media:
        refused = _keep_photo(turn)
        if refused is not None:
            return [Reply(refused + " " + _("Kirim foto lain, atau pilih Lewati."))]
        return [_confirm_prompt(turn)]
    if _picked(turn) == "photo:skip" or fold(message.text) in SKIP_WORDS:
        return [_confirm_prompt(turn)]
    return [_photo_prompt(turn)]


def _keep_photo(turn: Turn) -> str | None:
    """Keeps the photo (a second one replaces the first); the reason when it cannot be kept."""
    try:
        stored = _store_photo(turn.message)
    except (PhotoError, ProviderError) as exc:
        log.info("chat photo refused: %s", exc)
        return str(exc) if isinstance(exc, PhotoError) else _("Foto tidak dapat diambil.")
    previous = turn.conversation.data.get("photo")
    try:
        _move(turn.conversation, turn.conversation.state, photo=stored)
    except BaseException:
        default_storage.delete(stored)
        raise
    if previous:
        default_storage.delete(previous)
    return None


def _store_photo(message: Inbound) -> str:
    """Downloads the photo and keeps a cleaned copy (no EXIF) until the report is sent."""
    from sinergi.messaging.services import media_fetch  # noqa: PLC0415 -- services import us

    content = media_fetch(channel=message.channel, media=message.media)
    cleaned = clean_photo(SimpleUploadedFile("chat-photo", content))
    return photo_store(cleaned, PENDING_PHOTOS)


def _confirm_prompt(turn: Turn) -> Reply:
    data = turn.conversation.data
    category = Category.objects.filter(slug=data.get("category")).first()
    area = Area.objects.filter(code=data.get("area")).first()
    values = {
        "category": category.name if category else "-",
        "village": area.label if area else "-",
        "description": str(data.get("description", ""))[:300],
        "photo": _("ada") if data.get("photo") else _("tidak ada"),
    }
    if turn.message.channel == "sms":
        summary = (
            _(
                "Periksa laporan Anda:\nKategori: %(category)s\nLokasi: %(village)s\nUraian: "
                "%(description)s\n\nKirim laporan ini?"
            )
            % values
        )
    else:
        summary = (
            _(
                "Periksa laporan Anda:\nKategori: %(category)s\nLokasi: %(village)s\nUraian: "
                "%(description)s\nFoto: %(photo)s\n\nKirim laporan ini?"
            )
            % values
        )
    choices = [Choice("confirm:yes", _("Kirim")), Choice("confirm:no", _("Batal"))]
    return _menu(turn, Conversation.State.CONFIRM, summary, choices)


def _confirm(turn: Turn) -> list[Reply]:
    picked = _picked(turn)
    word = fold(turn.message.text)
    if picked == "confirm:no":
        _reset(turn.conversation)
        return [Reply(_("Laporan dibatalkan. Kirim pesan apa saja untuk mulai lagi."))]
    if picked != "confirm:yes" and word not in YES_WORDS:
        return [_confirm_prompt(turn)]
    return [_file(turn)]


def _file(turn: Turn) -> Reply:
    data, message = turn.conversation.data, turn.message
    category = Category.objects.filter(slug=data.get("category")).first()
    area = Area.objects.filter(code=data.get("area")).first()
    if category is None or area is None:
        _reset(turn.conversation)
        return Reply(_("Laporan belum lengkap. Kirim pesan apa saja untuk mulai lagi."))
    photo = None
    if data.get("photo"):
        with default_storage.open(data["photo"]) as stored:
            photo = SimpleUploadedFile(data["photo"].rsplit("/", 1)[-1], stored.read())
    try:
        submitted = case_services.case_submit(
            category=category,
            area=area,
            description=str(data.get("description", "")),
            channel=message.channel,
            reporter=case_services.ReporterIn(anonymous=True, chat_contact_id=turn.contact.pk),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            photo=photo,
            # the confirming message's provider id: a redelivered "Kirim" finds the same case
            idempotency_key=case_services.client_key(
                source=f"chat-{message.channel}", user_id=None, raw=message.external_id
            ),
        )
    except (case_services.IntakeError, PhotoError) as exc:
        _reset(turn.conversation)
        return Reply(str(exc) + " " + _("Kirim pesan apa saja untuk mulai lagi."))
    _reset(turn.conversation)
    case = submitted.case
    if message.channel == "sms":
        text = _(
            "Laporan Anda sudah kami terima. Kode lacak: %(code)s\nSimpan kode ini. Tanggapan "
            "petugas akan dikirim lewat SMS; ketik CEK %(code)s untuk melihat statusnya."
        ) % {"code": case.tracking_code}
    else:
        text = _(
            "Laporan Anda sudah kami terima. Kode lacak: %(code)s\nSimpan kode ini. Tanggapan "
            "petugas akan dikirim ke percakapan ini; balas pesan ini untuk menambah keterangan."
        ) % {"code": case.tracking_code}
    return Reply(text, case_id=case.pk)


def _status(text: str) -> Reply:
    raw = text.strip().split(maxsplit=1)
    code = tracking.normalize(raw[1]) if len(raw) == 2 else None
    case = case_selectors.case_by_tracking_code(code) if code else None
    if case is None:
        return Reply(_("Kode lacak tidak ditemukan. Contoh: CEK SNG-7K4Q-92XD"))
    return Reply(
        _("Laporan %(code)s: %(status)s.")
        % {
            "code": case.tracking_code,
            "status": case.get_status_display(),
        }
    )


def _to_thread(turn: Turn) -> Reply | None:
    """A reply to one of our case messages joins that case's thread (only the case's own
    contact: the message we answered was sent to them)."""
    sent = (
        Outbox.objects.filter(
            provider_id=turn.message.reply_to, channel=turn.contact.channel, to=turn.contact.ref
        )
        .exclude(data__case=None)
        .first()
    )
    case_id = sent.data.get("case") if sent is not None else None
    case = Case.objects.filter(pk=case_id).first() if case_id else None
    if case is None:
        return None
    return _add_to_case(turn, case)


def _add_to_case(turn: Turn, case: Case, text: str = "") -> Reply:
    text = text or turn.message.text.strip() or _("(foto)")
    case_services.case_reporter_message(
        case=case,
        message=text,
        channel=turn.message.channel,
        reporter=case.reporters.filter(chat_contact=turn.contact).first(),
    )
    return Reply(
        _("Pesan Anda sudah diteruskan ke petugas yang menangani laporan %(code)s.")
        % {"code": case.tracking_code},
        case_id=case.pk,
    )


# --- what is not a step: unreadable kinds, greetings half-way, an open case ----------------------


def _unreadable(turn: Turn) -> list[Reply]:
    """A sticker, a voice note, a file, a contact card or what the provider cannot show us: said
    so in a word, and the question the person is at asked again. Nothing starts anew; a sticker
    outside a report (a thank-you, a wave) gets no answer at all."""
    kind, idle = turn.message.kind, turn.conversation.state == Conversation.State.IDLE
    if kind == "sticker" and idle:
        return []
    said = {
        "sticker": _("Stiker tidak dapat kami baca."),
        "voice": _("Pesan suara belum dapat kami dengarkan. Mohon ketik pesan Anda."),
        "media": _("Kami hanya dapat menerima teks, foto, dan lokasi."),
        "contact": _("Kartu kontak tidak kami perlukan; identitas Anda tidak diminta."),
        "unsupported": _("Jenis pesan ini tidak dapat kami baca. Mohon ketik pesan Anda."),
    }[kind]
    if idle:
        return [Reply(said + " " + _("Ketik pesan apa saja untuk membuat laporan."))]
    again = _ask_again(turn)
    again.text = said + "\n\n" + again.text
    return [again]


def _ask_again(turn: Turn) -> Reply:
    """The question of the step the person is at, with its choices."""
    conversation, state = turn.conversation, turn.conversation.state
    codes = [i.removeprefix("area:") for i in conversation.data.get("choices", [])]
    asks: dict[str, Callable[[], Reply]] = {
        Conversation.State.KIND: lambda: _ask_kind(turn, KIND_Q()),
        Conversation.State.CATEGORY: lambda: _ask_category(
            turn, _offered_categories(turn), _("Pilih kategorinya:")
        ),
        Conversation.State.LOCATION: lambda: Reply(_where(turn)),
        Conversation.State.VILLAGE: lambda: _ask_village(
            turn,
            list(Area.objects.filter(code__in=codes).order_by("name")),
            _("Pilih desa atau kelurahan yang dimaksud:"),
        ),
        Conversation.State.DESCRIPTION: lambda: Reply(_describe(turn)),
        Conversation.State.PHOTO: lambda: _photo_prompt(turn),
        Conversation.State.CONFIRM: lambda: _confirm_prompt(turn),
        Conversation.State.RESUME: lambda: _resume_menu(turn),
        Conversation.State.NOTE: lambda: _note_prompt(turn),
    }
    return asks.get(state, lambda: Reply(_describe(turn)))()


def _resume_prompt(turn: Turn) -> Reply:
    """A greeting or /start half-way: the report so far is kept until the person chooses."""
    conversation = turn.conversation
    conversation.data = {
        **conversation.data,
        "resume": {"state": conversation.state, "choices": conversation.data.get("choices", [])},
    }
    return _resume_menu(turn)


def _resume_menu(turn: Turn) -> Reply:
    text = _("Anda punya laporan yang belum selesai. Lanjutkan atau mulai baru?")
    choices = [Choice("resume:go", _("Lanjutkan")), Choice("resume:new", _("Mulai baru"))]
    return _menu(turn, Conversation.State.RESUME, text, choices)


def _resume(turn: Turn) -> list[Reply]:
    picked = _picked(turn)
    if picked == "resume:new":
        _reset(turn.conversation)
        return _start(turn)
    if picked != "resume:go":
        return [_resume_menu(turn) if _greeting(turn.message) else _again_resume(turn)]
    saved = turn.conversation.data.get("resume") or {}
    data = {k: v for k, v in turn.conversation.data.items() if k != "resume"}
    _move(turn.conversation, saved.get("state", Conversation.State.IDLE))
    turn.conversation.data = {**data, "choices": saved.get("choices", [])}
    turn.conversation.save(update_fields=["data", "updated_at"])
    if turn.conversation.state == Conversation.State.IDLE:
        return _start(turn)
    return [_ask_again(turn)]


def _again_resume(turn: Turn) -> Reply:
    reply = _resume_menu(turn)
    reply.text = _again(turn, reply.text)
    return reply


def _open_case(contact: ChatContact) -> Case | None:
    """The latest case this contact filed that is still being handled."""
    open_statuses = [Case.Status.BARU, Case.Status.DITERIMA, Case.Status.DITANGANI]
    return (
        Case.objects.filter(reporters__chat_contact=contact, status__in=open_statuses)
        .order_by("-created_at", "-pk")
        .first()
    )


def _open_case_prompt(turn: Turn, case: Case) -> Reply:
    """Someone with an open case writes again, not as a reply: add it to that case, or a new
    report? A greeting asks what to add; a message is kept to be added as it is."""
    pending = "" if _greeting(turn.message) else turn.message.text.strip()[:2000]
    if turn.message.kind == "photo" and not pending:
        pending = _("(foto)")
    _move(turn.conversation, Conversation.State.NOTE, case=case.pk, pending=pending)
    return _note_menu(turn, case)


def _note_menu(turn: Turn, case: Case) -> Reply:
    values = {"code": case.tracking_code, "status": case.get_status_display()}
    if turn.conversation.data.get("pending"):
        text = (
            _(
                "Laporan Anda %(code)s masih berjalan (status: %(status)s). Tambahkan pesan ini ke "
                "laporan itu, atau buat laporan baru?"
            )
            % values
        )
    else:
        text = (
            _(
                "Laporan Anda %(code)s masih berjalan (status: %(status)s). Ingin menambah "
                "keterangan untuk laporan itu, atau membuat laporan baru?"
            )
            % values
        )
    choices = [Choice("note:add", _("Tambahkan")), Choice("resume:new", _("Laporan baru"))]
    return _menu(turn, Conversation.State.NOTE, text, choices)


def _note_prompt(turn: Turn) -> Reply:
    case = Case.objects.filter(pk=turn.conversation.data.get("case")).first()
    if case is None:
        return Reply(_describe(turn))
    if turn.conversation.data.get("writing"):
        return Reply(
            _("Tulis keterangan tambahan untuk laporan %(code)s.") % {"code": case.tracking_code}
        )
    return _note_menu(turn, case)


def _note(turn: Turn) -> list[Reply]:  # noqa: PLR0911 -- one return per choice
    data = turn.conversation.data
    case = Case.objects.filter(pk=data.get("case")).first()
    if case is None:
        _reset(turn.conversation)
        return _start(turn)
    if data.get("writing"):
        if _greeting(turn.message) or not (
            turn.message.text.strip() or turn.message.kind == "photo"
        ):
            return [_note_prompt(turn)]
        _reset(turn.conversation)
        return [_add_to_case(turn, case)]
    picked = _picked(turn)
    if picked == "resume:new":
        _reset(turn.conversation)
        return _start(turn)
    if picked == "note:add":
        if data.get("pending"):
            _reset(turn.conversation)
            return [_add_to_case(turn, case, str(data["pending"]))]
        _move(turn.conversation, Conversation.State.NOTE, writing=True)
        return [_note_prompt(turn)]
    reply = _note_menu(turn, case)
    if not _greeting(turn.message):
        reply.text = _again(turn, reply.text)
    return [reply]


STEPS: dict[str, Callable[[Turn], list[Reply]]] = {
    Conversation.State.IDLE: _start,
    Conversation.State.KIND: _kind,
    Conversation.State.CATEGORY: _category,
    Conversation.State.LOCATION: _location,
    Conversation.State.VILLAGE: _village,
    Conversation.State.DESCRIPTION: _description,
    Conversation.State.PHOTO: _photo,
    Conversation.State.CONFIRM: _confirm,
    Conversation.State.RESUME: _resume,
    Conversation.State.NOTE: _note,
}
