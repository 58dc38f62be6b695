"""What each signed-in person has to do: the home page's sections.

Each business app registers a provider at import time (in its AppConfig.ready); the home page
asks every provider for the current user's sections. A provider only reads through
`visible_to(user)` querysets, so the home page shows nothing outside the user's scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LIMIT = 8  # items a section lists; its badge counts them all


@dataclass
class TodoItem:
    title: str
    url: str = ""
    note: str = ""
    level: str = ""  # "", "warning", "danger": the colour of the badge


@dataclass
class TodoSection:
    title: str
    items: list[TodoItem] = field(default_factory=list)
    empty_text: str = "暂无"
    more_url: str = ""
    order: int = 100
    total: int | None = None  # how many there are in all (the items may be the first few)
    capped: bool = False  # there are more than `total` (a province's count stops at 10,000)

    @property
    def count(self) -> int:
        return len(self.items) if self.total is None else self.total

    @property
    def badge(self) -> str:
        return f"{self.count:,}+" if self.capped else str(self.count)


def candidates(rows: Any, limit: int) -> list[Any]:
    """The first `limit` of `rows`, their ids first: a query of ids costs what exists() does to
    build, where a query of rows with their joined tables costs several times as much in
    Python — and most sections are empty on most visits. Then the rows, by id."""
    ids = list(rows.values_list("pk", flat=True)[:limit])
    return list(rows.filter(pk__in=ids)) if ids else []


def first_rows(rows: Any, limit: int = LIMIT) -> tuple[list[Any], int]:
    """A section's first `limit` rows (candidates) and how many there are: one query when there
    are none, three otherwise — the same three however many, so a page's queries do not depend
    on its data (tests/test_list_queries.py)."""
    found = candidates(rows, limit)
    return found, rows.count() if found else 0


Provider = Callable[[Any], list[TodoSection]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def sections_for(user: Any) -> list[TodoSection]:
    sections = [s for p in _providers for s in p(user)]
    return sorted(sections, key=lambda s: s.order)
