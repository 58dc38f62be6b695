"""API: /api/regulations/ (list with the page's filters — unit, field, kind, status, check, case,
q — and create), /api/regulations/{id}/ (with id and unit, the 制定单位), its text versions
(POST multipart .../versions/), and each transition its own operation: consult | review | issue |
return | repeal. /api/regulation-checks/ with record (制度执行检查) and conclude (回头看), and
/api/regulation-waivers/ (无需建章立制说明) with approve and reject. Visibility and capabilities are
the pages': what the caller may not see or do is a 404; a move the status does not allow is a 409."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.cases.models import SystemLoophole
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, Unit, User
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification.models import Problem
from mingjian.regulations import permissions as perms
from mingjian.regulations import queries, services
from mingjian.regulations.models import Regulation, RegulationCheck, Waiver
from mingjian.workflow.api import (
    CommentInput,
    DetailSerializer,
    EmptyInput,
    ReasonInput,
    Transition,
    operation_view,
    transition_paths,
)
from mingjian.workflow.services import TransitionError

C = RegulationCheck


def _pattern(choices: list[tuple[str, str]]) -> dict[str, str]:
    """A documented string (values and labels) instead of an enum component: "kind" already names
    other enums (Unit.kind, Notification.kind …), which drf-spectacular would rename at random."""
    values = "|".join(v for v, _ in choices)
    return {
        "type": "string",
        "pattern": f"^({values})$",
        "description": "；".join(f"{v} {lbl}" for v, lbl in choices),
    }


@extend_schema_field(_pattern(Regulation.Kind.choices))
class RegulationKindField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Regulation.Kind.choices, **kwargs)


@extend_schema_field(_pattern(RegulationCheck.Kind.choices))
class CheckKindField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=RegulationCheck.Kind.choices, **kwargs)


def _user(context: dict[str, Any]) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


class CheckSerializer(serializers.ModelSerializer[RegulationCheck]):
    kind = CheckKindField(read_only=True)

    class Meta:
        model = RegulationCheck
        fields = [
            "id",
            "regulation",
            "kind",
            "status",
            "checker",
            "due_on",
            "done_on",
            "result",
            "findings",
            "scientific",
            "precision",
            "timeliness",
            "conclusion",
            "problem",
        ]
        read_only_fields = fields


def visible_links(user: Any) -> list[Prefetch[Any]]:
    """The loopholes and problems of each regulation that the caller may see, in two queries for
    the whole page rather than a linkable_loopholes() and a Problem query per regulation."""
    return [
        Prefetch("loopholes", services.linkable_loophole_queryset(user), to_attr="visible_loopholes"),
        Prefetch("problems", Problem.objects.visible_to(user).only("pk"), to_attr="visible_problems"),
    ]


class RegulationSerializer(serializers.ModelSerializer[Regulation]):
    kind = RegulationKindField(read_only=True)
    loopholes = serializers.SerializerMethodField(help_text="堵塞的制度漏洞（调用者可见的）")
    problems = serializers.SerializerMethodField(help_text="解决的问题（调用者可见的）")
    versions = serializers.SerializerMethodField()
    checks = CheckSerializer(many=True, read_only=True)

    class Meta:
        model = Regulation
        fields = [
            "id",
            "unit",
            "title",
            "number",
            "kind",
            "status",
            "summary",
            "revises",
            "issued_on",
            "effective_on",
            "repealed_on",
            "loopholes",
            "problems",
            "versions",
            "checks",
            "created_at",
        ]
        read_only_fields = fields

    def _links(self, obj: Regulation) -> Any:
        """A list's rows come with the caller's visible links prefetched (RegulationBase); a single
        regulation (created, uploaded to, moved) fetches its own the same way."""
        if not hasattr(obj, "visible_problems"):
            prefetch_related_objects([obj], *visible_links(_user(self.context)))
        return obj

    def get_loopholes(self, obj: Regulation) -> list[int]:
        return [h.pk for h in self._links(obj).visible_loopholes]

    def get_problems(self, obj: Regulation) -> list[int]:
        return [p.pk for p in self._links(obj).visible_problems]

    def get_versions(self, obj: Regulation) -> list[dict[str, Any]]:
        return [
            {
                "id": v.pk,
                "version": v.version,
                "name": v.name,
                "note": v.note,
                "size": v.size,
                "sha256": v.sha256,
            }
            for v in obj.versions.all()
        ]


class _Scoped(serializers.Serializer[Any]):
    """Id fields accept only what the caller may draft for, link to or revise."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        units = perms.drafting_units(user)
        scoped = {
            "unit": units,
            "revises": Regulation.objects.visible_to(user).in_force(),
            "loopholes": SystemLoophole.objects.filter(
                pk__in=[h.pk for h in services.linkable_loopholes(user)]
            ),
            "problems": Problem.objects.visible_to(user),
        }
        for name, queryset in scoped.items():
            field = self.fields[name]
            target: Any = getattr(field, "child_relation", field)
            target.queryset = queryset


