from __future__ import annotations

from typing import Any

from django.db import models
from ninja import Schema
from pydantic import WithJsonSchema


class AreaOut(Schema):
    code: str
    name: str
    level: int
    kind: str
    label: str
    parent: str | None
    postal_code: str | None
    latitude: float | None
    longitude: float | None
    edition: str
    retired: bool


class AreaPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[AreaOut]
    # True when no name matched the words as typed and these are names a letter or two away
    fuzzy: bool = False


class NearbyOut(Schema):
    area: AreaOut
    distance_m: float


class NearestOut(Schema):
    area: AreaOut
    distance_m: float
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
