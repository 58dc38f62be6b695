"""Keyset pages (issue 14): following 下一页 (or the API's `next`) from the first page reaches
every visible task exactly once, in the order users see — deadline first, long-term tasks (no
deadline) last, ties by id — and 上一页 / `previous` walk the same pages back. Checked with the
rows read both ways the list can read them: collected from the viewer's units and sorted (few
rows), and walked along the (…, due_key, id) index (many rows; forced with SORT_LIMIT = 0).
The 问题清单 (newest first, a descending key) is checked the same way.
Runs on whichever database the suite runs on (SQLite and PostgreSQL in `make test`)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mingjian.lib import paging
from mingjian.rectification import todos
from mingjian.rectification.models import Problem, Task
from mingjian.rectification.tests.factories import ProblemFactory

PER_PAGE = 50  # the task list's page size
STATUSES = ["issued", "in_progress", "submitted", "returned", "accepted", "draft"]


def _make_tasks(org: Any, n: int = 123) -> list[int]:
    """n tasks of bureau_a and its department: deadlines repeat (ties broken by id), every 7th
    has none (长期坚持), statuses rotate. Returns the ids in the order users should see."""
    base = datetime.date(2026, 3, 1)
    problems = [ProblemFactory(unit=u, issuer=org.commission) for u in (org.bureau_a, org.a_dept)]
    tasks = []
    for i in range(n):
        problem = problems[i % 2]
        due = None if i % 7 == 0 else base + datetime.timedelta(days=(i * 5) % 17)
        tasks.append(
            Task(
                problem=problem,
                unit=problem.unit,
                measure=f"整改措施{i}",
                category=Task.Category.LONG_TERM if due is None else Task.Category.DEADLINE,
                due_date=due,
                status=STATUSES[i % len(STATUSES)],
            )
        )
    Task.objects.bulk_create(tasks)
    rows = Task.objects.filter(unit__in=[org.bureau_a, org.a_dept]).values_list("id", "due_date")
    far = datetime.date.max
    return [pk for pk, _ in sorted(rows, key=lambda r: (r[1] is None, r[1] or far, r[0]))]


@pytest.fixture(params=["sorted", "walked"])
def plan(request: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "walked":
        monkeypatch.setattr(paging, "SORT_LIMIT", 0)
        monkeypatch.setattr(paging, "NARROW_SORT_LIMIT", 0)
    return str(request.param)


def _html_page(client: Client, query: str) -> tuple[list[int], Any]:
    response = client.get(reverse("rectification:task-list") + ("?" + query if query else ""))
    assert response.status_code == 200
    page = response.context["page"]
    ids = [t.pk for t in page.object_list]
    # The rows the user sees are the rows of the page object, in that order.
    shown = [int(m) for m in re.findall(r'href="/rectification/tasks/(\d+)/"', response.content.decode())]
    assert shown == ids
    return ids, page


def test_next_links_reach_every_task_once_in_list_order(client: Client, org: Any, plan: str) -> None:
    expected = _make_tasks(org)
    client.force_login(org.inspector)
    seen, pages, query = [], [], ""
    while True:
        ids, page = _html_page(client, query)
        seen += ids
        pages.append(ids)
        assert page.number == len(pages)
        if not page.next_query:
            break
        assert "after=" in page.next_query
        query = page.next_query
    assert seen == expected, f"{plan}: rows missing, repeated or out of order"
    assert [len(p) for p in pages] == [PER_PAGE, PER_PAGE, len(expected) - 2 * PER_PAGE]
    assert page.summary == f"共 {len(expected)} 条"
    # 上一页 from the last page walks the same pages back.
    back = []
    while page.previous_query:
        ids, page = _html_page(client, page.previous_query)
        back.append(ids)
    assert back == pages[-2::-1]


def test_page_numbers_still_open_the_same_rows(client: Client, org: Any, plan: str) -> None:
    expected = _make_tasks(org)
    client.force_login(org.inspector)
    for number in (1, 2, 3):
        ids, page = _html_page(client, f"page={number}")
        assert ids == expected[(number - 1) * PER_PAGE : number * PER_PAGE], f"{plan}: page {number}"
        assert page.num_pages == 3
    ids, page = _html_page(client, "page=99")  # past the end: the last page, as before
    assert page.number == 3
    assert ids == expected[2 * PER_PAGE :]


def test_filters_and_paging_agree(client: Client, org: Any, plan: str) -> None:
    _make_tasks(org)
    client.force_login(org.liaison)  # sees bureau_a and its department only
    visible = Task.objects.visible_to(org.liaison).filter(status="in_progress").order_by("due_key", "id")
    expected = list(visible.values_list("id", flat=True))
    assert len(expected) > 10
    ids, page = _html_page(client, "status=in_progress")
    assert ids == expected
    assert page.summary == f"共 {len(expected)} 条"


def test_a_province_sized_list_says_more_than_and_still_pages(
    client: Client, org: Any, plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _make_tasks(org)
    monkeypatch.setattr(paging, "COUNT_LIMIT", 60)  # as if the scope held more than 10,000
    client.force_login(org.inspector)
    ids, page = _html_page(client, "")
    assert page.capped
    assert page.num_pages is None
    assert page.summary == "超过 60 条"
    assert "超过 60 条" in client.get(reverse("rectification:task-list")).content.decode()
    seen = ids
    while page.next_query:
        ids, page = _html_page(client, page.next_query)
        seen += ids
    assert seen == expected  # every row, though only 60 were counted


def test_garbage_cursors_open_the_first_page(client: Client, org: Any) -> None:
    expected = _make_tasks(org)
    client.force_login(org.inspector)
    for raw in ("x", "2026-13-01_5", "2026-01-01_", "_5", "2026-01-01_99999999999999999999", "2026-01-01_-1"):
        ids, page = _html_page(client, f"after={raw}")
        assert ids == expected[:PER_PAGE], raw
        assert page.number == 1


def _api_ids(api: APIClient, url: str) -> tuple[list[int], dict[str, Any]]:
    response = api.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    return [row["id"] for row in body["results"]], body


def test_api_next_links_reach_every_task_once(org: Any, plan: str) -> None:
    expected = _make_tasks(org)
    api = APIClient()
    api.force_authenticate(org.inspector)
    url: str | None = reverse("api-task-list") + "?limit=17"
    seen, pages = [], []
    while url:
        ids, body = _api_ids(api, url)
        assert body["count"] == len(expected)
        assert body["count_capped"] is False
        seen += ids
        pages.append(ids)
        last, url = body, body["next"]
    assert seen == expected, f"{plan}: API rows missing, repeated or out of order"
    back, url = [], last["previous"]
    while url:
        ids, body = _api_ids(api, url)
        back.append(ids)
        url = body["previous"]
    assert back == pages[-2::-1]
    # The plain offset still pages the same list.
    ids, _ = _api_ids(api, reverse("api-task-list") + "?limit=17&offset=34")
    assert ids == expected[34:51]


def test_api_count_is_capped_and_says_so(org: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _make_tasks(org)
    monkeypatch.setattr(paging, "COUNT_LIMIT", 40)
    api = APIClient()
    api.force_authenticate(org.inspector)
    ids, body = _api_ids(api, reverse("api-task-list") + "?limit=30")
    assert (body["count"], body["count_capped"]) == (40, True)
    assert ids == expected[:30]
    query = QueryDict(body["next"].split("?", 1)[1])
    assert query["after"] and "offset" not in query


def test_api_refuses_a_garbage_cursor(org: Any) -> None:
    api = APIClient()
    api.force_authenticate(org.inspector)
    # Tasks are keyed by a date, problems by an aware date and time: each refuses the other's.
    bad = {
        "api-task-list": ("2026-02-30_1", "2026-01-01T09:00:00+00:00_1", "x", "2026-01-01_"),
        "api-problem-list": ("2026-01-01_1", "2026-01-01T09:00:00_1", "2026-01-01T25:00:00+00:00_1"),
    }
    for url_name, values in bad.items():
        for name in ("after", "before"):
            for value in values:
                response = api.get(reverse(url_name), {name: value})
                assert response.status_code == 400, (url_name, name, value)
                assert f"分页游标 {name} 无效" in response.json()[name][0]
    good = api.get(reverse("api-problem-list"), {"after": "2026-01-01T09:00:00+08:00_1"})
    assert good.status_code == 200


def test_home_sections_read_the_same_rows_walked_or_sorted(org: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 工作台's task sections give the same first rows and totals whichever way they read."""
    _make_tasks(org)
    Task.objects.filter(status="submitted").update(
        submitted_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    )
    today = datetime.date(2026, 3, 10)
    monkeypatch.setattr(todos.timezone, "localdate", lambda: today)

    def read(user: Any) -> list[tuple[str, int, list[str]]]:
        return [(s.title, s.count, [i.url for i in s.items]) for s in todos.sections(user)]

    for user in (org.inspector, org.liaison, org.stationed):
        sorted_rows = read(user)
        monkeypatch.setattr(paging, "SORT_LIMIT", 0)
        monkeypatch.setattr(paging, "NARROW_SORT_LIMIT", 0)
        assert read(user) == sorted_rows, user.username
        monkeypatch.setattr(paging, "SORT_LIMIT", 2000)
        monkeypatch.setattr(paging, "NARROW_SORT_LIMIT", 20000)
        assert any(count for _, count, _ in sorted_rows), f"{user.username} sees no task at all"


