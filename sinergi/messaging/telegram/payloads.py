"""Telegram Bot API Update objects (message, callback_query, my_chat_member), as the Bot API
documents them; other update kinds are recognised and left alone."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sinergi.messaging.chat import Inbound


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class User(_Model):
    id: int
    is_bot: bool = False
    first_name: str = ""


class Chat(_Model):
    id: int
    type: str = "private"


class PhotoSize(_Model):
    file_id: str
    file_unique_id: str = ""
    width: int = 0
    height: int = 0
    file_size: int | None = None


class Location(_Model):
    latitude: float
    longitude: float


class Contact(_Model):
    phone_number: str
    first_name: str = ""
    user_id: int | None = None


class ReplyTo(_Model):
    message_id: int
    chat: Chat


class Message(_Model):
    message_id: int
    date: int = 0
    from_: User | None = Field(None, alias="from")
    chat: Chat
    text: str = ""
    caption: str = ""
    photo: list[PhotoSize] = []
    location: Location | None = None
    contact: Contact | None = None
    reply_to_message: ReplyTo | None = None
    # what else a message can carry, each only to know which it was
    sticker: dict[str, Any] | None = None
    voice: dict[str, Any] | None = None
    video_note: dict[str, Any] | None = None
    audio: dict[str, Any] | None = None
    video: dict[str, Any] | None = None
    document: dict[str, Any] | None = None
    animation: dict[str, Any] | None = None


class CallbackQuery(_Model):
    id: str
    from_: User = Field(alias="from")
    message: Message | None = None
    data: str = ""


class ChatMember(_Model):
    status: str  # creator, administrator, member, restricted, left, kicked


class ChatMemberUpdated(_Model):
    """my_chat_member: the bot's own status in a chat changed; in a private chat, "kicked" is
    the person blocking the bot and "member" unblocking it."""

    chat: Chat
    from_: User = Field(alias="from")
    date: int = 0
    old_chat_member: ChatMember
    new_chat_member: ChatMember


class Update(_Model):
    update_id: int
    message: Message | None = None
    callback_query: CallbackQuery | None = None
    my_chat_member: ChatMemberUpdated | None = None

    @property
    def wanted(self) -> bool:
        return any((self.message, self.callback_query, self.my_chat_member))


def to_inbound(bot_id: str, raw: dict[str, Any]) -> Inbound | None:  # noqa: PLR0911 -- one return per kind of update
    """The update in the shape every channel shares; None for kinds a conversation ignores."""
    update = Update.model_validate(raw)
    external_id = f"{bot_id}:{update.update_id}"
    if update.callback_query is not None:
        query = update.callback_query
        # "message" is absent when the message with the button is too old: the chat is then
        # the private chat with the person who pressed it
        chat = query.message.chat.id if query.message else query.from_.id
        return Inbound(
            channel="telegram",
            account=bot_id,
            sender=str(chat),
            external_id=external_id,
            kind="choice",
            choice=query.data,
            callback_id=query.id,
        )
    member = update.my_chat_member
    if member is not None:
        if member.chat.type != "private":
            return None
        status = member.new_chat_member.status
        kind = "blocked" if status == "kicked" else "unblocked" if status == "member" else ""
        if not kind:
            return None
        return Inbound(
            channel="telegram",
            account=bot_id,
            sender=str(member.chat.id),
            external_id=external_id,
            kind=kind,
        )
    message = update.message
    if message is None or message.chat.type != "private":
        return None
    base: dict[str, Any] = {
        "channel": "telegram",
        "account": bot_id,
        "sender": str(message.chat.id),
        "external_id": external_id,
        "reply_to": (
            f"{message.reply_to_message.chat.id}:{message.reply_to_message.message_id}"
            if message.reply_to_message
            else ""
        ),
    }
    if message.location is not None:
        return Inbound(
            **base,
            kind="location",
            latitude=message.location.latitude,
            longitude=message.location.longitude,
        )
    if message.photo:
        largest = max(message.photo, key=lambda p: p.width * p.height)
        return Inbound(**base, kind="photo", media=largest.file_id, text=message.caption)
    if message.contact is not None:
        # a shared phone number is not needed to file a case; it is never stored
        return Inbound(**base, kind="contact")
    if message.sticker is not None:
        return Inbound(**base, kind="sticker")
    if message.voice is not None or message.video_note is not None:
        return Inbound(**base, kind="voice")
    if any((message.audio, message.video, message.document, message.animation)):
        return Inbound(**base, kind="media")
    if message.text:
        return Inbound(**base, kind="text", text=message.text)
    return Inbound(**base, kind="unsupported")
