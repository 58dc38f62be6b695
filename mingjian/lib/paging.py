"""Pagination for lists that reach a province's million rows (issue 14).

- `bounded_count`: a total read from at most COUNT_LIMIT + 1 index entries; past that the list
  says "超过 10,000 条" instead of counting a province to print one number.
- `KeysetPaginator`: the page after (or before) a row, found by comparing the sort key, so page
  2,000 costs what page 2 costs. `?page=N` alone still works (an offset, within the counted
  rows) so bookmarked and typed links keep opening; the 上一页/下一页 links carry a cursor.
- `mingjian.lib.api_paging.KeysetPagination`: the same for the API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import DateTimeField, Q, QuerySet
from django.http import QueryDict

from mingjian.lib.http import MAX_ID

# Counted exactly up to here; a wider scope is shown as "超过 10,000 条".
COUNT_LIMIT = 10_000
CURSOR_PARAMS = ("after", "before")
# Up to this many rows, collecting a viewer's rows from their units' indexes and sorting them is
# cheap; beyond it a page is better read in index order (the 工作台's sections, the lists).
SORT_LIMIT = 2000
# Sorting ids read from index entries alone stays cheap up to about this many rows.
NARROW_SORT_LIMIT = 20_000
_PAGE_DIGITS = 9  # far past any real page; longer is a hand-edited URL


def walk_pays(total: int, *, deep: bool = False, narrow: bool = False) -> bool:
    """Whether a page of `total` rows (bounded_count's) is read by walking an index in list order
    (unit tested per entry, stopped after the page) rather than collected from the viewer's units
    and sorted. Walking costs about (offset + page) ÷ the viewer's share of the table, so a deep
    offset page (`deep`) over rows still counted exactly is cheaper sorted, and so are up to
    NARROW_SORT_LIMIT rows whose ids an index alone can sort (`narrow`; the 工作台's sections)."""
    if narrow:
        return total > NARROW_SORT_LIMIT
    return total > SORT_LIMIT and not (deep and total <= COUNT_LIMIT)


def is_deep(params: Mapping[str, Any], name: str = "page", first: int = 1) -> bool:
    """A page read by offset past the first (?page=N > 1 or ?offset= > 0), without a cursor."""
    if any(params.get(c) for c in CURSOR_PARAMS):
        return False
    raw = str(params.get(name) or "")
    return raw.isascii() and raw.isdigit() and len(raw) <= _PAGE_DIGITS and int(raw) > first


def bounded_count(queryset: QuerySet[Any], limit: int | None = None) -> int:
    """The number of rows, or limit + 1 (COUNT_LIMIT + 1) when there are more: reads at most
    that many rows (no ORDER BY, so the database counts from whichever index finds the rows)."""
    limit = COUNT_LIMIT if limit is None else limit
    return int(queryset.order_by()[: limit + 1].count())


@dataclass(frozen=True)
class Cursor:
    """A position in a list ordered by (key, id): the key of a row and its id."""

    key: date
    pk: int

    def encode(self) -> str:
        return f"{self.key.isoformat()}_{self.pk}"

    @classmethod
    def decode(cls, raw: str, *, moment: bool = False) -> Cursor | None:
        """None for anything that is not a cursor this module wrote (a hand-edited URL): the key
        is a date, or with `moment` (a DateTimeField key) a date and time with its UTC offset."""
        key, _, pk = raw.partition("_")
        if not (pk.isascii() and pk.isdigit() and int(pk) <= MAX_ID) or ("T" in key) != moment:
            return None
        try:
            value = datetime.fromisoformat(key) if moment else date.fromisoformat(key)
        except ValueError:
            return None
        if isinstance(value, datetime) and value.utcoffset() is None:
            return None
        return cls(value, int(pk))


def decode_for(queryset: QuerySet[Any], key: str, raw: str) -> Cursor | None:
    """A cursor of the list ordered by `key`, checked against that field's kind."""
    field = queryset.model._meta.get_field(_field(key)[0])
    return Cursor.decode(raw, moment=isinstance(field, DateTimeField)) if raw else None


# A list's key: a date or datetime field, "-field" for newest first; ties go by id the same way.


def _field(key: str) -> tuple[str, bool]:
    return key.removeprefix("-"), key.startswith("-")


def list_order(key: str, *, backwards: bool = False) -> tuple[str, str]:
    """ORDER BY of the list (reversed when reading backwards from a cursor)."""
    field, descending = _field(key)
    return (f"-{field}", "-pk") if descending != backwards else (field, "pk")


def after_q(key: str, cursor: Cursor, *, backwards: bool = False) -> Q:
    """Rows after the cursor in list order (before it when `backwards`). Spelled as a range on
    the key plus a check, so both databases seek the (…, key, id) index to the cursor."""
    field, descending = _field(key)
    if descending != backwards:
        return Q(**{f"{field}__lte": cursor.key}) & (Q(**{f"{field}__lt": cursor.key}) | Q(pk__lt=cursor.pk))
    return Q(**{f"{field}__gte": cursor.key}) & (Q(**{f"{field}__gt": cursor.key}) | Q(pk__gt=cursor.pk))


def keyset_rows(
    queryset: QuerySet[Any], key: str, cursor: Cursor, size: int, *, backwards: bool = False
) -> tuple[list[Any], bool]:
    """Up to `size` rows after (before) the cursor, in list order, and whether more follow."""
    order = list_order(key, backwards=backwards)
    rows = list(queryset.filter(after_q(key, cursor, backwards=backwards)).order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return (rows[::-1] if backwards else rows), more


def offset_rows(queryset: QuerySet[Any], key: str, start: int, size: int) -> list[Any]:
    """Rows start … start + size - 1 in list order. Past the first page the ids come first,
    from an index holding key, id and what the filters test, so skipping `start` rows reads
    index entries, not table rows; then only those rows are loaded."""
    ordered = queryset.order_by(*list_order(key))
    if start == 0:
        return list(ordered[:size])
    ids = list(ordered.values_list("pk", flat=True)[start : start + size])
    return list(ordered.filter(pk__in=ids)) if ids else []


def cursor_of(row: Any, key: str) -> str:
    return Cursor(getattr(row, _field(key)[0]), row.pk).encode()


@dataclass
class KeysetPage:
    """What templates/includes/keyset_pagination.html shows: the rows, 第 N 页, the total (or
    that there are more than COUNT_LIMIT) and the query strings of the neighbouring pages."""

    object_list: list[Any]
    number: int
    total: int
    per_page: int
    next_query: str = ""
    previous_query: str = ""

    def __iter__(self) -> Any:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def capped(self) -> bool:
        return self.total > COUNT_LIMIT

    @property
    def count(self) -> int:
        return min(self.total, COUNT_LIMIT)

    @property
    def summary(self) -> str:
        return f"超过 {COUNT_LIMIT:,} 条" if self.capped else f"共 {self.total:,} 条"

    @property
    def num_pages(self) -> int | None:
        return None if self.capped else max(1, -(-self.total // self.per_page))

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_query or self.previous_query)


def _page_number(raw: Any) -> int:
    """?page= as a positive integer; anything else is page 1 (like Django's get_page)."""
    text = str(raw or "")
    ok = text.isascii() and text.isdigit() and len(text) <= _PAGE_DIGITS
    return max(int(text), 1) if ok else 1


class KeysetPaginator:
    """Pages of a queryset in (key, id) order ("-key": newest first), `total` as bounded_count
    gave it.

    `?after=` / `?before=` (a Cursor) pick the rows next to a row; without them `?page=N` is an
    offset, clamped to the counted rows like Django's get_page clamps to the last page."""

    def __init__(self, queryset: QuerySet[Any], per_page: int, total: int, *, key: str) -> None:
        self.queryset, self.per_page, self.total, self.key = queryset, per_page, total, key

    def get_page(self, params: Mapping[str, Any]) -> KeysetPage:
        number = _page_number(params.get("page"))
        after = decode_for(self.queryset, self.key, str(params.get("after") or ""))
        before = (
            decode_for(self.queryset, self.key, str(params.get("before") or "")) if after is None else None
        )
        cursor = after or before
        if cursor is not None:
            rows, more = keyset_rows(self.queryset, self.key, cursor, self.per_page, backwards=bool(before))
            has_next, has_previous = (more, True) if after else (True, more)
            if not rows:  # the cursor's neighbours are gone (rows changed): the first page
                return self._offset_page(params, 1)
            return self._page(params, rows, max(number, 1), has_next=has_next, has_previous=has_previous)
        return self._offset_page(params, number)

    def _offset_page(self, params: Mapping[str, Any], number: int) -> KeysetPage:
        counted = min(self.total, COUNT_LIMIT)
        last = max(1, -(-counted // self.per_page))
        number = min(number, last)
        start = (number - 1) * self.per_page
        rows = offset_rows(self.queryset, self.key, start, self.per_page + 1)
        more = len(rows) > self.per_page
        return self._page(params, rows[: self.per_page], number, has_next=more, has_previous=number > 1)

    def _page(
        self,
        params: Mapping[str, Any],
        rows: Sequence[Any],
        number: int,
        *,
        has_next: bool,
        has_previous: bool,
    ) -> KeysetPage:
        page = KeysetPage(list(rows), number, self.total, self.per_page)
        if rows and has_next:
            page.next_query = _query(params, after=cursor_of(rows[-1], self.key), page=number + 1)
        if rows and has_previous and number > 1:
            page.previous_query = (
                _query(params, page=1)
                if number == 2  # noqa: PLR2004  (the first page needs no cursor)
                else _query(params, before=cursor_of(rows[0], self.key), page=number - 1)
            )
        return page


def _query(params: Mapping[str, Any], **changes: Any) -> str:
    """The current query string with the page parameters replaced."""
    kept = QueryDict(mutable=True)
    for name in params:
        if name not in ("page", *CURSOR_PARAMS):
            kept.setlist(name, params.getlist(name) if hasattr(params, "getlist") else [params[name]])
    for name, value in changes.items():
        kept[name] = str(value)
    return kept.urlencode()
