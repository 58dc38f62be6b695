"""Every API list pages within bounds: out-of-range or garbage ?limit= / ?offset= answers 400
with a Chinese message naming the parameter, never 500 and never a silent default."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.test_permission_matrix import _list_urls, _patterns, _takes_id

API_LISTS = sorted(
    name
    for name, p in _patterns()
    if name.startswith("api-")
    and not _takes_id(p)
    and name not in {"api-token", "api-schema", "api-docs"}
    and name.endswith("-list")
)
BAD_LIMITS = ["9223372036854775808", "99999999999999999999999", "1001", "0", "-1", "abc", "1e3", "１０", " 5"]
BAD_OFFSETS = ["9223372036854775808", "1000000001", "-5", "x", "2.5"]


def test_the_walker_found_the_api_lists() -> None:
    assert {"api-case-list", "api-task-list", "api-unit-list", "api-notification-list"} <= set(API_LISTS)


@pytest.fixture
def api(org: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(org.inspector)
    return client


@pytest.mark.parametrize("url_name", API_LISTS)
def test_bad_paging_answers_400_with_a_message(api: APIClient, url_name: str) -> None:
    url = reverse(url_name)
    for value in BAD_LIMITS:
        response = api.get(url, {"limit": value})
        assert response.status_code == 400, f"{url}?limit={value} answered {response.status_code}"
        assert "分页参数 limit 应为 1 至 1,000 之间的整数" in response.json()["limit"][0]
    for value in BAD_OFFSETS:
        response = api.get(url, {"offset": value})
        assert response.status_code == 400, f"{url}?offset={value} answered {response.status_code}"
        assert "分页参数 offset 应为 0 至 1,000,000,000 之间的整数" in response.json()["offset"][0]


@pytest.mark.parametrize("url_name", API_LISTS)
def test_good_paging_still_pages(api: APIClient, url_name: str) -> None:
    url = reverse(url_name)
    for params in (
        {},
        {"limit": "1"},
        {"limit": "1000", "offset": "0"},
        {"offset": "1000000000"},
        {"limit": ""},
    ):
        response = api.get(url, params)
        assert response.status_code == 200, f"{url} {params} answered {response.status_code}"
        assert "count" in response.json()


def test_the_schema_states_the_bounds(api: APIClient) -> None:
    schema = api.get("/api/schema/", {"format": "json"}).json()
    limit = next(p for p in schema["paths"]["/api/tasks/"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 1000)


@pytest.mark.parametrize("url_name", [n for n in _list_urls() if not n.startswith("api-")])
def test_pages_shrug_off_garbage_page_numbers(client: Any, org: Any, url_name: str) -> None:
    """The HTML lists page with Paginator.get_page: a bad ?page= shows the first or last page."""
    client.force_login(org.inspector)
    url = reverse(url_name)
    for value in ("9223372036854775808", "-1", "0", "abc", "1e3", "１"):
        response = client.get(url, {"page": value})
        assert response.status_code < 500, f"{url}?page={value} answered {response.status_code}"
