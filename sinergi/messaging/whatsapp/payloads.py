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


class Message(_Model):
    from_: str = Field(alias="from")
    id: str
    timestamp: str = ""
    type: str
    text: Text | None = None
    image: Media | None = None
    location: Location | None = None
    interactive: Interactive | None = None
    button: Button | None = None
    context: Context | None = None


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


def to_inbound(item: dict[str, Any]) -> Inbound:
    """A stored message item ({"phone_number_id", "message"}) in the shape every channel shares."""
    message = Message.model_validate(item["message"])
    base: dict[str, Any] = {
        "channel": "whatsapp",
        "account": str(item["phone_number_id"]),
        "sender": message.from_,
        "external_id": message.id,
        "reply_to": message.context.id if message.context else "",
    }
    if message.type == "text" and message.text is not None:
        return Inbound(**base, kind="text", text=message.text.body)
    if message.type == "interactive" and message.interactive is not None:
        reply = message.interactive.button_reply or message.interactive.list_reply
        if reply is not None:
            return Inbound(**base, kind="choice", choice=reply.id, text=reply.title)
    if message.type == "button" and message.button is not None:
        return Inbound(
            **base, kind="choice", choice=message.button.payload, text=message.button.text
        )
    if message.type == "location" and message.location is not None:
        location = message.location
        return Inbound(
            **base, kind="location", latitude=location.latitude, longitude=location.longitude,
            text=location.name or location.address,
        )  # fmt: skip
    if message.type == "image" and message.image is not None:
        return Inbound(**base, kind="photo", media=message.image.id, text=message.image.caption)
    return Inbound(**base, kind="other")
