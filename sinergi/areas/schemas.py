from __future__ import annotations

from typing import Any

from django.db import models
from ninja import Field, Schema
from pydantic import WithJsonSchema, field_validator

from sinergi.areas.models import Area
from sinergi.platform.api import Page


class AreaOut(Schema):
    code: str
    name: str
    level: int
    kind: str
    label: str
    parent: str | None = Field(validation_alias="parent_id")
    postal_code: str | None
    latitude: float | None
    longitude: float | None
    edition: str
    retired: bool

    @staticmethod
    def resolve_postal_code(area: Area) -> str | None:
        return area.postal_code or None

    @staticmethod
    def resolve_retired(area: Area) -> bool:
        return area.retired_at is not None


class AreaPageOut(Page[AreaOut]):
    # True when no name matched the words as typed and these are names a letter or two away
    fuzzy: bool = False


class NearbyOut(Schema):
    area: AreaOut
    distance_m: float

    @field_validator("distance_m")
    @classmethod
    def _to_a_tenth(cls, metres: float) -> float:
        return round(metres, 1)


class NearestOut(NearbyOut):
    # the nearest villages (``count`` of them), nearest first; the first is ``area``
    nearby: list[NearbyOut] = []


class ErrorOut(Schema):
    error: str
    message: str


def choice_query(choices: type[models.TextChoices], title: str) -> Any:
    """The JSON schema of an optional query parameter taking one of these choices, written out
    in the operation itself. Choice classes of different models share names (Activity.Status,
    Commitment.Status; Category.Kind, Unit.Kind): as components they would overwrite each other
    in the OpenAPI document and one parameter would list the other's values."""
    return WithJsonSchema(
        {
            "anyOf": [{"type": "string", "enum": list(choices.values)}, {"type": "null"}],
            "title": title,
        }
    )
