"""API: the parse operation (the command's JSON contract) and the outline records."""

from __future__ import annotations

from typing import Any

from django.test import Client

from mingjian.outlines import services
from mingjian.outlines.parser import MAX_OUTLINE_CHARS

SPEECH = "在全局警示教育大会上的讲话\n同志们：\n一、筑牢思想防线\n一是学党章。二是守纪律。\n"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_parse_returns_the_contract_and_stores_nothing(org: Any) -> None:
    response = _client(org.liaison).post(
        "/api/outlines/parse/", {"text": SPEECH}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "title": "在全局警示教育大会上的讲话",
        "outline": [
            {"level": 1, "marker": "一、", "heading": "筑牢思想防线"},
            {"level": 2, "marker": "一是", "heading": "学党章"},
            {"level": 2, "marker": "二是", "heading": "守纪律"},
        ],
    }
    assert _client(org.liaison).get("/api/outlines/").json()["count"] == 0


def test_parse_refuses_anonymous_callers_and_over_long_text(org: Any) -> None:
    assert Client().post(
        "/api/outlines/parse/", {"text": SPEECH}, content_type="application/json"
    ).status_code in (401, 403)
    long = {"text": "一" * (MAX_OUTLINE_CHARS + 1)}
    response = _client(org.liaison).post("/api/outlines/parse/", long, content_type="application/json")
    assert response.status_code == 400
    assert "text" in response.json()


def test_list_and_detail_carry_id_unit_and_nodes(org: Any) -> None:
    outline = services.record_outline(by=org.liaison, unit=org.bureau_a, text=SPEECH)
    listed = _client(org.inspector).get("/api/outlines/").json()["results"]
    assert [(o["id"], o["unit"], o["title"]) for o in listed] == [
        (outline.pk, org.bureau_a.pk, outline.title)
    ]
    detail = _client(org.liaison).get(f"/api/outlines/{outline.pk}/").json()
    assert detail["unit"] == org.bureau_a.pk
    assert detail["source_text"] == SPEECH
    assert [(n["level"], n["marker"], n["heading"], n["task"]) for n in detail["nodes"]] == [
        (1, "一、", "筑牢思想防线", None),
        (2, "一是", "学党章", None),
        (2, "二是", "守纪律", None),
    ]
    assert _client(org.outsider).get(f"/api/outlines/{outline.pk}/").status_code == 404
    assert _client(org.outsider).get("/api/outlines/").json()["count"] == 0
