"""Time the create pages that choose people (干部名册), units, cases and tasks, and the searched
pickers' search, for a county liaison, a city liaison and the province 纪委 on the scale data.

    .venv/bin/python bench/person_picker.py [--runs 5] [--db-url postgres://…]

Each page goes through the whole stack with django.test.Client (bench/pages.py's time_page):
p50 / p95 ms, page size, queries and their SQL time. Then, for every searched picker a page
shows, the search endpoint with the page's own scope token for two queries per kind: for people a
one-character and a two-character name (the prefixes most cadres share, so the worst cases of the
search), for units, cases and tasks a word most of them contain and a narrower one (TERMS).
Needs the scale data (bench/seed_scale.py; `--tasks 20000` is enough: no page here lists tasks
except the 约谈/问责 forms' 相关整改任务).
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import time_page, viewers
from bench.seed_scale import setup_django

PAGES = [
    ("登记问题", "/rectification/problems/new/"),
    ("约谈", "/duties/talks/new/"),
    ("问责", "/duties/accountability/new/"),
    ("新建风险点", "/risks/new/"),
    ("新建警示教育", "/education/events/new/"),
]
# A searched picker's box: what it looks for (its aria-label) and its signed scope.
BOX = re.compile(r'aria-label="查找([^"]+)"[^>]*hx-vals="([^"]*)"')
TERMS = {"单位": ("民政", "白马县"), "案例": ("资金", "不合规"), "整改任务": ("资金", "低保审核")}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page and viewer (default 5)")
    parser.add_argument("--viewers", default="county,city,province", help="which viewers (default all three)")
    parser.add_argument("--db-url", help="DATABASE_URL to use instead of var/bench/mingjian.sqlite3")
    return parser.parse_args(argv)


def _p(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


def _boxes(page: str) -> list[tuple[str, str]]:
    """(kind, scope token) of each searched picker on the page."""
    found = []
    for noun, attr in BOX.findall(page):
        vals: Any = html.unescape(attr)
        found.append((noun, vals.split('"scope": "')[1].rstrip('"}')))
    return found


def _common_names() -> tuple[str, str]:
    """The most frequent surname and two-character name start of the scale roster."""
    from django.db.models import Count
    from django.db.models.functions import Left

    from mingjian.org.models import Person

    def top(n: int) -> str:
        rows = Person.objects.annotate(s=Left("name", n)).values("s").annotate(c=Count("pk")).order_by("-c")
        return str(rows[0]["s"])

    return top(1), top(2)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    setup_django(args.db_url)
    import logging

    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)
    logging.disable(logging.WARNING)
    names = _common_names()
    print(
        f"{'page':14} {'viewer':8} {'status':>6} {'p50':>8} {'p95':>8} {'KB':>7} {'queries':>7} {'SQL ms':>7}"
    )
    searches = []
    for kind, user in viewers(args.viewers.split(",")).items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for label, path in PAGES:
            status, samples, queries, sql_ms = time_page(client, path, args.runs)
            page = client.get(path, secure=True).content.decode()
            p50, p95 = _p(samples)
            print(
                f"{label:14} {kind:8} {status:6} {p50:8.1f} {p95:8.1f} {len(page.encode()) / 1024:7.0f}"
                f" {queries:7} {sql_ms:7.1f}"
            )
            for n, (noun, token) in enumerate(_boxes(page)):
                for q in TERMS.get(noun, names):
                    url = f"/org/picker/search/?scope={token}&q={q}"
                    searches.append((label, f"{n}:{noun}", kind, q, time_page(client, url, args.runs)))
    print(f"\nsearch (people: q = the commonest surname / two-character start: {' / '.join(names)})")
    print(
        f"{'page':14} {'field':10} {'viewer':8} {'q':6} {'status':>6} {'p50':>8} {'p95':>8} {'queries':>7} {'SQL ms':>7}"
    )
    for label, field, kind, q, (status, samples, queries, sql_ms) in searches:
        p50, p95 = _p(samples)
        print(
            f"{label:14} {field:10} {kind:8} {q:6} {status:6} {p50:8.1f} {p95:8.1f} {queries:7} {sql_ms:7.1f}"
        )


if __name__ == "__main__":
    main()
