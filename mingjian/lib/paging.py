"""Pagination helpers for lists whose count and page are best read by different query plans."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator[Any]):
    """A paginator told its total, so the page query's plan need not suit a count too (issue 14:
    the count starts from the viewer's units, a wide page walks a deadline index)."""

    def __init__(self, object_list: Any, per_page: int, total: int) -> None:
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self) -> int:
        return self.total
