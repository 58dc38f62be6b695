"""API plumbing shared by every app's api.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from mingjian.lib.http import MAX_ID


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Django ValidationErrors raised by services become 400s with their Chinese messages."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)


class ModelSerializer(serializers.ModelSerializer[Any]):
    """DRF's ModelSerializer, except that a read-only choice column that may be blank says so.

    DRF drops `allow_blank` from read-only fields, so the schema's enum for, say, a task's
    `verification` omitted the "" every unverified task answers with — a client validating
    responses against the schema rejected them."""

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()
        model: Any = self.Meta.model
        for name, field in fields.items():
            if isinstance(field, serializers.ChoiceField) and field.read_only:
                try:
                    column = model._meta.get_field(field.source or name)
                except FieldDoesNotExist:  # a computed source is no column: nothing to widen
                    continue
                if getattr(column, "blank", False):
                    field.allow_blank = True
        return fields


def caller(context: dict[str, Any]) -> Any:
    """The requesting user of a serializer's context (anonymous while the schema is generated)."""
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


def id_field(**kwargs: Any) -> serializers.IntegerField:
    """An object id in a request body: a number the database can hold (a larger one would
    overflow the query and answer 500), else the usual 400."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class ScopedPk(serializers.PrimaryKeyRelatedField[Any]):
    """An id in a request body, resolved only among what the caller may choose on the page —
    `scope(context)` gives that queryset — so an id outside it, whether invisible or missing,
    gets the one answer “无此…（或无权选择）”, naming nothing."""

    def __init__(self, scope: Any, noun: str, **kwargs: Any) -> None:
        self.scope = scope
        message = f"无此{noun}（或无权选择）。"
        kwargs.setdefault("error_messages", {"does_not_exist": message, "incorrect_type": message})
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        return self.scope(self.context)


def check_with_form(form: Any) -> dict[str, Any]:
    """A page's own form as the API's validator (its rules stay in one place): the cleaned data,
    or a 400 naming each wrong field with the form's Chinese messages."""
    if not form.is_valid():
        raise exceptions.ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
    return dict(form.cleaned_data)


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


# ---- the schema's error answers ---------------------------------------------------------------

_ERROR = {
    "type": "object",
    "description": "拒绝的原因：detail 为中文说明",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A bad request names each wrong field with its Chinese messages (nested for lists of rows), or
# gives one `detail`; a client shows the messages, it need not know the shape of each field.
_INVALID = {
    "type": "object",
    "description": "输入有误：按字段列出中文错误信息（列表中的行按序号嵌套），或 detail 为一句说明",
    "additionalProperties": True,
}


def _json(ref: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation declares the refusals it can give.

    401 without a valid token; 400 whenever it takes a query string or a body (DRF validation,
    paging bounds); 404 whenever it takes an object id (missing, invisible or refused — the same
    answer). Operations keep the 409 and other answers they declare themselves. A 400 body is the
    loose `ValidationError` shape, since DRF names each wrong field rather than one `detail`."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"], schemas["ValidationError"] = _ERROR, _INVALID
    error, invalid = "#/components/schemas/Error", "#/components/schemas/ValidationError"
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            takes_input = "requestBody" in operation or any(p.get("in") == "query" for p in parameters)
            if takes_input:
                responses["400"] = _json(invalid, "输入有误")
            if "{" in path:
                responses.setdefault("404", _json(error, "对象不存在、不可见或无权操作"))
            if operation.get("security") != [{}] and {} not in operation.get("security", []):
                responses.setdefault("401", _json(error, "未登录或令牌已失效"))
    return result
