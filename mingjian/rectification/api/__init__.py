"""API for the rectification engine: /api/problems/, /api/tasks/, /api/plans/, /api/reviews/ (reads
and each transition its own operation); the unit's answer to a 建议书 and the issuer's objection
and closure decisions; reports, 巡察 batches, new problems (campaigns: rectification.campaign_api) with their first
task, draft-task edits, evidence uploads and batch sign-off. The same services, capabilities and
audit as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.cases.api import RecommendationSerializer
from mingjian.cases.models import Recommendation
from mingjian.rectification import services
from mingjian.rectification.api import writes
from mingjian.rectification.api.reads import (
    PLAN_PATHS,
    TASK_PATHS,
    PlanDetail,
    PlanList,
    PlanSerializer,
    ProblemDetail,
    ProblemList,
    ReviewDetail,
    ReviewList,
    ReviewSerializer,
    TaskDetail,
    TaskList,
    TaskSerializer,
)
from mingjian.rectification.models import (
    FollowUpReview,
    InspectionBatch,
    RectificationPlan,
    RectificationPolicy,
    RectificationReport,
    Task,
)
from mingjian.workflow.api import DetailSerializer, EmptyInput, Transition, operation_view, transition_paths

__all__ = ["ANSWER_PATHS", "PATTERNS", "PLAN_PATHS", "REPORT_PATHS", "REVIEW_PATHS", "TASK_PATHS"]

UPLOAD = (MultiPartParser, FormParser)


class ReportBase(generics.GenericAPIView[RectificationReport]):
    serializer_class = writes.ReportSerializer

    def get_queryset(self) -> Any:
        return RectificationReport.objects.visible_to(self.request.user).order_by("-id")


class ReportList(ReportBase, generics.ListAPIView[RectificationReport]):
    filterset_fields = ["kind", "status", "unit", "recommendation", "inspection"]


class ReportDetail(ReportBase, generics.RetrieveAPIView[RectificationReport]):
    pass


class InspectionBase(generics.GenericAPIView[InspectionBatch]):
    serializer_class = writes.InspectionSerializer

    def get_queryset(self) -> Any:
        return InspectionBatch.objects.visible_to(self.request.user).prefetch_related("items").order_by("-id")


class InspectionList(InspectionBase, generics.ListAPIView[InspectionBatch]):
    filterset_fields = ["unit", "issuer"]


class InspectionDetail(InspectionBase, generics.RetrieveAPIView[InspectionBatch]):
    pass


# The unit's formal answer and the issuing body's decisions on it, after 送达.
ANSWER_PATHS = transition_paths(
    "recommendations",
    "recommendation",
    Recommendation,
    RecommendationSerializer,
    {
        "reply": Transition(
            EmptyInput, services.submit_answer, "正式回复并报送整改方案（书记、主要负责人或其授权的班子成员）"
        ),
        "authorise": Transition(
            writes.AuthoriseInput, services.authorise_reply, "授权班子成员代为回复（主要负责人）"
        ),
        "objection": Transition(
            writes.ObjectionInput, services.resolve_objection, "处理异议：逐项维持、修改或撤回并写明理由"
        ),
        "complete": Transition(
            writes.CompleteInput,
            services.complete_recommendation,
            "评估并办结（任务全部销号、整改情况报告已报送）",
        ),
    },
)

REPORT_PATHS = transition_paths(
    "reports",
    "report",
    RectificationReport,
    writes.ReportSerializer,
    {"submit": Transition(EmptyInput, services.submit_report, "报送报告（主要负责人或其授权的班子成员）")},
)


REVIEW_PATHS = transition_paths(
    "reviews",
    "review",
    FollowUpReview,
    ReviewSerializer,
    {
        "record": Transition(
            writes.ReviewRecordInput,
            services.record_review,
            "记录回头看结论（逐项巩固或反弹；反弹重新打开任务或作为新问题交办）",
        )
    },
)


class PolicyView(APIView):
    """整改时限设置 of the caller's issuing body (纪委监委 / 派驻组 staff only)."""

    @extend_schema(
        summary="本机关的整改时限设置",
        responses={200: writes.RectificationPolicySerializer, 404: DetailSerializer},
    )  # 404: no issuing body of one's own
    def get(self, request: Request) -> Response:
        try:
            issuer = writes.policy_issuer(request.user)  # type: ignore[arg-type]
        except PermissionDenied:
            raise NotFound from None
        policy = RectificationPolicy.for_issuer(issuer.pk)
        return Response(writes.RectificationPolicySerializer(policy).data)


def _view(base: type[APIView], operation: Transition, operation_id: str, **kwargs: Any) -> Any:
    return operation_view(base, operation, operation_id=operation_id, **kwargs).as_view()


