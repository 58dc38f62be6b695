"""The one way the API runs a transition service: a refused capability is a 404 (it reveals
nothing), an illegal or stale move is a 409 with the service's Chinese message.

Each transition is its own operation — ``POST /api/<things>/{id}/<action>/`` with its own request
body, summary and operation id in the schema — so a client generated from the OpenAPI document
calls ``submit`` with the submit body, not with one shared, untyped ``{action}``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.org.permissions import get_visible_or_404
from mingjian.workflow.services import TransitionError


class DetailSerializer(serializers.Serializer[Any]):
    """The body of a refusal: the service's Chinese message."""

    detail = serializers.CharField()


class EmptyInput(serializers.Serializer[Any]):
    """No fields: the transition needs nothing but the object's state and the caller."""


class CommentInput(serializers.Serializer[Any]):
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300, help_text="意见（可不填）"
    )


class ReasonInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000, help_text="理由（必填）")


@dataclass(frozen=True)
class Transition:
    """One operation: its request body, the service it calls as service(obj, by=user, **body) —
    or service(by=user, **body) for a creation, which has no object yet — and the schema's
    one-line summary. The answer is the object as it now stands, or `output` of what the service
    returned (a created record), with `status`."""

    input: type[serializers.Serializer[Any]]
    service: Callable[..., Any]
    summary: str
    output: type[serializers.Serializer[Any]] | None = None
    status: int = status.HTTP_200_OK
    # Where the object is looked up when plain visibility is not the page's rule (e.g. an
    # analysis is edited only within the case unit's own scope): user → queryset.
    lookup: Callable[[Any], QuerySet[Any]] | None = None


def _object(view: APIView, request: Request, pk: int | None) -> Any:
    model: type[Model] | None = getattr(view, "model", None)
    if pk is None or model is None:
        return None
    lookup = view.operation.lookup  # type: ignore[attr-defined]
    if lookup is not None:
        return get_object_or_404(lookup(request.user), pk=pk)
    return get_visible_or_404(model, request.user, pk=pk)


def run_operation(view: APIView, request: Request, pk: int | None = None) -> Response:
    """Look the object up (404 if invisible), validate the body (400), call the service (404 if
    the capability is refused, 409 with its message if the state or a rule does not allow it)."""
    operation: Transition = view.operation  # type: ignore[attr-defined]
    obj = _object(view, request, pk)
    data = operation.input(data=request.data, context={"request": request, "object": obj})
    data.is_valid(raise_exception=True)
    args = () if obj is None else (obj,)
    try:
        result = operation.service(*args, by=request.user, **data.validated_data)
    except PermissionDenied:
        raise NotFound from None
    except TransitionError as e:
        return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
    context = {"request": request}
    if operation.output is not None:
        return Response(operation.output(result, context=context).data, status=operation.status)
    obj.refresh_from_db()
    return Response(view.output(obj, context=context).data, status=operation.status)  # type: ignore[attr-defined]


def _documented(operation: Transition, output: Any, operation_id: str) -> Any:
    answer = operation.output or output
    return extend_schema(
        summary=operation.summary,
        request=operation.input,
        responses={operation.status: answer, 404: DetailSerializer, 409: DetailSerializer},
        operation_id=operation_id,
    )


def _method(with_id: bool) -> Callable[..., Response]:
    """A fresh function per operation: extend_schema annotates the function object itself."""
    if with_id:

        def handler(self: APIView, request: Request, pk: int) -> Response:
            return run_operation(self, request, pk)

        return handler

    def create(self: APIView, request: Request) -> Response:
        return run_operation(self, request)

    return create


def operation_view(
    base: type[APIView],
    operation: Transition,
    *,
    operation_id: str,
    model: type[Model] | None = None,
    output: type[serializers.Serializer[Any]] | None = None,
    method: str = "post",
    parsers: tuple[type[BaseParser], ...] | None = None,
) -> type[APIView]:
    """`base` (APIView, or a list/detail view that keeps its GET) with one more documented method
    that runs `operation` — on the object of the URL's id when `model` is given."""
    attrs: dict[str, Any] = {
        "operation": operation,
        method: _documented(operation, output, operation_id)(_method(model is not None)),
    }
    if model is not None:
        attrs.update(model=model, output=output)
    if parsers is not None:
        attrs["parser_classes"] = parsers
    name = "".join(part.title() for part in operation_id.split("_"))
    return type(name, (base,), attrs)


def transition_paths(
    prefix: str,
    name: str,
    model: type[Model],
    output: type[serializers.Serializer[Any]],
    transitions: dict[str, Transition],
) -> list[URLPattern]:
    """One URL, one view class and one documented operation per transition, named
    ``api-<name>-<action>`` (e.g. api-task-submit at tasks/<pk>/submit/)."""
    return [
        path(
            f"{prefix}/<int:pk>/{action}/",
            operation_view(
                APIView, transition, operation_id=f"{name}_{action}", model=model, output=output
            ).as_view(),
            name=f"api-{name}-{action}",
        )
        for action, transition in transitions.items()
    ]
