"""API: the signed-in user (/api/me/), visible units (/api/units/), token sign-in and sign-out."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from mingjian.lib.api import ModelSerializer
from mingjian.org import permissions, tokens
from mingjian.org.auth import LoginError, sign_in
from mingjian.org.models import Unit


class UnitSerializer(ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    field_label = serializers.CharField(source="get_field_display", read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "name",
            "short_name",
            "code",
            "parent",
            "path",
            "depth",
            "kind",
            "kind_label",
            "field",
            "field_label",
            "is_active",
        ]


class UnitListView(generics.ListAPIView[Unit]):
    serializer_class = UnitSerializer
    filterset_fields = ["kind", "field", "parent"]

    def get_queryset(self) -> Any:
        return Unit.objects.visible_to(self.request.user)


class UnitDetailView(generics.RetrieveAPIView[Unit]):
    serializer_class = UnitSerializer

    def get_queryset(self) -> Any:
        return Unit.objects.visible_to(self.request.user)


class RoleSerializer(serializers.Serializer[Any]):
    role = serializers.CharField()
    role_label = serializers.CharField()
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()


class MeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    unit = serializers.IntegerField(allow_null=True)
    unit_name = serializers.CharField(allow_null=True)
    roles = RoleSerializer(many=True)


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        user: Any = request.user
        roles = [
            {"role": a.role, "role_label": a.get_role_display(), "unit": a.unit_id, "unit_name": a.unit.name}
            for a in permissions.role_assignments(user)
        ]
        data = {
            "id": user.pk,
            "username": user.username,
            "full_name": user.full_name,
            "unit": user.unit_id,
            "unit_name": user.unit.name if user.unit else None,
            "roles": roles,
        }
        return Response(MeSerializer(data).data)


class TokenThrottle(AnonRateThrottle):
    rate = "30/min"


class TokenView(APIView):
    """POST username/password → {"token": "...", "expires_at": "..."}; the same lockout and
    per-address throttle as the login page. Each sign-in replaces the account's earlier token."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [TokenThrottle]

    @extend_schema(
        summary="登录取得令牌（与登录页相同的锁定和限流）",
        request=inline_serializer(
            "TokenRequest", {"username": serializers.CharField(), "password": serializers.CharField()}
        ),
        responses=inline_serializer(
            "TokenResponse", {"token": serializers.CharField(), "expires_at": serializers.DateTimeField()}
        ),
    )
    def post(self, request: Request) -> Response:
        username = str(request.data.get("username", ""))
        password = str(request.data.get("password", ""))
        if not username or not password:
            return Response({"detail": "请提供用户名和密码。"}, status=status.HTTP_400_BAD_REQUEST)
        try:
            user = sign_in(request._request, username, password)
        except LoginError as e:
            return Response({"detail": str(e)}, status=status.HTTP_400_BAD_REQUEST)
        token = tokens.issue_token(user)
        return Response({"token": token.key, "expires_at": tokens.expires_at(token)})


class LogoutView(APIView):
    """POST → 204: the token this request came with (and any other of the account) stops working."""

    @extend_schema(summary="退出：吊销本账号的令牌", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        tokens.revoke_tokens(request.user, reason="logout", by=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)
