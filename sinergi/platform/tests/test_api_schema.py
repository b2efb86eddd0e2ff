"""schemathesis against the API's own OpenAPI document: every operation, bounded, in-process
(the WSGI app on the test database), as an official with a token and as nobody. The bar: no
5xx, every status, content type and body as the document declares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from sinergi.accounts.models import User
from sinergi.accounts.services import api_token_create

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db: Any) -> Iterator[Any]:
    # As Django's test client does: the test's transaction holds the connection, so the app's
    # end-of-request hook must not close it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def kapolres_key(kapolres: User) -> str:
    return api_token_create(user=kapolres, name="schemathesis")[1]


def run_every_operation(schema: Any, headers: dict[str, str], examples: int) -> list[str]:
    """Each operation for a bounded number of generated cases; every failure, by operation.
    (schemathesis's own pytest plugin does not run under pytest 9, so hypothesis runs here.)"""
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            call()
        except Exception as exc:
            failures.append(f"{operation.label}: {str(exc)[:600]}")
    return failures


def test_every_operation_as_an_official(api_schema: Any, kapolres_key: str) -> None:
    assert run_every_operation(api_schema, {"Authorization": f"Bearer {kapolres_key}"}, 12) == []


def test_every_operation_as_nobody(api_schema: Any) -> None:
    assert run_every_operation(api_schema, {}, 3) == []
