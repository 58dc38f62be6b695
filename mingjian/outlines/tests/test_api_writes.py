"""The outline API's writes: a speech recorded with its heading tree, ticked nodes turned into
tasks — by the page's services, with their audit events; refusals 404 / 400 naming the field."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.org.tests.factories import leader_of
from mingjian.outlines.models import Outline
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import clerk

SPEECH = "在全市以案促改工作会议上的讲话\n一、提高政治站位\n二、抓好整改落实\n（一）健全低保审核制度\n"
FUTURE = str(timezone.localdate() + datetime.timedelta(days=30))


def _api(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_an_outline_is_recorded_and_its_nodes_become_tasks(org: Any) -> None:
    created = _api(org.inspector).post("/api/outlines/", {"text": SPEECH}, format="json")
    assert created.status_code == 201, created.content
    outline = Outline.objects.get()
    assert [n["heading"] for n in created.json()["nodes"]][:2] == ["提高政治站位", "抓好整改落实"]
    assert AuditEvent.objects.filter(action="outlines.outline.created").exists()
    boss, person = leader_of(org.bureau_a), clerk(org.bureau_a)
    node = outline.nodes.get(heading="健全低保审核制度")
    body = {
        "unit": org.bureau_a.pk,
        "due_date": FUTURE,
        "leader": boss.pk,
        "person": person.pk,
        "nodes": [{"node": node.pk}],
    }
    made = _api(org.inspector).post(f"/api/outlines/{outline.pk}/tasks/", body, format="json")
    assert made.status_code == 201, made.content
    task = Task.objects.get(pk=made.json()["tasks"][0])
    assert task.measure == "健全低保审核制度" and task.status == "draft"
    assert AuditEvent.objects.filter(action="outlines.outline.tasks_created").exists()
    again = _api(org.inspector).post(f"/api/outlines/{outline.pk}/tasks/", body, format="json")
    assert again.status_code == 400 and "未生成任务的标题" in str(again.json()["nodes"])


def test_outline_refusals(org: Any) -> None:
    assert _api(org.auditor).post("/api/outlines/", {"text": SPEECH}, format="json").status_code in (403, 404)
    blank = _api(org.inspector).post("/api/outlines/", {"text": " "}, format="json")
    assert blank.status_code == 400 and "请粘贴讲话" in blank.json()["text"][0]
    fake = SimpleUploadedFile("讲话.docx", b"not a docx")
    assert "file" in _api(org.inspector).post("/api/outlines/", {"file": fake}).json()
    outline = Outline.objects.create(unit=org.bureau_a, title="讲话", source_text="一、标题\n")
    node = outline.nodes.create(order=1, level=1, marker="一、", heading="标题")
    body = {"unit": org.bureau_a.pk, "due_date": FUTURE, "nodes": [{"node": node.pk}]}
    missing = _api(org.inspector).post(f"/api/outlines/{outline.pk}/tasks/", body, format="json")
    assert missing.status_code == 400 and "责任领导" in str(missing.json()["nodes"])
    assert (
        _api(org.outsider).post(f"/api/outlines/{outline.pk}/tasks/", body, format="json").status_code == 404
    )
