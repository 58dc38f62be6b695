"""Totals count only what the reader may see, on every list, export and API list.

The check needs no knowledge of any page: it renders a list, doubles every record the reader may
not see (each REGISTRY maker run again, so bureau_a gets a second case, task, 建议书 …), renders
the list again and asserts nothing changed. A count, badge, paginator total, "N problems / M
open" or export row number that includes invisible rows changes with them; one that counts only
visible rows cannot.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mingjian.rectification.models import Campaign, Problem, Task
from mingjian.rectification.tests.factories import TaskFactory
from tests.matrix import REGISTRY, ObjectUrl
from tests.test_permission_matrix import _list_urls

PROBES = ("outsider", "child", "sysadmin", "secadmin", "auditor")
# What legitimately differs between two renders: CSRF tokens (masked anew each time), the minute
# in the watermark and in export headers.
_VOLATILE = (
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), "CSRF"),
    (re.compile(r'"X-CSRFToken": "[^"]+"'), "CSRF"),
    (re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?"), "TIME"),
)


def _invisible(user: Any, obj: Model) -> bool:
    manager = type(obj)._default_manager
    if not hasattr(manager, "visible_to"):
        return False  # reference data (the work calendar): the same for everyone
    return not manager.visible_to(user).filter(pk=obj.pk).exists()


def _campaign_task(org: Any) -> Model:
    """A task of bureau_a under a city-wide 专项治理 that everyone with business scope sees, so
    the campaign list's "problems / open" columns are exercised."""
    campaign, _ = Campaign.objects.get_or_create(
        name="农村低保专项治理", issuer=org.commission, defaults={"start_date": "2026-11-01"}
    )
    return TaskFactory(  # type: ignore[no-any-return]
        problem__unit=org.bureau_a,
        problem__issuer=org.commission,
        problem__source=Problem.Source.CAMPAIGN,
        problem__campaign=campaign,
        status=Task.Status.ISSUED,
    )


MAKERS = [*REGISTRY, ObjectUrl("campaign-task", _campaign_task, frozenset())]


def _hidden_makers(org: Any, user: Any) -> list[ObjectUrl]:
    """Run every maker once; keep those whose record the user may not see."""
    return [entry for entry in MAKERS if _invisible(user, entry.make(org))]


def _seen(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code < 500, f"{url} answered {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/json"):
        return response.status_code, response.json()
    if body[:2] == b"PK":  # an .xlsx export: compare the cells
        book = load_workbook(io.BytesIO(body), read_only=True)
        body = "\n".join(
            "|".join("" if c is None else str(c) for c in row)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
        ).encode()
    text = body.decode()
    for pattern, placeholder in _VOLATILE:
        text = pattern.sub(placeholder, text)
    return response.status_code, text


# The audit log is the one list whose reader legitimately sees every account's actions: the
# 审计管理员 audits all of them (content hidden), so events the makers' services write appear there.
EXEMPT = {("audit:event-list", "auditor")}


@pytest.mark.parametrize("user_key", PROBES)
def test_lists_do_not_count_what_the_reader_cannot_see(client: Client, org: Any, user_key: str) -> None:
    """One reader, every list: all of them rendered, the invisible records doubled, all rendered
    again. (Building the records once per reader rather than once per list keeps the suite's
    longest check to seconds; the lists are only read, so one render cannot change another.)"""
    user = getattr(org, user_key)
    hidden = _hidden_makers(org, user)
    assert hidden, "bureau_a's business is never the probing users' to see"
    client.force_login(user)
    urls = [reverse(name) for name in _list_urls() if (name, user_key) not in EXEMPT]
    before = [_seen(client, url) for url in urls]
    for entry in hidden:
        entry.make(org)
    changed = [url for url, seen in zip(urls, before, strict=True) if _seen(client, url) != seen]
    assert not changed, f"these lists change when records {user_key} cannot see are added: {changed}"


def test_the_check_sees_a_leaking_count(client: Client, org: Any) -> None:
    """The comparison is not vacuous: the campaign list shows the campaign, and a count over
    every problem of it (not only the visible ones) does change when the makers run again."""
    _hidden_makers(org, org.outsider)
    campaign = Campaign.objects.get(name="农村低保专项治理")
    client.force_login(org.outsider)
    assert "农村低保专项治理" in client.get(reverse("rectification:campaign-list")).content.decode()
    total = campaign.problems.count()
    _campaign_task(org)
    assert campaign.problems.count() == total + 1