class RegulationCreateInput(_Scoped):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.none(), help_text="制定单位")
    title = serializers.CharField(max_length=200)
    kind = RegulationKindField(default=Regulation.Kind.NEW)
    number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    revises = serializers.PrimaryKeyRelatedField(
        queryset=Regulation.objects.none(), required=False, allow_null=True, default=None
    )
    loopholes = serializers.PrimaryKeyRelatedField(
        many=True, queryset=SystemLoophole.objects.none(), required=False, default=list
    )
    problems = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Problem.objects.none(), required=False, default=list
    )


class RegulationBase(generics.GenericAPIView[Regulation]):
    serializer_class = RegulationSerializer

    def get_queryset(self) -> Any:
        visible = Regulation.objects.visible_to(self.request.user)
        regs = queries.filtered(visible, self.request.query_params, self.request.user, timezone.localdate())
        links = visible_links(self.request.user)
        return regs.prefetch_related(*links, "versions", "checks").order_by("-effective_on", "-id")


class _RegulationReads(RegulationBase, generics.ListAPIView[Regulation]):
    """Filters: unit, field, kind, status, check (due | overdue | full | partial | none), case, q."""


def _create_regulation(*, by: User, **data: Any) -> Regulation:
    return services.create_regulation(services.RegulationInput(**data), by=by)


RegulationList = operation_view(
    _RegulationReads,
    Transition(
        RegulationCreateInput, _create_regulation, "新建制度（起草）", output=RegulationSerializer, status=201
    ),
    operation_id="regulations_create",
)


class RegulationDetail(RegulationBase, generics.RetrieveAPIView[Regulation]):
    pass


class RegulationVersionInput(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="制度文本（Word 或 PDF），新增一个版本")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class RegulationVersions(APIView):
    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        request={"multipart/form-data": RegulationVersionInput},
        responses={
            200: RegulationSerializer,
            400: DetailSerializer,
            404: DetailSerializer,
            409: DetailSerializer,
        },
        summary="上传制度文本新版本",
    )
    def post(self, request: Request, pk: int) -> Response:
        reg = get_visible_or_404(Regulation, request.user, pk=pk)
        data = RegulationVersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            checked = check_upload(upload.name, upload.read())
            services.add_version(
                reg, by=cast(User, request.user), checked=checked, note=data.validated_data["note"]
            )
        except PermissionDenied:
            raise NotFound from None
        except ValidationError as e:
            return Response({"detail": "；".join(e.messages)}, status=status.HTTP_400_BAD_REQUEST)
        except TransitionError as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        return Response(RegulationSerializer(reg, context={"request": request}).data)


class RegulationIssueInput(serializers.Serializer[Any]):
    number = serializers.CharField(max_length=100, help_text="文号")
    issued_on = serializers.DateField(help_text="印发日期")
    effective_on = serializers.DateField(help_text="施行日期")


REGULATION_PATHS = transition_paths(
    "regulations",
    "regulation",
    Regulation,
    RegulationSerializer,
    {
        "consult": Transition(EmptyInput, services.consult_regulation, "征求意见（起草 → 征求意见）"),
        "review": Transition(EmptyInput, services.review_regulation, "提交审议（起草或征求意见 → 审议）"),
        "issue": Transition(
            RegulationIssueInput, services.issue_regulation, "登记印发施行（单位领导，非起草人）"
        ),
        "return": Transition(ReasonInput, services.return_regulation, "审议未通过，退回修改（写明意见）"),
        "repeal": Transition(ReasonInput, services.repeal_regulation, "废止制度（写明理由）"),
    },
)


# ---- checks -----------------------------------------------------------------------------------


