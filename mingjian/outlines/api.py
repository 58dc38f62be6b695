"""API: /api/outlines/ (list and detail, each with id and unit) and POST /api/outlines/parse/
(text → the parser's JSON contract, nothing stored)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.outlines.models import Outline, OutlineNode
from mingjian.outlines.parser import MAX_OUTLINE_CHARS, parse_outline
from mingjian.rectification.models import Task


class NodeSerializer(serializers.ModelSerializer[OutlineNode]):
    task = serializers.SerializerMethodField()

    class Meta:
        model = OutlineNode
        fields = ["id", "order", "level", "marker", "heading", "task", "phase"]
        read_only_fields = fields

    def get_task(self, obj: OutlineNode) -> int | None:
        """The task's id only when the reader may see that task."""
        return obj.task_id if obj.task_id in self.context.get("visible_tasks", ()) else None


class OutlineSerializer(serializers.ModelSerializer[Outline]):
    class Meta:
        model = Outline
        fields = ["id", "unit", "title", "source_name", "created_by", "created_at"]
        read_only_fields = fields


class OutlineDetailSerializer(OutlineSerializer):
    nodes = serializers.SerializerMethodField()

    class Meta(OutlineSerializer.Meta):
        fields = [*OutlineSerializer.Meta.fields, "source_text", "nodes"]
        read_only_fields = fields

    @extend_schema_field(NodeSerializer(many=True))
    def get_nodes(self, obj: Outline) -> list[dict[str, Any]]:
        nodes = list(obj.nodes.all())
        ids = [n.task_id for n in nodes if n.task_id]
        visible = set(
            Task.objects.visible_to(self.context["request"].user)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        return NodeSerializer(nodes, many=True, context={"visible_tasks": visible}).data  # type: ignore[return-value]


class OutlineBase(generics.GenericAPIView[Outline]):
    def get_queryset(self) -> Any:
        return Outline.objects.visible_to(self.request.user)


class OutlineList(OutlineBase, generics.ListAPIView[Outline]):
    serializer_class = OutlineSerializer
    filterset_fields = ["unit"]


class OutlineDetail(OutlineBase, generics.RetrieveAPIView[Outline]):
    serializer_class = OutlineDetailSerializer


class ParseInput(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=MAX_OUTLINE_CHARS, trim_whitespace=False)


_CONTRACT = inline_serializer(
    "OutlineContract",
    {
        "title": serializers.CharField(allow_null=True),
        "outline": inline_serializer(
            "OutlineHeading",
            {
                "level": serializers.IntegerField(),
                "marker": serializers.CharField(),
                "heading": serializers.CharField(),
            },
            many=True,
        ),
    },
)


class OutlineParse(APIView):
    """Parse a speech or 工作方案: its title and heading tree, as `manage.py outline` prints it."""

    @extend_schema(request=ParseInput, responses=_CONTRACT)
    def post(self, request: Request) -> Response:
        data = ParseInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(parse_outline(data.validated_data["text"]).to_contract())
