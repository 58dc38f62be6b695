"""API: /api/risks/ (the register: list with the page's filters — unit, level, category, status,
failed, incomplete, q — and create), /api/risks/{id}/ (with id and unit), each action its own
operation: confirm | decline | retire | push | flag; POST /api/risks/from-analysis/ (纳入风险库);
/api/risk-failures/ (防控失效) with resolve; /api/risk-screenings/ (年度排查: list, deploy) with
review. Visibility and capabilities are the pages': what the caller may not see or do is a 404; a
move the status does not allow is a 409 with the Chinese reason."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.cases.models import Case, CaseAnalysis, IntegrityRisk
from mingjian.lib.api import id_field
from mingjian.org.models import Person, Unit, User
from mingjian.risks import permissions as perms
from mingjian.risks import queries, services
from mingjian.risks.models import ControlFailure, RiskPoint, RiskScreening
from mingjian.workflow.api import DetailSerializer, ReasonInput, Transition, operation_view, transition_paths
from mingjian.workflow.services import TransitionError


@extend_schema_field(
    {
        "type": "string",
        "pattern": f"^({'|'.join(RiskPoint.Category.values)})$",
        "description": "；".join(f"{v} {label}" for v, label in RiskPoint.Category.choices),
    }
)
class CategoryField(serializers.ChoiceField):
    """风险类别 as a documented string: "category" already names ProblemType's enum."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=RiskPoint.Category.choices, **kwargs)


def _user(context: dict[str, Any]) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


class RiskSerializer(serializers.ModelSerializer[RiskPoint]):
    category = CategoryField(read_only=True)
    open_failures = serializers.SerializerMethodField(help_text="未完善的防控失效数")

    class Meta:
        model = RiskPoint
        fields = [
            "id",
            "unit",
            "post",
            "category",
            "point",
            "manifestation",
            "level",
            "controls",
            "dept_head",
            "leader",
            "status",
            "source",
            "source_risk",
            "pushed_from",
            "decline_reason",
            "reviewed_in",
            "reviewed_on",
            "open_failures",
            "created_at",
        ]
        read_only_fields = fields

    def get_open_failures(self, obj: RiskPoint) -> int:
        found = getattr(obj, "open_failures", None)
        if found is not None:
            return int(found)
        return obj.failures.filter(status=ControlFailure.Status.OPEN).count()


class RiskPointInputSerializer(serializers.Serializer[Any]):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.none(), help_text="单位/科室")
    post = serializers.CharField(max_length=100)
    point = serializers.CharField(max_length=500)
    level = serializers.ChoiceField(choices=RiskPoint.Level.choices)
    category = CategoryField(default=RiskPoint.Category.POST)
    manifestation = serializers.CharField(required=False, allow_blank=True, default="")
    controls = serializers.CharField()
    dept_head = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="科室负责人（干部名册）",
    )
    leader = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), help_text="责任领导（班子成员账号）"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = perms.register_units(_user(self.context))  # type: ignore[attr-defined]


class RiskBase(generics.GenericAPIView[RiskPoint]):
    serializer_class = RiskSerializer

    def get_queryset(self) -> Any:
        return queries.with_flags(RiskPoint.objects.visible_to(self.request.user)).order_by(
            "unit__path", "id"
        )


class _RiskReads(RiskBase, generics.ListAPIView[RiskPoint]):
    """Filters: unit, level, category, status (pending | active | declined | retired | all; default
    在册和待确认), failed, incomplete, q."""

    def get_queryset(self) -> Any:
        return queries.filtered(super().get_queryset(), self.request.query_params, self.request.user)


def _create_risk(*, by: User, **data: Any) -> RiskPoint:
    return services.create_risk(services.RiskInput(**data), by=by)


RiskList = operation_view(
    _RiskReads,
    Transition(RiskPointInputSerializer, _create_risk, "登记廉政风险点", output=RiskSerializer, status=201),
    operation_id="risks_create",
)


