"""The OpenAPI document is what a generated client needs: every transition is its own operation
(its own path, operation id and request body), and the schema validates as OpenAPI 3."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from mingjian.cases.api import ANALYSIS_PATHS, RECOMMENDATION_PATHS
from mingjian.rectification.api import ANSWER_PATHS, PLAN_PATHS, REPORT_PATHS, TASK_PATHS

TRANSITIONS = {
    "recommendations": [p.name for p in (*RECOMMENDATION_PATHS, *ANSWER_PATHS)],
    "tasks": [p.name for p in TASK_PATHS],
    "plans": [p.name for p in PLAN_PATHS],
    "analyses": [p.name for p in ANALYSIS_PATHS],
    "reports": [p.name for p in REPORT_PATHS],
}
WRITES = ("post", "put", "patch")
# Bodies meant for several operations (an optional comment, a required reason, the issuing body).
SHARED_BODIES = {"CommentInput", "ReasonInput", "IssuerInput"}
# Actions that take nothing but the object and the caller: the schema shows no body for them.
NO_BODY = {
    "/api/analyses/{id}/submit/",
    "/api/auth/logout/",
    "/api/campaigns/{id}/launch/",
    "/api/duties/accountability/{id}/submit/",
    "/api/duties/items/{id}/uncheck/",
    "/api/duties/lists/{id}/submit/",
    "/api/duties/talks/{id}/submit/",
    "/api/inspections/{id}/plan/",
    "/api/notifications/{id}/read/",
    "/api/plans/{id}/submit/",
    "/api/recommendations/{id}/reply/",
    "/api/recommendations/{id}/submit/",
    "/api/regulations/{id}/consult/",
    "/api/regulations/{id}/review/",
    "/api/reports/{id}/submit/",
    "/api/selfcheck/checklists/{id}/submit/",
    "/api/tasks/{id}/issue/",
    "/api/tasks/{id}/start/",
    "/api/tasks/{id}/submit/",
}


@pytest.fixture
def schema(org: Any) -> dict[str, Any]:
    client = APIClient()
    client.force_login(org.inspector)
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def _body(operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    return next(iter(content.values()))["schema"]["$ref"].rsplit("/", 1)[-1] if content else None


@pytest.mark.parametrize("things", sorted(TRANSITIONS))
def test_each_transition_is_its_own_operation(schema: dict[str, Any], things: str) -> None:
    operations = []
    for name in TRANSITIONS[things]:
        action = name.rsplit("-", 1)[-1]
        operation = schema["paths"][f"/api/{things}/{{id}}/{action}/"]["post"]
        assert operation["summary"], f"{name} has no summary"
        assert {"200", "404", "409"} <= set(operation["responses"]), name
        operations.append(operation)
    assert len({o["operationId"] for o in operations}) == len(operations)
    assert not any("{action}" in path for path in schema["paths"]), "no shared untyped {action} path"


def test_each_transition_documents_its_own_body(schema: dict[str, Any]) -> None:
    paths = schema["paths"]
    bodies = {path: _body(item["post"]) for path, item in paths.items() if "post" in item}
    assert bodies["/api/tasks/{id}/accept/"] == "AcceptInput"
    assert bodies["/api/tasks/{id}/return/"] == "ReasonInput"
    assert bodies["/api/tasks/{id}/progress/"] == "ProgressInput"
    assert bodies["/api/recommendations/{id}/issue/"] == "IssueInput"
    assert bodies["/api/recommendations/{id}/reject/"] == "RejectInput"
    accept = schema["components"]["schemas"]["AcceptInput"]
    assert accept["required"] == ["verification"]  # what the submit body never asked for
    assert "served_to_user" in schema["components"]["schemas"]["IssueInput"]["properties"]


def _writes(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, op) for p, item in schema["paths"].items() for m, op in item.items() if m in WRITES]


def test_every_write_has_a_summary_and_its_own_named_body(schema: dict[str, Any]) -> None:
    users: dict[str, list[str]] = {}
    for method, path, operation in _writes(schema):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), f"{where} has no summary"
        content = operation.get("requestBody", {}).get("content", {})
        if path in NO_BODY:
            assert not content, f"{where} documents a body it does not read"
            continue
        assert content, f"{where} documents no request body"
        refs = {item["schema"].get("$ref", "") for item in content.values()}
        assert all(refs), f"{where} has an inline, unnamed body"
        for ref in refs:
            users.setdefault(ref.rsplit("/", 1)[-1], []).append(where)
    shared = {body: ops for body, ops in users.items() if len(set(ops)) > 1 and body not in SHARED_BODIES}
    assert not shared, f"operations share a body by accident: {shared}"


def test_every_write_documents_its_refusals(schema: dict[str, Any]) -> None:
    """400 for a bad body and 404 for an object one may not see or act on, on every write; the
    object-id operations of the workflow also document their 409."""
    for method, path, operation in _writes(schema):
        responses = set(operation["responses"])
        if path not in NO_BODY:
            assert "400" in responses, f"{method} {path}"
        if "{id}" in path and path not in ("/api/notifications/{id}/read/",):
            assert {"404", "409"} <= responses, f"{method} {path}: {sorted(responses)}"


def test_education_actions_document_their_409(schema: dict[str, Any]) -> None:
    """Found by the fuzz: an action the event's status does not allow answered an undocumented 409."""
    assert "409" in schema["paths"]["/api/education/events/{id}/confirm/"]["post"]["responses"]


def test_read_only_choices_that_may_be_blank_say_so(schema: dict[str, Any]) -> None:
    """Found by the fuzz: an unverified task's verification "" (and an unrated 建议书's rating) were
    outside the documented enum, so a client validating responses rejected them."""
    task = schema["components"]["schemas"]["Task"]["properties"]["verification"]
    assert "BlankEnum" in str(task)
    assert "BlankEnum" in str(schema["components"]["schemas"]["Recommendation"]["properties"]["rating"])


def test_the_schema_is_valid_openapi(schema: dict[str, Any]) -> None:
    validate_schema(schema)  # drf-spectacular's bundled OpenAPI 3.0 JSON schema; raises on any error


def test_the_schema_generates_without_a_warning(tmp_path: Any) -> None:
    """Two serializers of one name (or two choice sets of one enum name) share a component, and
    one of them is then documented wrongly: drf-spectacular only warns, so the suite refuses."""
    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
