"""The OpenAPI document is what a generated client needs: every transition is its own operation
(its own path, operation id and request body), and the schema validates as OpenAPI 3."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from mingjian.cases.api import RECOMMENDATION_PATHS
from mingjian.rectification.api import PLAN_PATHS, TASK_PATHS

TRANSITIONS = {
    "recommendations": [p.name for p in RECOMMENDATION_PATHS],
    "tasks": [p.name for p in TASK_PATHS],
    "plans": [p.name for p in PLAN_PATHS],
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


def test_the_schema_is_valid_openapi(schema: dict[str, Any]) -> None:
    validate_schema(schema)  # drf-spectacular's bundled OpenAPI 3.0 JSON schema; raises on any error
