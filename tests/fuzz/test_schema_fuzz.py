"""A bounded property-based fuzz of the OpenAPI document (schemathesis, in-process over WSGI).

The schema is loaded from the app itself (/api/schema/, which needs a signed-in caller), and every
operation is called with generated — valid and invalid — input, signed in by token as a 纪委 clerk
and as a unit liaison, over a small seeded org. Any 5xx, any response the schema does not describe
(an undeclared status code, a body of the wrong shape, a null where the schema says a string) is a
bug: each one found so far has a regression test beside the code it fixed.

Bounded and deterministic: few examples per operation, derandomized, no example database, so a CI
run takes the same path every time. Everything happens in the test database (emptied after the
test) and the test media directory (conftest), so nothing outside is written.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.fuzz.seed import PASSWORD, seed

# Committed rows, not the usual test transaction: the plain WSGI handler schemathesis calls
# closes, around each request, a connection that is not in autocommit — on PostgreSQL the test
# transaction's own connection (SQLite's in-memory test database is never closed).
# Like the browser tests, it runs after the others (pytest-django orders transactional tests last)
# and seeds the vocabulary it needs itself.
pytestmark = [pytest.mark.fuzz, pytest.mark.django_db(transaction=True)]

# Signing out revokes the fuzzing token itself, and the sign-in endpoint is throttled per address:
# both are covered by mingjian/org/tests/test_tokens.py instead.
EXCLUDED = ("/api/auth/logout/", "/api/auth/token/")
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
BOUNDED = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _token(username: str) -> str:
    response = Client().post("/api/auth/token/", {"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.content
    return str(response.json()["token"])


def _operations(token: str) -> list[Any]:
    """The operations of the schema as the app serves it to a signed-in caller."""
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", get_wsgi_application(), headers={"Authorization": f"Token {token}"}
    )
    found = [result.ok() for result in schema.get_all_operations()]
    return [op for op in found if op.path not in EXCLUDED]


def _fuzz(operation: Any, headers: dict[str, str]) -> str | None:
    """The first failure found for one operation, or None."""
    cases = st.one_of(*(operation.as_strategy(generation_mode=mode) for mode in GenerationMode))

    @BOUNDED
    @given(case=cases)
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    except (Exception, BaseExceptionGroup) as e:  # every failure is reported, with its operation
        return f"{operation.label}: {e}"
    return None


@pytest.mark.parametrize("username", ["inspector", "liaison"])
def test_every_operation_answers_as_documented(org: Any, username: str) -> None:
    seed(org)
    token = _token(username)
    operations = _operations(token)
    assert len(operations) > 40  # the schema was read, not an empty document
    failures = []
    for op in operations:
        began = time.monotonic()
        if found := _fuzz(op, {"Authorization": f"Token {token}"}):
            failures.append(found)
        print(f"{time.monotonic() - began:6.2f}s {op.label}")  # shown with -s
    assert not failures, "\n\n".join(failures)
