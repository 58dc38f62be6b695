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
from django.db.models import Model
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
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
    """One operation: its request body, the service it calls as service(obj, by=user, **body),
    and the schema's one-line summary."""

    input: type[serializers.Serializer[Any]]
    service: Callable[..., Any]
    summary: str


class TransitionAPIView(APIView):
    model: type[Model]
    output: type[serializers.Serializer[Any]]
    transition: Transition

    def post(self, request: Request, pk: int) -> Response:
        obj = get_visible_or_404(self.model, request.user, pk=pk)
        data = self.transition.input(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            self.transition.service(obj, by=request.user, **data.validated_data)
        except PermissionDenied:
            raise NotFound from None
        except TransitionError as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        obj.refresh_from_db()
        return Response(self.output(obj, context={"request": request}).data)


def _post() -> Callable[..., Response]:
    """A fresh function per operation: extend_schema annotates the function object itself."""

    def post(self: TransitionAPIView, request: Request, pk: int) -> Response:
        return TransitionAPIView.post(self, request, pk)

    return post


def transition_paths(
    prefix: str,
    name: str,
    model: type[Model],
    output: type[serializers.Serializer[Any]],
    transitions: dict[str, Transition],
) -> list[URLPattern]:
    """One URL, one view class and one documented operation per transition, named
    ``api-<name>-<action>`` (e.g. api-task-submit at tasks/<pk>/submit/)."""
    patterns = []
    for action, transition in transitions.items():
        schema = extend_schema(
            summary=transition.summary,
            request=transition.input,
            responses={200: output, 400: DetailSerializer, 404: DetailSerializer, 409: DetailSerializer},
            operation_id=f"{name}_{action}",
        )
        view: type[TransitionAPIView] = type(
            f"{model.__name__}{action.title()}",
            (TransitionAPIView,),
            {
                "model": model,
                "output": output,
                "transition": transition,
                "post": schema(_post()),
            },
        )
        patterns.append(path(f"{prefix}/<int:pk>/{action}/", view.as_view(), name=f"api-{name}-{action}"))
    return patterns
