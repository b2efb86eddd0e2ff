"""WhatsApp Cloud API webhook payloads (the messages and statuses of the "messages" field), as
Meta documents them; everything we do not read is ignored, never an error."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sinergi.messaging.chat import Inbound


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Metadata(_Model):
    display_phone_number: str = ""
    phone_number_id: str


class Text(_Model):
    body: str = ""


class Media(_Model):
    id: str
    mime_type: str = ""
    caption: str = ""


class Location(_Model):
    latitude: float
    longitude: float
    name: str = ""
    address: str = ""


class Reply(_Model):
    id: str
    title: str = ""


class Interactive(_Model):
    type: str
    button_reply: Reply | None = None
    list_reply: Reply | None = None


class Button(_Model):
    payload: str = ""
    text: str = ""


class Context(_Model):
    id: str = ""
    from_: str = Field("", alias="from")


class Audio(_Model):
    id: str = ""
    voice: bool = False


class Reaction(_Model):
    message_id: str = ""
    emoji: str = ""  # absent or empty: the reaction was taken back


class System(_Model):
    type: str = ""  # user_changed_number, user_changed_user_id, customer_identity_changed
    wa_id: str = ""  # the new number
    user_id: str = ""  # the new business-scoped user id
    previous_user_id: str = ""


class Message(_Model):
    # "from" is the sender's number; a user with a username may come with "from_user_id" (their
    # business-scoped user id) only, and a system message about a changed id with neither.
    from_: str = Field("", alias="from")
    from_user_id: str = ""
    id: str
    timestamp: str = ""
    type: str
    text: Text | None = None
    image: Media | None = None
    location: Location | None = None
    interactive: Interactive | None = None
    button: Button | None = None
    context: Context | None = None
    audio: Audio | None = None
    reaction: Reaction | None = None
    system: System | None = None


class StatusError(_Model):
    code: int = 0
    title: str = ""


class Status(_Model):
    id: str
    status: str
    timestamp: str = ""
    recipient_id: str = ""
    errors: list[StatusError] = []


class Value(_Model):
    messaging_product: str = "whatsapp"
    metadata: Metadata
    messages: list[dict[str, Any]] = []
    statuses: list[Status] = []


class Change(_Model):
    field: str
    value: dict[str, Any]


class Entry(_Model):
    id: str = ""
    changes: list[Change] = []


class Notification(_Model):
    object: str
    entry: list[Entry] = []


# Message types we answer the same way (see chat.KINDS)
MEDIA = {"video", "document"}
UNSUPPORTED = {"unsupported", "unknown", "errors", "order"}


def to_inbound(item: dict[str, Any]) -> Inbound:  # noqa: PLR0911 -- one return per kind
    """A stored message item ({"phone_number_id", "message"}) in the shape every channel shares."""
    message = Message.model_validate(item["message"])
    base: dict[str, Any] = {
        "channel": "whatsapp",
        "account": str(item["phone_number_id"]),
        "sender": message.from_,
        "sender_user_id": message.from_user_id,
        "external_id": message.id,
        "reply_to": message.context.id if message.context else "",
    }
    kind = message.type
    if kind == "text" and message.text is not None:
        return Inbound(**base, kind="text", text=message.text.body)
    if kind == "interactive" and message.interactive is not None:
        reply = message.interactive.button_reply or message.interactive.list_reply
        if reply is not None:
            return Inbound(**base, kind="choice", choice=reply.id, text=reply.title)
    if kind == "button" and message.button is not None:
        return Inbound(
            **base, kind="choice", choice=message.button.payload, text=message.button.text
        )
    if kind == "location" and message.location is not None:
        location = message.location
        return Inbound(
            **base,
            kind="location",
            latitude=location.latitude,
            longitude=location.longitude,
            text=location.name or location.address,
        )
    if kind == "image" and message.image is not None:
        return Inbound(**base, kind="photo", media=message.image.id, text=message.image.caption)
    if kind == "request_welcome":  # the person opened the chat for the first time: the menu
        return Inbound(**base, kind="text", text="")
    if kind == "system" and message.system is not None:
        return _system(base, message.system)
    if kind == "audio":
        voice = message.audio is not None and message.audio.voice
        return Inbound(**base, kind="voice" if voice else "media")
    simple = {
        "reaction": "reaction",
        "revoke": "revoke",
        "sticker": "sticker",
        "contacts": "contact",
    }
    if kind in simple:
        return Inbound(**base, kind=simple[kind])
    if kind in MEDIA:
        return Inbound(**base, kind="media")
    return Inbound(**base, kind="unsupported")


def _system(base: dict[str, Any], system: System) -> Inbound:
    """A changed number or business-scoped user id moves the contact; the old identifiers are
    the message's sender, the new ones in ``system``."""
    if system.type in {"user_changed_number", "customer_changed_number", "user_changed_user_id"}:
        if system.previous_user_id:
            base["sender_user_id"] = system.previous_user_id
        return Inbound(**base, kind="moved", new_sender=system.wa_id, new_user_id=system.user_id)
    return Inbound(**base, kind="notice")
