"""No list runs a query per row: every list page, API list, export and the 工作台 runs as many
queries with many records as with a few.

The check needs no knowledge of any page, like the totals test: it makes one of every registered
record (tests/matrix.py makers, all owned by bureau_a), renders each list, makes every record
twice more, renders again and compares the number of queries. A list that loads a row's
relations, light or permissions one row at a time runs more queries the second time.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.test_permission_matrix import _list_urls
from tests.test_totals import MAKERS

# Readers who see bureau_a's records: the 纪委 over the city, bureau_a's own liaison, the
# 派驻组 supervising it, and the audit administrator (the audit log lists everyone's actions).
READERS = ("inspector", "liaison", "stationed", "auditor")


def _queries(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as seen:
        response: Any = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return response.status_code, len(seen)


def _make_all(org: Any) -> None:
    for entry in MAKERS:
        entry.make(org)


@pytest.mark.parametrize("user_key", READERS)
def test_list_queries_do_not_grow_with_rows(client: Client, org: Any, user_key: str) -> None:
    _make_all(org)
    client.force_login(getattr(org, user_key))
    urls = [reverse(name) for name in _list_urls()]
    few = {url: _queries(client, url) for url in urls}
    reached = [url for url, (status, _) in few.items() if status == 200]
    assert len(reached) > 10, "the reader opens hardly any list: the check would prove nothing"
    _make_all(org)
    _make_all(org)
    grown = {url: (few[url][1], n) for url in reached if (n := _queries(client, url)[1]) != few[url][1]}
    assert not grown, f"queries per list (few records → three times as many): {grown}"