class RiskDetail(RiskBase, generics.RetrieveAPIView[RiskPoint]):
    pass


class RiskTakeInput(serializers.Serializer[Any]):
    risk = serializers.IntegerField(help_text="案件剖析中的廉政风险点编号（剖析须已审定）")


class RiskTakeOutput(serializers.Serializer[Any]):
    row = RiskSerializer(allow_null=True, help_text="新纳入的风险点；风险库已有时为空")
    failures = serializers.ListField(child=serializers.IntegerField(), help_text="因此标记的防控失效编号")


class TakeFromAnalysis(APIView):
    @extend_schema(
        request=RiskTakeInput,
        responses={200: RiskTakeOutput, 400: DetailSerializer, 404: DetailSerializer, 409: DetailSerializer},
        summary="纳入风险库（或标记防控失效）",
    )
    def post(self, request: Request) -> Response:
        data = RiskTakeInput(data=request.data)
        data.is_valid(raise_exception=True)
        analyses = CaseAnalysis.objects.visible_to(request.user)
        risk = IntegrityRisk.objects.filter(pk=data.validated_data["risk"], analysis__in=analyses).first()
        if risk is None:
            raise NotFound
        try:
            taken = services.take_from_analysis(risk, by=cast(User, request.user))
        except PermissionDenied:
            raise NotFound from None
        except TransitionError as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        row = RiskSerializer(taken.row).data if taken.row else None
        return Response({"row": row, "failures": [f.pk for f in taken.failures]})


class RiskConfirmInput(serializers.Serializer[Any]):
    controls = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="本单位的防控措施"
    )
    leader = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="责任领导（用户编号）"
    )
    dept_head = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="科室负责人"
    )


def confirm(
    row: RiskPoint, *, by: User, controls: str, leader: int | None, dept_head: int | None
) -> RiskPoint:
    return services.confirm_risk(
        row,
        by=by,
        controls=controls,
        leader=User.objects.filter(pk=leader).first() if leader else None,
        dept_head=Person.objects.filter(pk=dept_head).first() if dept_head else None,
    )


class RiskPushInput(serializers.Serializer[Any]):
    units = serializers.ListField(child=id_field(), help_text="接收推送的同领域单位编号")


def push(row: RiskPoint, *, by: User, units: list[int]) -> list[RiskPoint]:
    found = list(Unit.objects.filter(pk__in=units))
    if len(found) != len(set(units)):
        raise PermissionDenied
    return services.push_risk(row, by=by, units=found)


class RiskFlagInput(serializers.Serializer[Any]):
    case = serializers.IntegerField(help_text="击中该风险点的新发案例编号")


def flag(row: RiskPoint, *, by: User, case: int) -> ControlFailure:
    found = Case.objects.visible_to(by).filter(pk=case).first()
    if found is None:
        raise TransitionError("无此案例。")
    return services.flag_failure(row, by=by, case=found)


RISK_PATHS = transition_paths(
    "risks",
    "risk",
    RiskPoint,
    RiskSerializer,
    {
        "confirm": Transition(
            RiskConfirmInput, confirm, "确认推送的风险点（待确认 → 在册，写明本单位防控措施）"
        ),
        "decline": Transition(ReasonInput, services.decline_risk, "说明推送的风险点不适用（写明理由）"),
        "retire": Transition(ReasonInput, services.retire_risk, "撤销风险点（岗位或职权已调整）"),
        "push": Transition(RiskPushInput, push, "推送至同领域单位（纪检监察机关）"),
        "flag": Transition(RiskFlagInput, flag, "标记防控失效（新发案例击中已有防控措施的风险点）"),
    },
)


# ---- 防控失效 ---------------------------------------------------------------------------------


class FailureSerializer(serializers.ModelSerializer[ControlFailure]):
    unit = serializers.IntegerField(source="risk.unit_id", read_only=True)

    class Meta:
        model = ControlFailure
        fields = ["id", "unit", "risk", "case", "status", "controls_then", "flagged_at", "resolved_at"]
        read_only_fields = fields