_ANSWER = _view(
    APIView,
    Transition(
        writes.AnswerInput,
        writes.save_answer,
        "保存回复草稿和整改方案（逐项采纳与否、整改措施）",
        output=writes.AnswerOut,
    ),
    "recommendation_answer",
    model=Recommendation,
    method="put",
)
_ATTACHMENTS = _view(
    APIView,
    Transition(
        writes.AttachmentsInput,
        writes.add_attachments,
        "为回复草稿上传附件",
        output=writes.AnswerOut,
        status=201,
    ),
    "recommendation_attachments",
    model=Recommendation,
    parsers=UPLOAD,
)
_PLAN = _view(
    PlanDetail,
    Transition(writes.PlanEditInput, writes.save_plan, "保存整改方案（退回后修改；巡察整改方案）"),
    "plan_update",
    model=RectificationPlan,
    output=PlanSerializer,
    method="put",
)
_REPORTS = _view(
    ReportList,
    Transition(
        writes.ReportDraftInput,
        writes.draft_report,
        "根据整改任务数据起草（或重写）报告",
        output=writes.ReportSerializer,
    ),
    "report_draft",
)
_REPORT = _view(
    ReportDetail,
    Transition(writes.ReportTextInput, services.save_report, "修改报告草稿"),
    "report_update",
    model=RectificationReport,
    output=writes.ReportSerializer,
    method="put",
)
_INSPECTIONS = _view(
    InspectionList,
    Transition(
        writes.InspectionInput,
        services.create_inspection,
        "登记巡察反馈及反馈问题（巡察机构）",
        output=writes.InspectionSerializer,
        status=201,
    ),
    "inspection_create",
)
_INSPECTION_ITEMS = _view(
    APIView,
    Transition(
        writes.InspectionItemsInput,
        writes.add_inspection_items,
        "补充反馈问题（巡察机构）",
        output=writes.InspectionSerializer,
    ),
    "inspection_items",
    model=InspectionBatch,
)
_INSPECTION_PLAN = _view(
    APIView,
    Transition(
        EmptyInput, writes.open_inspection_plan, "被巡察单位建立（或打开）整改方案", output=PlanSerializer
    ),
    "inspection_plan",
    model=InspectionBatch,
)
_PROBLEMS = _view(
    ProblemList,
    Transition(
        writes.ProblemInput,
        writes.create_problem,
        "登记问题并生成整改任务（草稿）",
        output=TaskSerializer,
        status=201,
    ),
    "problem_create",
)
_TASK = _view(
    TaskDetail,
    Transition(writes.TaskEditInput, writes.update_draft_task, "修改草稿任务（整改措施、类别、时限）"),
    "task_update",
    model=Task,
    output=TaskSerializer,
    method="patch",
)
_EVIDENCE = _view(
    APIView,
    Transition(
        writes.EvidenceInput,
        writes.add_evidence,
        "上传佐证材料（附件或关联记录；可替换当前版本）",
        output=writes.EvidenceSerializer,
        status=201,
    ),
    "task_evidence",
    model=Task,
    parsers=UPLOAD,
)
_SIGN = _view(
    APIView,
    Transition(
        writes.SignInput,
        writes.confirm_tasks,
        "责任领导一次签认多项任务（全部成功或全部不签）",
        output=writes.SignOut,
    ),
    "task_sign",
)

_LEDGER = _view(
    APIView,
    Transition(
        writes.LedgerImportInput,
        writes.import_ledger,
        "导入整改台账（.xlsx），逐行核对后全部导入或全部不导入",
        output=writes.LedgerImportOut,
        status=201,
    ),
    "task_import",
    parsers=UPLOAD,
)
_POLICY = _view(
    PolicyView,
    Transition(
        writes.RectificationPolicyInput,
        writes.save_policy,
        "保存本机关的整改时限设置（预警天数、回头看月数）",
        output=writes.RectificationPolicySerializer,
    ),
    "rectification_policy_update",
    method="put",
)

PATTERNS = [
    path("problems/", _PROBLEMS, name="api-problem-list"),
    path("problems/<int:pk>/", ProblemDetail.as_view(), name="api-problem-detail"),
    path("tasks/", TaskList.as_view(), name="api-task-list"),
    path("tasks/sign/", _SIGN, name="api-task-sign"),
    path("tasks/import/", _LEDGER, name="api-task-import"),
    path("tasks/<int:pk>/", _TASK, name="api-task-detail"),
    path("tasks/<int:pk>/evidence/", _EVIDENCE, name="api-task-evidence"),
    *TASK_PATHS,
    path("plans/", PlanList.as_view(), name="api-plan-list"),
    path("plans/<int:pk>/", _PLAN, name="api-plan-detail"),
    *PLAN_PATHS,
    path("recommendations/<int:pk>/answer/", _ANSWER, name="api-recommendation-answer"),
    path("recommendations/<int:pk>/attachments/", _ATTACHMENTS, name="api-recommendation-attachments"),
    *ANSWER_PATHS,
    path("reports/", _REPORTS, name="api-report-list"),
    path("reports/<int:pk>/", _REPORT, name="api-report-detail"),
    *REPORT_PATHS,
    path("inspections/", _INSPECTIONS, name="api-inspection-list"),
    path("inspections/<int:pk>/", InspectionDetail.as_view(), name="api-inspection-detail"),
    path("inspections/<int:pk>/items/", _INSPECTION_ITEMS, name="api-inspection-items"),
    path("inspections/<int:pk>/plan/", _INSPECTION_PLAN, name="api-inspection-plan"),
    path("reviews/", ReviewList.as_view(), name="api-review-list"),
    path("reviews/<int:pk>/", ReviewDetail.as_view(), name="api-review-detail"),
    *REVIEW_PATHS,
    path("policies/rectification/", _POLICY, name="api-rectification-policy"),
]
