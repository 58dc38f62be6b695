"""API: /api/outlines/ (list, record a speech or 方案; detail, each with id and unit), POST
/api/outlines/parse/ (text → the parser's JSON contract, nothing stored) and POST
/api/outlines/{id}/tasks/ (ticked nodes → 整改任务, checked by the engine's own plan form, as on
the page)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.lib.api import ModelSerializer, ScopedPk, caller
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Unit, User
from mingjian.outlines import services
from mingjian.outlines.forms import plan_form
from mingjian.outlines.models import Outline, OutlineNode
from mingjian.outlines.parser import MAX_OUTLINE_CHARS, OutlineTooLongError, check_length, parse_outline
from mingjian.outlines.permissions import issuable_units, leaders_over, people_over, recording_unit
from mingjian.outlines.sources import SourceError, read_text
from mingjian.rectification.models import ProblemType, Task
from mingjian.rectification.permissions import issuer_for
from mingjian.rectification.services import TaskPlan, guess_type
from mingjian.workflow.api import Transition, operation_view


class NodeSerializer(ModelSerializer):
    task = serializers.SerializerMethodField()

    class Meta:
        model = OutlineNode
        fields = ["id", "order", "level", "marker", "heading", "task", "phase"]
        read_only_fields = fields

    def get_task(self, obj: OutlineNode) -> int | None:
        """The task's id only when the reader may see that task."""
        return obj.task_id if obj.task_id in self.context.get("visible_tasks", ()) else None


class OutlineSerializer(ModelSerializer):
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

    @extend_schema(summary="识别讲话或方案的标题层级（不保存）", request=ParseInput, responses=_CONTRACT)
    def post(self, request: Request) -> Response:
        data = ParseInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(parse_outline(data.validated_data["text"]).to_contract())


# ---- writes -------------------------------------------------------------------------------------


class OutlineCreateInput(serializers.Serializer[Any]):
    text = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    file = serializers.FileField(required=False, help_text="或上传 .txt / .docx（5 MB 以内）")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        upload = data.pop("file", None)
        try:
            if upload is not None:
                checked = check_upload(upload.name, upload.read())
                data["text"] = read_text(checked.data, checked.name)
            check_length(data["text"])
        except (DjangoValidationError, SourceError) as e:
            raise serializers.ValidationError(
                {"file": [str(m) for m in getattr(e, "messages", [e])]}
            ) from None
        except OutlineTooLongError as e:
            raise serializers.ValidationError({"text": [str(e)]}) from None
        if not data["text"].strip():
            raise serializers.ValidationError({"text": ["请粘贴讲话或方案全文，或上传 .txt / .docx 文件。"]})
        data["source_name"] = upload.name if upload is not None else ""
        return data


def record_outline(*, by: User, text: str, source_name: str) -> Outline:
    unit = recording_unit(by)
    if unit is None:
        raise PermissionDenied
    return services.record_outline(by=by, unit=unit, text=text, source_name=source_name)


def _units(context: dict[str, Any]) -> Any:
    user = caller(context)
    issuer = issuer_for(user) if user.is_authenticated else None
    return issuable_units(user, issuer) if issuer is not None else Unit.objects.none()


def _nodes(context: dict[str, Any]) -> Any:
    return OutlineNode.objects.filter(outline=context["object"], task__isnull=True)


_LEADER = "责任领导（班子成员）"
_PERSON = "责任人（干部名册）"


class NodeChoice(serializers.Serializer[Any]):
    """A ticked node, with what differs from the batch settings (empty: as the batch)."""

    node = ScopedPk(_nodes, "未生成任务的标题")
    unit = ScopedPk(_units, "责任单位", required=False, allow_null=True, default=None)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    leader = ScopedPk(
        lambda c: leaders_over(_units(c)), _LEADER, required=False, allow_null=True, default=None
    )
    person = ScopedPk(
        lambda c: people_over(_units(c)), _PERSON, required=False, allow_null=True, default=None
    )


class OutlineTasksInput(serializers.Serializer[Any]):
    unit = ScopedPk(_units, "责任单位")
    problem_type = serializers.PrimaryKeyRelatedField(
        queryset=ProblemType.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="空则按标题匹配",
    )
    category = serializers.ChoiceField(choices=Task.Category.choices, default=Task.Category.DEADLINE)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    due_working_days = serializers.IntegerField(
        min_value=1, max_value=750, required=False, allow_null=True, default=None
    )
    leader = ScopedPk(
        lambda c: leaders_over(_units(c)), _LEADER, required=False, allow_null=True, default=None
    )
    person = ScopedPk(
        lambda c: people_over(_units(c)), _PERSON, required=False, allow_null=True, default=None
    )
    issue_now = serializers.BooleanField(default=False, help_text="生成后立即下发（开始计时）")
    nodes = NodeChoice(many=True, allow_empty=False)


class OutlineTasksOut(serializers.Serializer[Any]):
    tasks = serializers.ListField(child=serializers.IntegerField(), help_text="生成的整改任务编号")


def _plans(outline: Outline, batch: dict[str, Any]) -> list[tuple[OutlineNode, TaskPlan]]:
    """One plan per ticked node, each checked by the engine's own plan form; errors name the node."""
    types = list(ProblemType.objects.all())
    parents = services.ancestors(outline.nodes.all())
    plans, errors = [], []
    for row in batch["nodes"]:
        node, unit = row["node"], row["unit"] or batch["unit"]
        kind = batch["problem_type"] or guess_type(node.heading, unit, types)
        form = plan_form(unit, batch, row, heading=node.heading, problem_type=kind)
        if not form.is_valid():
            errors += [f"{node.marker}{node.heading[:30]}：{e}" for es in form.errors.values() for e in es]
            continue
        description = services.describe(outline, node, parents[node.pk])
        plans.append((node, TaskPlan(unit=unit, description=description, **form.cleaned_data)))
    if errors:
        raise serializers.ValidationError({"nodes": errors})
    return plans


def tasks_from_nodes(outline: Outline, *, by: User, issue_now: bool, **batch: Any) -> dict[str, Any]:
    issuer = issuer_for(by)
    if issuer is None:
        raise PermissionDenied
    plans = _plans(outline, batch)
    tasks = services.tasks_from_nodes(outline, plans, by=by, issuer=issuer, issue_now=issue_now)
    return {"tasks": [t.pk for t in tasks]}


_OUTLINES = operation_view(
    OutlineList,
    Transition(
        OutlineCreateInput,
        record_outline,
        "录入讲话或方案（文本或 .txt/.docx），识别并保存标题层级",
        output=OutlineDetailSerializer,
        status=201,
    ),
    operation_id="outline_create",
    parsers=(JSONParser, MultiPartParser, FormParser),
)
_TASKS = operation_view(
    APIView,
    Transition(
        OutlineTasksInput,
        tasks_from_nodes,
        "勾选的部署事项生成整改任务（全部生成或全部不生成）",
        output=OutlineTasksOut,
        status=201,
    ),
    operation_id="outline_tasks",
    model=Outline,
)

PATTERNS = [
    path("outlines/", _OUTLINES.as_view(), name="api-outline-list"),
    path("outlines/parse/", OutlineParse.as_view(), name="api-outline-parse"),
    path("outlines/<int:pk>/", OutlineDetail.as_view(), name="api-outline-detail"),
    path("outlines/<int:pk>/tasks/", _TASKS.as_view(), name="api-outline-tasks"),
]