class CheckBase(generics.GenericAPIView[RegulationCheck]):
    serializer_class = CheckSerializer

    def get_queryset(self) -> Any:
        return RegulationCheck.objects.visible_to(self.request.user).order_by("due_on", "id")


class CheckList(CheckBase, generics.ListAPIView[RegulationCheck]):
    filterset_fields = ["kind", "status", "regulation"]


class CheckDetail(CheckBase, generics.RetrieveAPIView[RegulationCheck]):
    pass


class ExecutionCheckInput(serializers.Serializer[Any]):
    result = serializers.ChoiceField(choices=C.Result.choices)
    findings = serializers.CharField(max_length=5000)
    checked_on = serializers.DateField(required=False, allow_null=True, default=None)
    raise_problem = serializers.BooleanField(
        default=False, help_text="部分执行时也作为问题交办（未执行一律交办）"
    )
    measure = serializers.CharField(required=False, allow_blank=True, default="", help_text="整改措施")
    due_date = serializers.DateField(required=False, allow_null=True, default=None, help_text="完成时限")
    leader = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="责任领导（用户编号）"
    )
    person = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="责任人（干部编号）"
    )


def record_execution(
    item: RegulationCheck,
    *,
    by: User,
    result: str,
    findings: str,
    checked_on: date | None,
    raise_problem: bool,
    measure: str,
    due_date: date | None,
    leader: int | None,
    person: int | None,
) -> RegulationCheck:
    follow = None
    if result == C.Result.NONE or (result == C.Result.PARTIAL and raise_problem):
        follow = services.FollowUp(
            measure,
            due_date,
            User.objects.filter(pk=leader).first() if leader else None,
            Person.objects.filter(pk=person).first() if person else None,
        )
    return services.record_execution(
        item, by=by, result=result, findings=findings, follow_up=follow, checked_on=checked_on
    )


class RegulationReviewInput(serializers.Serializer[Any]):
    scientific = serializers.CharField(max_length=5000, help_text="科学性")
    precision = serializers.CharField(max_length=5000, help_text="精准度")
    timeliness = serializers.CharField(max_length=5000, help_text="时效性")
    conclusion = serializers.ChoiceField(choices=C.Conclusion.choices)
    checked_on = serializers.DateField(required=False, allow_null=True, default=None)


CHECK_PATHS = transition_paths(
    "regulation-checks",
    "regulation-check",
    RegulationCheck,
    CheckSerializer,
    {
        "record": Transition(
            ExecutionCheckInput, record_execution, "记录制度执行检查（监督方；未执行时交办问题）"
        ),
        "conclude": Transition(
            RegulationReviewInput, services.record_review, "记录制度回头看（科学性、精准度、时效性）"
        ),
    },
)


# ---- waivers ----------------------------------------------------------------------------------


class WaiverSerializer(serializers.ModelSerializer[Waiver]):
    unit = serializers.IntegerField(source="problem.unit_id", read_only=True)

    class Meta:
        model = Waiver
        fields = [
            "id",
            "unit",
            "problem",
            "reason",
            "status",
            "submitted_by",
            "decided_by",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields


class RegulationWaiverInput(serializers.Serializer[Any]):
    problem = serializers.PrimaryKeyRelatedField(queryset=Problem.objects.none())
    reason = serializers.CharField(max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = Problem.objects.visible_to(_user(self.context))  # type: ignore[attr-defined]


class WaiverBase(generics.GenericAPIView[Waiver]):
    serializer_class = WaiverSerializer

    def get_queryset(self) -> Any:
        return Waiver.objects.visible_to(self.request.user).select_related("problem")


class _WaiverReads(WaiverBase, generics.ListAPIView[Waiver]):
    filterset_fields = ["status", "problem"]


WaiverList = operation_view(
    _WaiverReads,
    Transition(
        RegulationWaiverInput,
        services.explain_no_regulation,
        "登记无需建章立制的理由",
        output=WaiverSerializer,
        status=201,
    ),
    operation_id="regulation_waivers_create",
)


class WaiverDetail(WaiverBase, generics.RetrieveAPIView[Waiver]):
    pass


WAIVER_PATHS = transition_paths(
    "regulation-waivers",
    "regulation-waiver",
    Waiver,
    WaiverSerializer,
    {
        "approve": Transition(CommentInput, services.approve_waiver, "同意无需建章立制（验收人，非说明人）"),
        "reject": Transition(ReasonInput, services.reject_waiver, "不同意（写明理由）"),
    },
)
