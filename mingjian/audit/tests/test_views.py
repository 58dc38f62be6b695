from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from mingjian.audit.services import record


def test_auditor_sees_events_with_chinese_labels(client: Client, org: Any) -> None:
    record(org.sysadmin, "org.unit.updated", org.bureau_a)
    client.force_login(org.auditor)
    response = client.get(reverse("audit:event-list"))
    assert response.status_code == 200
    assert "修改单位" in response.content.decode()


def test_audit_filter_by_action(client: Client, org: Any) -> None:
    record(org.sysadmin, "org.unit.updated", org.bureau_a)
    record(org.sysadmin, "org.unit.created", org.bureau_b)
    client.force_login(org.auditor)
    page = client.get(reverse("audit:event-list"), {"action": "org.unit.created"}).context["page"]
    assert [e.action for e in page] == ["org.unit.created"]


def test_only_the_audit_admin_reads_the_trail(client: Client, org: Any) -> None:
    for user in (org.sysadmin, org.secadmin, org.inspector, org.liaison):
        client.force_login(user)
        assert client.get(reverse("audit:event-list")).status_code == 404
