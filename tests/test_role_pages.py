"""Pages a role may never use do not exist for it: the three administrators and the read-only
city leader get 404 — not an empty list, not an empty form — on every page outside their work.

Each page without an object id is listed here with the roles (of these four) that use it; a new
page missing from the table fails test_every_page_is_classified, so it is decided when added.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_permission_matrix import _list_urls

ROLES = ("sysadmin", "secadmin", "auditor", "leader")
ALL = frozenset(ROLES)
LEADER = frozenset({"leader"})
NOBODY: frozenset[str] = frozenset()

PAGES: dict[str, frozenset[str]] = {
    "home": ALL,
    "password-change": ALL,
    "notifications:inbox": ALL,
    "org:unit-list": frozenset({"sysadmin", "secadmin", "leader"}),
    "org:unit-create": frozenset({"sysadmin"}),
    "org:person-create": NOBODY,  # needs ?unit= of a unit whose roster one keeps
    "org:picker-search": NOBODY,  # needs ?scope= signed for the viewer by a form they opened
    "org:user-list": frozenset({"sysadmin", "secadmin"}),
    "org:user-create": frozenset({"sysadmin"}),
    "audit:event-list": frozenset({"auditor"}),
    "workdays:year-list": frozenset({"sysadmin"}),
    "cases:case-list": LEADER,
    "cases:case-import": NOBODY,
    "cases:recommendation-list": LEADER,
    "cases:recommendation-policy": NOBODY,  # the issuing 纪委's own settings
    "cases:finding-list": NOBODY,  # 监督发现 are the supervising side's working notes
    "cases:finding-create": NOBODY,
    "rectification:problem-list": LEADER,
    "rectification:problem-create": NOBODY,
    "rectification:campaign-list": LEADER,
    "rectification:campaign-create": NOBODY,
    "rectification:template-list": NOBODY,  # the supervising bodies' working tools
    "selfcheck:checklist-list": LEADER,  # reads how far a case was pushed through the field
    "rectification:inspection-list": LEADER,
    "rectification:inspection-create": NOBODY,
    "rectification:task-list": LEADER,
    "rectification:ledger-export": LEADER,  # reading, like the list
    "rectification:ledger-import": NOBODY,
    "rectification:policy": NOBODY,
    "rectification:review-list": LEADER,
    "outlines:outline-list": LEADER,  # reads the speeches its city breaks down
    "outlines:outline-create": NOBODY,
    "education:event-list": LEADER,
    "education:coverage": LEADER,  # 警醒一批干部: how far warning education reached
    "education:event-create": NOBODY,
    "education:tags": NOBODY,  # a unit liaison keeps its cadres' post tags
    "rectification:sign": NOBODY,  # a unit leader's own signatures
    "regulations:regulation-list": LEADER,  # 建章立制: reads the city's rules and their checks
    "regulations:loophole-list": LEADER,
    "regulations:regulation-create": NOBODY,
    "regulations:policy": NOBODY,  # the 纪检 body's own settings
    "risks:risk-list": LEADER,
    "risks:register-export": LEADER,  # reading, like the list
    "risks:register-import": NOBODY,
    "risks:risk-create": NOBODY,  # the unit keeps its own register
    "risks:screening-list": LEADER,
    "risks:screening-create": NOBODY,
    "duties:index": LEADER,  # 两个责任: who holds what, across the city
    "duties:mine": LEADER,  # an account without a roster entry is told it has no lists
    "duties:list-index": LEADER,
    "duties:template-list": NOBODY,  # the 纪委监委's own templates
    "duties:talk-list": LEADER,
    "duties:talk-create": NOBODY,
    "duties:accountability-list": LEADER,
    "duties:accountability-create": NOBODY,
}
# POST-only actions (405 on GET) and the API (JSON lists, checked by the matrix tests).
NOT_PAGES = {
    "notifications:read-all",
    "rectification:report-draft",
    "education:tags-import",
    "duties:template-create",
}


def _pages() -> list[str]:
    return [n for n in _list_urls() if not n.startswith("api-") and n not in NOT_PAGES]


def test_every_page_is_classified() -> None:
    missing = set(_pages()) - set(PAGES)
    assert not missing, f"say which of {ROLES} use these pages (tests/test_role_pages.py): {sorted(missing)}"


@pytest.mark.parametrize("user_key", ROLES)
@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_pages_outside_a_roles_work_are_404(client: Client, org: Any, url_name: str, user_key: str) -> None:
    client.force_login(getattr(org, user_key))
    status = client.get(reverse(url_name)).status_code
    if user_key in PAGES[url_name]:
        assert status == 200, f"{user_key} should use {url_name}"
    else:
        assert status == 404, f"{user_key} must get 404 at {url_name}, not {status}"


@pytest.mark.parametrize("user_key", ROLES)
def test_posting_the_new_problem_form_is_404_too(client: Client, org: Any, user_key: str) -> None:
    client.force_login(getattr(org, user_key))
    data = {"unit": org.bureau_a.pk, "title": "问题", "measure": "措施"}
    assert client.post(reverse("rectification:problem-create"), data).status_code == 404


def test_a_liaison_still_gives_work_to_units_below_it(client: Client, org: Any) -> None:
    """The 牵头部门 path: a liaison issues to its own sub-units, so the form opens for it."""
    client.force_login(org.liaison)
    assert client.get(reverse("rectification:problem-create")).status_code == 200
