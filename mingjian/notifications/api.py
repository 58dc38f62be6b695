"""API: /api/notifications/ — the caller's own notifications only."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.lib.api import ModelSerializer
from mingjian.notifications import services
from mingjian.notifications.models import Notification
from mingjian.org.permissions import get_visible_or_404


class NotificationSerializer(ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_label", "title", "body", "url", "created_at", "read_at"]
        read_only_fields = fields


class NotificationList(generics.ListAPIView[Notification]):
    """GET /api/notifications/ — unread first; `?unread=1` for unread only."""

    serializer_class = NotificationSerializer
    filterset_fields = ["kind"]

    def get_queryset(self) -> Any:
        notifications = Notification.objects.visible_to(self.request.user)
        if self.request.query_params.get("unread") in {"1", "true"}:
            notifications = notifications.unread()
        return notifications.unread_first()


class NotificationRead(APIView):
    """POST /api/notifications/{id}/read/ — mark one notification read."""

    @extend_schema(summary="标记消息为已读", request=None, responses=NotificationSerializer)
    def post(self, request: Request, pk: int) -> Response:
        notification = get_visible_or_404(Notification, request.user, pk=pk)
        services.mark_read(notification, by=request.user)  # type: ignore[arg-type]
        return Response(NotificationSerializer(notification).data)