class FailureBase(generics.GenericAPIView[ControlFailure]):
    serializer_class = FailureSerializer

    def get_queryset(self) -> Any:
        return ControlFailure.objects.visible_to(self.request.user).select_related("risk")


class FailureList(FailureBase, generics.ListAPIView[ControlFailure]):
    filterset_fields = ["status", "risk", "case"]


class FailureDetail(FailureBase, generics.RetrieveAPIView[ControlFailure]):
    pass


class RiskControlsInput(serializers.Serializer[Any]):
    controls = serializers.CharField(help_text="完善后的防控措施")


FAILURE_PATHS = transition_paths(
    "risk-failures",
    "risk-failure",
    ControlFailure,
    FailureSerializer,
    {"resolve": Transition(RiskControlsInput, services.resolve_failure, "完善防控措施（防控失效 → 已完善）")},
)


# ---- 年度排查 ---------------------------------------------------------------------------------


class ScreeningSerializer(serializers.ModelSerializer[RiskScreening]):
    unreviewed = serializers.SerializerMethodField()
    unanswered = serializers.SerializerMethodField()

    class Meta:
        model = RiskScreening
        fields = ["id", "unit", "year", "task", "unreviewed", "unanswered", "created_at"]
        read_only_fields = fields

    # The list annotates both counts (services.with_counts); a screening just launched or moved
    # is counted on its own.
    def get_unreviewed(self, obj: RiskScreening) -> int:
        counted = getattr(obj, "unreviewed_count", None)
        return services.unreviewed(obj).count() if counted is None else counted

    def get_unanswered(self, obj: RiskScreening) -> int:
        counted = getattr(obj, "unanswered_count", None)
        return services.unanswered(obj).count() if counted is None else counted


class ScreeningLaunchInput(serializers.Serializer[Any]):
    units = serializers.ListField(child=id_field(), help_text="排查单位编号")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    due_date = serializers.DateField()


class ScreeningBase(generics.GenericAPIView[RiskScreening]):
    serializer_class = ScreeningSerializer

    def get_queryset(self) -> Any:
        found = RiskScreening.objects.visible_to(self.request.user)
        return services.with_counts(found, self.request.user).order_by("-year", "unit__path")


class ScreeningList(ScreeningBase, generics.ListAPIView[RiskScreening]):
    filterset_fields = ["year", "unit"]

    @extend_schema(
        request=ScreeningLaunchInput,
        responses={
            201: ScreeningSerializer(many=True),
            400: DetailSerializer,
            404: DetailSerializer,
            409: DetailSerializer,
        },
        summary="部署年度廉政风险排查",
    )
    def post(self, request: Request) -> Response:
        data = ScreeningLaunchInput(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = data.validated_data
        units = list(Unit.objects.filter(pk__in=values["units"]))
        try:
            if len(units) != len(set(values["units"])):
                raise PermissionDenied
            found = services.launch_screenings(
                by=cast(User, request.user), units=units, year=values["year"], due_date=values["due_date"]
            )
        except PermissionDenied:
            raise NotFound from None
        except TransitionError as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        return Response(ScreeningSerializer(found, many=True).data, status=status.HTTP_201_CREATED)


class ScreeningDetail(ScreeningBase, generics.RetrieveAPIView[RiskScreening]):
    pass


class ScreeningReviewInput(serializers.Serializer[Any]):
    rows = serializers.ListField(child=id_field(), help_text="已复核的风险点编号")


def review(screening: RiskScreening, *, by: User, rows: list[int]) -> int:
    return services.review_rows(
        screening, by=by, rows=list(RiskPoint.objects.visible_to(by).filter(pk__in=rows))
    )


SCREENING_PATHS = transition_paths(
    "risk-screenings",
    "risk-screening",
    RiskScreening,
    ScreeningSerializer,
    {"review": Transition(ScreeningReviewInput, review, "登记已复核的风险点（排查单位）")},
)
