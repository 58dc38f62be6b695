"""API plumbing shared by every app's api.py."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Django ValidationErrors raised by services become 400s with their Chinese messages."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)


class ScopedFilterBackend(DjangoFilterBackend):
    """Foreign-key filters (?unit=, ?case= …) accept only ids the requester may see.

    django-filter validates such ids against the whole related table, so an invisible id would
    filter to an empty page while a nonexistent one answers 400 — which tells an outsider that
    the record exists. Narrowing each filter's choices to the related model's visible_to(user)
    gives both the same 400. Reference data without visible_to (types, vocabularies) is public.
    """

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        for item in filterset.filters.values() if filterset is not None else ():
            if isinstance(item, ModelChoiceFilter | ModelMultipleChoiceFilter) and item.queryset is not None:
                manager = item.queryset.model._default_manager
                if hasattr(manager, "visible_to"):
                    item.queryset = manager.visible_to(request.user)
        return filterset


class BoundedPagination(LimitOffsetPagination):
    """?limit= and ?offset= as bounded integers, or a 400 naming the parameter.

    DRF's own class quietly ignores garbage and passes any size to SQL, so
    ?limit=9223372036854775808 overflowed the database's LIMIT and answered 500."""

    max_limit = 1000
    max_offset = 1_000_000_000

    def get_limit(self, request: Request) -> int:
        raw = request.query_params.get(self.limit_query_param, "")
        if raw == "":
            return int(self.default_limit or self.max_limit)
        return _bounded(raw, self.limit_query_param, 1, self.max_limit)

    def get_offset(self, request: Request) -> int:
        raw = request.query_params.get(self.offset_query_param, "")
        return 0 if raw == "" else _bounded(raw, self.offset_query_param, 0, self.max_offset)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: (1, self.max_limit), self.offset_query_param: (0, self.max_offset)}
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"].update({"minimum": low, "maximum": high})
        return parameters


_DIGITS = 20  # longer than any bound: not worth converting, and echoed back cut short


def _bounded(raw: str, name: str, low: int, high: int) -> int:
    value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= _DIGITS else None
    if value is None or not low <= value <= high:
        shown = raw if len(raw) <= _DIGITS else raw[:_DIGITS] + "…"
        raise exceptions.ValidationError(
            {name: [f"分页参数 {name} 应为 {low} 至 {high:,} 之间的整数（收到“{shown}”）。"]}
        )
    return value
