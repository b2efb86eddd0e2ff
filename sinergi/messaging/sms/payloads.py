"""A generic SMS gateway's inbound form: sender, text and the gateway's message id."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sinergi.messaging.chat import Inbound


class Incoming(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    sender: str = Field(min_length=3, max_length=32)
    text: str = Field(default="", max_length=1600)
    id: str = Field(min_length=1, max_length=120)

    @field_validator("sender", "text", "id")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        # PostgreSQL text cannot hold NUL; RefuseNulMiddleware sees it only in a body sent as
        # application/x-www-form-urlencoded, and gateways do not all say so
        if "\x00" in value:
            raise ValueError("NUL character")
        return value


def to_inbound(raw: dict[str, Any]) -> Inbound:
    sms = Incoming.model_validate(raw)
    return Inbound(channel="sms", account="", sender=sms.sender, external_id=sms.id, text=sms.text)
