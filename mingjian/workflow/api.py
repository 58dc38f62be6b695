"""The one way the API runs a transition service: a refused capability is a 404 (it reveals
nothing), an illegal or stale move is a 409 with the service's Chinese message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.org.permissions import get_visible_or_404
from mingjian.workflow.services import TransitionError


class TransitionAPIView(APIView):
    """POST /api/<things>/{id}/<action>/: `actions` maps each action to (input serializer, service);
    the service is called as service(obj, by=user, **validated input)."""

    model: type[Model]
    actions: dict[str, tuple[type[serializers.Serializer[Any]], Callable[..., Any]]]
    output: type[serializers.Serializer[Any]]

    def post(self, request: Request, pk: int, action: str) -> Response:
        if action not in self.actions:
            raise NotFound
        obj = get_visible_or_404(self.model, request.user, pk=pk)
        input_class, service = self.actions[action]
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            obj = service(obj, by=request.user, **data.validated_data)
        except PermissionDenied:
            raise NotFound from None
        except TransitionError as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        return Response(self.output(obj).data)
