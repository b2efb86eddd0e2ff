"""The guided conversation: kind → category → place → description → photo → confirm → code.

One state per contact (``Conversation``), advanced by one inbound message at a time under a row
lock. Every text a citizen reads lives here, in Indonesian, wrapped for translation. Menus are
numbered in the text too, so a plain SMS phone can answer with a digit; WhatsApp and Telegram
show the same choices as buttons or lists.
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
from sinergi.cases.photos import PhotoError, clean_photo
from sinergi.cases.photos import store as photo_store
from sinergi.messaging.chat import Choice, Inbound, ProviderError, Reply
from sinergi.messaging.models import ChatContact, ChatLine, Conversation, Outbox

log = logging.getLogger(__name__)

STOP_WORDS = {"batal", "stop", "berhenti", "cancel"}
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


def _handle(turn: Turn) -> list[Reply]:
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
    step = STEPS.get(conversation.state, _start)
    return step(turn)


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


def _menu(conversation: Conversation, state: str, text: str, choices: list[Choice]) -> Reply:
    """Shows a numbered menu and remembers its ids, so "2" means the second one."""
    numbered = "\n".join(f"{i}. {c.title}" for i, c in enumerate(choices, 1))
    _move(conversation, state, choices=[c.id for c in choices])
    return Reply(f"{text}\n\n{numbered}", choices=choices)


def _picked(turn: Turn) -> str:
    """The id the citizen picked: a button, a typed number, or the title typed out."""
    ids: list[str] = turn.conversation.data.get("choices", [])
    message = turn.message
    if message.choice in ids:
        return message.choice
    typed = fold(message.text)
    if typed.isdigit() and 1 <= int(typed) <= len(ids):
        return ids[int(typed) - 1]
    return ""


def _again(text: str) -> str:
    return _("Pilihan tidak dikenali. Balas dengan nomor pilihan.") + "\n\n" + text


# --- the steps ---------------------------------------------------------------------------------


def _kinds() -> list[Choice]:
    active = set(Category.objects.filter(active=True).values_list("kind", flat=True))
    return [Choice(f"kind:{value}", str(label)) for value, label in Category.Kind.choices
            if value in active]  # fmt: skip


def _start(turn: Turn) -> list[Reply]:
    welcome = _(
        "Selamat datang di layanan laporan Sinergi (Polri, TNI, dan pemerintah desa). "
        "Ketik BATAL kapan saja untuk berhenti. Untuk melihat laporan lama, ketik CEK dan "
        "kode lacaknya."
    )
    return [
        _menu(turn.conversation, Conversation.State.KIND, welcome + "\n\n" + KIND_Q(), _kinds())
    ]


def KIND_Q() -> str:  # noqa: N802 -- a text, named like the others' constants
    return _("Apa yang ingin Anda laporkan?")


def _kind(turn: Turn) -> list[Reply]:
    picked = _picked(turn) or (
        turn.message.choice if turn.message.choice.startswith("kind:") else ""
    )
    if not picked.startswith("kind:"):
        return [_menu(turn.conversation, Conversation.State.KIND, _again(KIND_Q()), _kinds())]
    kind = picked.removeprefix("kind:")
    categories = list(Category.objects.filter(kind=kind, active=True).order_by("order", "name"))
    if not categories:
        return [_menu(turn.conversation, Conversation.State.KIND, _again(KIND_Q()), _kinds())]
    if len(categories) == 1:
        _move(turn.conversation, Conversation.State.LOCATION, category=categories[0].slug)
        return [Reply(_where())]
    choices = [Choice(f"cat:{c.slug}", c.name) for c in categories]
    return [_menu(turn.conversation, Conversation.State.CATEGORY, _("Pilih kategorinya:"), choices)]


def _category(turn: Turn) -> list[Reply]:
    picked = _picked(turn)
    if not picked.startswith("cat:"):
        categories = Category.objects.filter(
            slug__in=[i.removeprefix("cat:") for i in turn.conversation.data.get("choices", [])]
        ).order_by("order", "name")
        choices = [Choice(f"cat:{c.slug}", c.name) for c in categories]
        text = _again(_("Pilih kategorinya:"))
        return [_menu(turn.conversation, Conversation.State.CATEGORY, text, choices)]
    _move(turn.conversation, Conversation.State.LOCATION, category=picked.removeprefix("cat:"))
    return [Reply(_where())]


def _where() -> str:
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
            turn.conversation, Conversation.State.DESCRIPTION, area=nearest.area.code,
            latitude=message.latitude, longitude=message.longitude,
        )  # fmt: skip
        return [Reply(_at(nearest.area) + "\n\n" + _describe())]
    typed = message.text.strip()
    if message.kind != "text" or len(fold(typed)) < 3:
        return [Reply(_where())]
    villages = _villages(typed, turn.line)
    if not villages:
        text = _("Desa atau kelurahan \u201c%(name)s\u201d tidak ditemukan. Coba ketik lagi.")
        return [Reply(text % {"name": typed[:60]})]
    if len(villages) == 1:
        return _chosen(turn, villages[0])
    choices = [Choice(f"area:{a.code}", a.name, _parents(a)) for a in villages]
    text = _("Pilih desa atau kelurahan yang dimaksud:")
    replies = [_menu(turn.conversation, Conversation.State.VILLAGE, text, choices)]
    # the descriptions (district, regency) do not show in plain text: add them to the list
    replies[0].text = (
        text
        + "\n\n"
        + "\n".join(f"{i}. {c.title} ({c.description})" for i, c in enumerate(choices, 1))
    )
    return replies


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
    return [Reply(_at(area) + "\n\n" + _describe())]


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


def _describe() -> str:
    return _("Ceritakan apa yang terjadi: apa, kapan, dan di mana tepatnya.")


def _description(turn: Turn) -> list[Reply]:
    message, conversation = turn.message, turn.conversation
    if message.kind == "photo" and message.media:
        # many people send the photo first, often with the story as its caption
        refused = _keep_photo(turn)
        if refused is not None:
            return [Reply(refused + " " + _describe())]
        if message.text.strip():
            _move(conversation, Conversation.State.PHOTO, description=message.text.strip()[:5000])
            return [_confirm_prompt(conversation)]
        return [Reply(_("Foto diterima.") + " " + _describe())]
    text = message.text.strip()
    if message.kind != "text" or not text:
        return [Reply(_describe())]
    _move(conversation, Conversation.State.PHOTO, description=text[:5000])
    if conversation.data.get("photo"):
        return [_confirm_prompt(conversation)]
    return [_photo_prompt(conversation)]


def _photo_prompt(conversation: Conversation) -> Reply:
    text = _("Ada foto? Kirim satu foto sekarang, atau pilih Lewati.")
    return _menu(conversation, Conversation.State.PHOTO, text, [Choice("photo:skip", _("Lewati"))])


def _photo(turn: Turn) -> list[Reply]:
    message = turn.message
    if message.kind == "photo" and message.media:
        refused = _keep_photo(turn)
        if refused is not None:
            return [Reply(refused + " " + _("Kirim foto lain, atau pilih Lewati."))]
        return [_confirm_prompt(turn.conversation)]
    if _picked(turn) == "photo:skip" or fold(message.text) in SKIP_WORDS:
        return [_confirm_prompt(turn.conversation)]
    return [_photo_prompt(turn.conversation)]


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


def _confirm_prompt(conversation: Conversation) -> Reply:
    data = conversation.data
    category = Category.objects.filter(slug=data.get("category")).first()
    area = Area.objects.filter(code=data.get("area")).first()
    summary = _(
        "Periksa laporan Anda:\nKategori: %(category)s\nLokasi: %(village)s\nUraian: "
        "%(description)s\nFoto: %(photo)s\n\nKirim laporan ini?"
    ) % {
        "category": category.name if category else "-",
        "village": area.label if area else "-",
        "description": str(data.get("description", ""))[:300],
        "photo": _("ada") if data.get("photo") else _("tidak ada"),
    }
    choices = [Choice("confirm:yes", _("Kirim")), Choice("confirm:no", _("Batal"))]
    return _menu(conversation, Conversation.State.CONFIRM, summary, choices)


def _confirm(turn: Turn) -> list[Reply]:
    picked = _picked(turn)
    word = fold(turn.message.text)
    if picked == "confirm:no":
        _reset(turn.conversation)
        return [Reply(_("Laporan dibatalkan. Kirim pesan apa saja untuk mulai lagi."))]
    if picked != "confirm:yes" and word not in YES_WORDS:
        return [_confirm_prompt(turn.conversation)]
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
            category=category, area=area, description=str(data.get("description", "")),
            channel=message.channel,
            reporter=case_services.ReporterIn(anonymous=True, chat_contact_id=turn.contact.pk),
            latitude=data.get("latitude"), longitude=data.get("longitude"), photo=photo,
            # the confirming message's provider id: a redelivered "Kirim" finds the same case
            idempotency_key=case_services.client_key(
                source=f"chat-{message.channel}", user_id=None, raw=message.external_id
            ),
        )  # fmt: skip
    except (case_services.IntakeError, PhotoError) as exc:
        _reset(turn.conversation)
        return Reply(str(exc) + " " + _("Kirim pesan apa saja untuk mulai lagi."))
    _reset(turn.conversation)
    case = submitted.case
    text = _(
        "Laporan Anda sudah kami terima. Kode lacak: %(code)s\nSimpan kode ini. Tanggapan petugas "
        "akan dikirim ke percakapan ini; balas pesan ini untuk menambah keterangan."
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
    text = turn.message.text.strip() or _("(foto)")
    case_services.case_reporter_message(case=case, message=text, channel=turn.message.channel)
    return Reply(
        _("Pesan Anda sudah diteruskan ke petugas yang menangani laporan %(code)s.")
        % {"code": case.tracking_code},
        case_id=case.pk,
    )


STEPS: dict[str, Callable[[Turn], list[Reply]]] = {
    Conversation.State.IDLE: _start,
    Conversation.State.KIND: _kind,
    Conversation.State.CATEGORY: _category,
    Conversation.State.LOCATION: _location,
    Conversation.State.VILLAGE: _village,
    Conversation.State.DESCRIPTION: _description,
    Conversation.State.PHOTO: _photo,
    Conversation.State.CONFIRM: _confirm,
}
