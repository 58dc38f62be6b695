"""The API's keyset pages (issue 14): see mingjian.lib.paging."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from mingjian.lib import paging
from mingjian.lib.api import BoundedPagination
from mingjian.lib.paging import (
    CURSOR_PARAMS,
    Cursor,
    bounded_count,
    cursor_of,
    decode_for,
    keyset_rows,
    offset_rows,
)


class KeysetPagination(BoundedPagination):
    """The API's pages of a (key, id)-ordered list: `?limit=` with `?after=` / `?before=` (the
    cursors in `next` / `previous`), or `?offset=` (bounded by the counted rows). `count` is exact
    up to paging.COUNT_LIMIT; past it `count` is paging.COUNT_LIMIT and `count_capped` is true."""

    key = "due_key"

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        self.request = self._request = request
        limit = self.get_limit(request)
        # A view that chose its query plan by the total (TaskQuerySet.for_list) passes it on.
        total = getattr(view, "list_total", None)
        self.total = bounded_count(queryset) if total is None else int(total)
        self.count = min(self.total, paging.COUNT_LIMIT)
        self._offset = 0
        self.after, self.before = (
            self._cursor(queryset, n, request.query_params.get(n, "")) for n in CURSOR_PARAMS
        )
        cursor = self.after or self.before
        if cursor is not None:
            rows, more = keyset_rows(queryset, self.key, cursor, limit, backwards=bool(self.before))
            self.has_next, self.has_previous = (more, True) if self.after else (True, more)
        else:
            self._offset = min(self.get_offset(request), self.count)
            rows = offset_rows(queryset, self.key, self._offset, limit + 1)
            self.has_next, self.has_previous = len(rows) > limit, self._offset > 0
            rows = rows[:limit]
        self.limit, self.offset, self.rows = limit, self._offset, rows
        return rows

    def _cursor(self, queryset: Any, name: str, raw: str) -> Cursor | None:
        if raw == "":
            return None
        cursor = decode_for(queryset, self.key, raw)
        if cursor is None:
            shown = raw[:40]
            raise exceptions.ValidationError(
                {
                    name: [
                        f"分页游标 {name} 无效（收到“{shown}”），请使用上一次结果中的 next / previous 链接。"
                    ]
                }
            )
        return cursor

    def _link(self, **params: str) -> str:
        url = self._request.build_absolute_uri()
        for name in (self.offset_query_param, *CURSOR_PARAMS):
            url = remove_query_param(url, name)
        for name, value in params.items():
            url = replace_query_param(url, name, value)
        return url

    def get_next_link(self) -> str | None:
        if not (self.has_next and self.rows):
            return None
        return self._link(after=cursor_of(self.rows[-1], self.key))

    def get_previous_link(self) -> str | None:
        if not (self.has_previous and self.rows):
            return None
        if self.before is None and self.after is None and self._offset <= int(self.limit or 0):
            return self._link()  # the first page
        return self._link(before=cursor_of(self.rows[0], self.key))

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            OrderedDict(
                [
                    ("count", self.count),
                    ("count_capped", self.total > paging.COUNT_LIMIT),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = super().get_paginated_response_schema(schema)
        found["properties"]["count"]["description"] = (
            f"条数（至多 {paging.COUNT_LIMIT:,}，超过时见 count_capped）"
        )
        found["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"为 true 时实际条数超过 {paging.COUNT_LIMIT:,}，count 只给出下限",
        }
        found["properties"]["next"]["description"] = "下一页（带 after 游标）"
        found["properties"]["previous"]["description"] = "上一页（带 before 游标）"
        found["required"] = [*found.get("required", []), "count_capped"]
        return found

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for name, where in (("after", "之后"), ("before", "之前")):
            parameters.append(
                {
                    "name": name,
                    "required": False,
                    "in": "query",
                    "description": f"游标：返回该行{where}的一页（取自 next / previous 链接，不与 offset 同用）",
                    "schema": {"type": "string"},
                }
            )
        return parameters


class NewestFirstPagination(KeysetPagination):
    """KeysetPagination of a list ordered newest first (created_at, then id, descending)."""

    key = "-created_at"
