"""The load harness's client pieces, without a server."""

from __future__ import annotations

import random

from bench.httpload import Stats, _parse_set_cookie, percentile
from bench.load import MIX, PAGES, Identity, Targets, choose, interleave


def test_cookies_are_kept_replaced_and_deleted() -> None:
    jar = {"csrftoken": "old"}
    _parse_set_cookie(jar, ["csrftoken=new; Path=/; SameSite=Lax", "sessionid=abc; HttpOnly; Path=/"])
    assert jar == {"csrftoken": "new", "sessionid": "abc"}
    _parse_set_cookie(jar, ['sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'])
    assert jar == {"csrftoken": "new"}


def test_percentiles_and_rows() -> None:
    assert percentile([5.0], 95) == 5.0
    assert percentile([float(n) for n in range(1, 101)], 50) == 50.5
    stats = Stats(first=0.0)
    for n in range(10):
        stats.add("a", 0.010 * (n + 1), ok=n != 9, note="boom")
    stats.last = 2.0
    page, count, rate, p50, _p95, _p99, errors = stats.rows()[0]
    assert (page, count, rate, errors) == ("a", 10, 5.0, 1)
    assert round(p50) == 55
    assert stats.rows()[-1][0] == "all"
    assert stats.examples == ["a: boom"]


def _identity(kind: str, issued: list[int]) -> Identity:
    return Identity(kind, f"u-{kind}", None, {}, Targets(tasks=[7], issued=issued, cases=[3]))


def test_a_write_with_no_task_left_becomes_a_detail_read() -> None:
    rng = random.Random(1)
    identity = _identity("province", [])
    seen = {choose(identity, rng)[0] for _ in range(500)}
    assert "写 接收任务" not in seen
    assert "任务详情" in seen
    writer = _identity("county", list(range(1000)))
    picks = [choose(writer, rng) for _ in range(2000)]
    writes = [p for p in picks if p[2]]
    assert 100 < len(writes) < 300  # MIX gives writes 10 %
    assert all(path.endswith("/start/") for _, path, _ in writes)
    assert set(MIX) <= set(PAGES)


def test_clients_mix_the_kinds_in_proportion() -> None:
    identities = [_identity("county", []) for _ in range(6)]
    identities += [_identity("city", []) for _ in range(3)] + [_identity("province", [])]
    first = [i.kind for i in interleave(identities)[:4]]
    assert set(first) == {"county", "city", "province"}