def _make_problems(org: Any, n: int = 75) -> list[int]:
    """n problems, several created in the same instant (ties broken by id, newest first)."""
    start = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)
    made = [ProblemFactory(unit=(org.bureau_a, org.a_dept)[i % 2], issuer=org.commission) for i in range(n)]
    for i, problem in enumerate(made):
        Problem.objects.filter(pk=problem.pk).update(created_at=start + datetime.timedelta(minutes=i // 3))
    rows = Problem.objects.filter(pk__in=[p.pk for p in made]).values_list("id", "created_at")
    return [pk for pk, _ in sorted(rows, key=lambda r: (r[1], r[0]), reverse=True)]


def test_problem_pages_newest_first_every_row_once(client: Client, org: Any, plan: str) -> None:
    expected = _make_problems(org)
    client.force_login(org.inspector)
    url = reverse("rectification:problem-list")
    seen, pages, query = [], [], ""
    while True:
        response = client.get(url + ("?" + query if query else ""))
        page = response.context["page"]
        pages.append([p.pk for p in page.object_list])
        seen += pages[-1]
        if not page.next_query:
            break
        query = page.next_query
    assert seen == expected, f"{plan}: problems missing, repeated or out of order"
    back = []
    while page.previous_query:
        page = client.get(url + "?" + page.previous_query).context["page"]
        back.append([p.pk for p in page.object_list])
    assert back == pages[-2::-1]
    assert [p.pk for p in client.get(url, {"page": 2}).context["page"].object_list] == expected[50:]


def test_api_problem_pages_newest_first_every_row_once(org: Any, plan: str) -> None:
    expected = _make_problems(org)
    api = APIClient()
    api.force_authenticate(org.inspector)
    url: str | None = reverse("api-problem-list") + "?limit=8"
    seen = []
    while url:
        ids, body = _api_ids(api, url)
        seen += ids
        url = body["next"]
    assert seen == expected
    ids, body = _api_ids(api, reverse("api-problem-list") + f"?limit=8&unit={org.a_dept.pk}")
    assert ids == [pk for pk in expected if Problem.objects.get(pk=pk).unit_id == org.a_dept.pk][:8]


def test_home_badges_stop_counting_at_the_limit(
    client: Client, org: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's 红灯 count is not counted to the last row: past COUNT_LIMIT the badge says N+."""
    _make_tasks(org)
    today = datetime.date(2026, 3, 10)
    monkeypatch.setattr(todos.timezone, "localdate", lambda: today)
    exact = {s.title: s.count for s in todos.sections(org.inspector)}
    assert exact["红灯（逾期）任务"] > 5
    monkeypatch.setattr(paging, "COUNT_LIMIT", 5)
    red = next(s for s in todos.sections(org.inspector) if s.title == "红灯（逾期）任务")
    assert (red.count, red.capped, red.badge) == (5, True, "5+")
    client.force_login(org.inspector)
    assert 'data-testid="todo-count">5+</span>' in client.get("/").content.decode()
