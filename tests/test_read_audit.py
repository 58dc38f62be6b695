"""Every endpoint that shows case content — page or API — writes an audit event naming the
reader and the object, and the README's list of audited reads is the code's.

Each GET object URL of the matrix whose object is case content is either walked here or named
as a form (an edit page, whose saving is audited as a write); a new one fails the
classification test until it is decided."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mingjian.audit.labels import label_for
from mingjian.audit.models import AuditEvent
from mingjian.cases.models import Case, CaseAnalysis, Recommendation, ReplyAttachment
from mingjian.cases.reads import READ_ACTIONS
from mingjian.rectification.models import Evidence
from tests import matrix

CONTENT = (Case, CaseAnalysis, Recommendation, ReplyAttachment, Evidence)
# url name → (maker, the event it must write)
READS: dict[str, tuple[Any, str]] = {
    "cases:case-detail": (matrix._case, "cases.case.viewed"),
    "api-case-detail": (matrix._case, "cases.case.viewed"),
    "cases:analysis-edit": (matrix._analysed_case, "cases.analysis.viewed"),
    "api-analysis-detail": (matrix._analysis, "cases.analysis.viewed"),
    "cases:recommendation-detail": (matrix._issued, "cases.recommendation.viewed"),
    "api-recommendation-detail": (matrix._issued, "cases.recommendation.viewed"),
    "cases:recommendation-docx": (matrix._issued, "cases.recommendation.exported"),
    "cases:recommendation-pdf": (matrix._issued, "cases.recommendation.exported"),
    "cases:attachment-download": (matrix._attachment, "cases.attachment.downloaded"),
    "rectification:evidence-download": (matrix._evidence, "rectification.evidence.downloaded"),
}
# Forms for writing (their POST is the audited act) rather than reads of stored content.
FORMS = {
    "cases:recommendation-create",
    "cases:recommendation-edit",
    "cases:recommendation-reply",
    "rectification:from-recommendation",
    "rectification:answer",
    "rectification:objection",
    "rectification:complete",
    "selfcheck:push-create",
}


def test_every_case_content_endpoint_is_walked_or_a_form(org: Any) -> None:
    content = {e.url_name for e in matrix.REGISTRY if e.method == "get" and isinstance(e.make(org), CONTENT)}
    assert "cases:case-detail" in content  # the classifier sees case content
    unclassified = content - set(READS) - FORMS
    assert not unclassified, f"audit these reads (tests/test_read_audit.py): {sorted(unclassified)}"


@pytest.mark.parametrize("user_key", ["inspector", "liaison", "leader"])
@pytest.mark.parametrize("url_name", sorted(READS))
def test_reading_case_content_is_audited(org: Any, url_name: str, user_key: str) -> None:
    make, action = READS[url_name]
    obj = make(org)
    user = getattr(org, user_key)
    client = APIClient() if url_name.startswith("api-") else Client()
    client.force_login(user)
    response = client.get(reverse(url_name, args=[obj.pk]))
    assert response.status_code == 200, f"{user_key} at {url_name}: {response.status_code}"
    target = obj.analysis if url_name == "cases:analysis-edit" else obj  # the editor opens by case
    event = AuditEvent.objects.filter(action=action, target_id=str(target.pk)).latest("seq")
    assert event.actor == user
    if action in READ_ACTIONS.values():
        assert event.data["via"] == ("api" if url_name.startswith("api-") else "page")


def test_an_invisible_object_is_not_read_and_not_logged(org: Any) -> None:
    case = matrix._case(org)
    client = APIClient()
    client.force_login(org.outsider)
    assert client.get(reverse("api-case-detail", args=[case.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="cases.case.viewed").exists()


def _readme_security() -> str:
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    found = re.search(r"^## 安全.*?(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert found, "README has a 安全 section"
    return found.group(0)


def test_the_readme_lists_every_audited_read() -> None:
    section = _readme_security()
    for action in {a for _, a in READS.values()}:
        assert label_for(action) in section, f"README 安全 section should list “{label_for(action)}”"
