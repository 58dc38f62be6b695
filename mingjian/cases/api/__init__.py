"""API for 典型案例 and what the 纪委 writes from them: /api/cases/ (list, import from a 通报, parse
a 通报), /api/cases/{id}/ and its analysis and 建议书 draft, /api/analyses/ with submit | approve |
return | reopen, /api/findings/ (监督发现), /api/recommendations/ (edit a draft, submit | approve |
reject | issue). The same visibility, name masking, read audit, services and capabilities as the
pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mingjian.cases import services
from mingjian.cases.api import writes
from mingjian.cases.api.reads import (
    AnalysisDetail,
    AnalysisList,
    AnalysisSerializer,
    CaseDetail,
    CaseList,
    CaseSerializer,
    IssueInput,
    RecommendationDetail,
    RecommendationList,
    RecommendationSerializer,
    RejectInput,
    issue,
)
from mingjian.cases.models import Case, CaseAnalysis, Recommendation, RecommendationPolicy, SupervisionFinding
from mingjian.workflow.api import (
    CommentInput,
    DetailSerializer,
    EmptyInput,
    Transition,
    operation_view,
    transition_paths,
)

__all__ = [
    "ANALYSIS_PATHS",
    "PATTERNS",
    "RECOMMENDATION_PATHS",
    "AnalysisSerializer",
    "CaseSerializer",
    "RecommendationSerializer",
]


class FindingBase(generics.GenericAPIView[SupervisionFinding]):
    serializer_class = writes.FindingSerializer

    def get_queryset(self) -> Any:
        return SupervisionFinding.objects.visible_to(self.request.user).order_by("-found_on", "-id")


class FindingList(FindingBase, generics.ListAPIView[SupervisionFinding]):
    """监督发现 — the 纪委 / 派驻组's own working records; a unit never reads them."""

    filterset_fields = ["unit", "source"]


class FindingDetail(FindingBase, generics.RetrieveAPIView[SupervisionFinding]):
    pass


class PolicyView(APIView):
    """建议书审批设置 of the body the clerk drafts for: approval chain, reply and objection rules."""

    @extend_schema(
        summary="本机关的建议书审批设置",
        responses={200: writes.RecommendationPolicySerializer, 404: DetailSerializer},
    )  # 404: no issuing body of one's own
    def get(self, request: Request) -> Response:
        try:
            issuer = writes.policy_issuer(request.user)  # type: ignore[arg-type]
        except PermissionDenied:
            raise NotFound from None
        policy = RecommendationPolicy.for_issuer(issuer)
        return Response(writes.RecommendationPolicySerializer(policy).data)


# The issuing body's own steps; the unit's reply, plan and closure are under rectification.
RECOMMENDATION_PATHS = transition_paths(
    "recommendations",
    "recommendation",
    Recommendation,
    RecommendationSerializer,
    {
        "submit": Transition(
            EmptyInput, services.submit_for_approval, "提交审批（按本机关审批流程逐级签批）"
        ),
        "approve": Transition(CommentInput, services.approve_step, "签批当前一步（起草人不能签批）"),
        "reject": Transition(RejectInput, services.reject_step, "退回修改（写明理由）"),
        "issue": Transition(IssueInput, issue, "送达（编号、送达日期、签收人，回复期限开始计算）"),
    },
)

ANALYSIS_PATHS = transition_paths(
    "analyses",
    "analysis",
    CaseAnalysis,
    AnalysisSerializer,
    {
        "submit": Transition(
            EmptyInput, services.submit_analysis, "提交剖析（草稿 → 待审核）", lookup=writes.analyses_in_scope
        ),
        "approve": Transition(
            CommentInput,
            services.approve_analysis,
            "审定剖析（纪检监察机关，非起草人）",
            lookup=writes.analyses_in_scope,
        ),
        "return": Transition(
            writes.AnalysisReturnInput,
            services.return_analysis,
            "退回剖析修改（写明理由）",
            lookup=writes.analyses_in_scope,
        ),
        "reopen": Transition(
            CommentInput, services.reopen_analysis, "重新打开已审定的剖析", lookup=writes.analyses_in_scope
        ),
    },
)

_CASES = operation_view(
    CaseList,
    Transition(
        writes.CaseImportInput,
        writes.import_cases,
        "保存核对后的通报案例（全部保存或全部不保存）",
        output=writes.CaseImportOut,
        status=201,
    ),
    operation_id="case_import",
)
_PARSE = operation_view(
    APIView,
    Transition(
        writes.NoticeParseInput,
        writes.parse_notice,
        "识别通报（文本或 .txt/.docx）：拆分案例并预填，不保存",
        output=writes.NoticeParseOut,
    ),
    operation_id="case_parse",
    parsers=(JSONParser, MultiPartParser, FormParser),
)
_ANALYSIS = operation_view(
    APIView,
    Transition(
        writes.AnalysisInput,
        writes.save_analysis,
        "保存案件剖析（草稿；原因、廉政风险点、制度漏洞、类案延伸单位）",
        output=AnalysisSerializer,
        lookup=writes.cases_in_scope,
    ),
    operation_id="analysis_save",
    model=Case,
    method="put",
)
_CASE_RECOMMEND = operation_view(
    APIView,
    Transition(
        writes.IssuerInput,
        services.draft_recommendation,
        "根据案件及其剖析起草建议书",
        output=RecommendationSerializer,
        status=201,
        lookup=writes.cases_in_scope,
    ),
    operation_id="case_recommend",
    model=Case,
)
_FINDINGS = operation_view(
    FindingList,
    Transition(
        writes.FindingInput,
        services.record_finding,
        "登记监督发现（问题线索初核、日常监督）",
        output=writes.FindingSerializer,
        status=201,
    ),
    operation_id="finding_record",
)
_FINDING_RECOMMEND = operation_view(
    APIView,
    Transition(
        writes.IssuerInput,
        services.draft_from_finding,
        "根据监督发现起草建议书",
        output=RecommendationSerializer,
        status=201,
    ),
    operation_id="finding_recommend",
    model=SupervisionFinding,
)
_RECOMMENDATION = operation_view(
    RecommendationDetail,
    Transition(writes.RecommendationEditInput, writes.save_recommendation, "修改建议书草稿及其建议事项"),
    operation_id="recommendation_update",
    model=Recommendation,
    output=RecommendationSerializer,
    method="put",
)

_POLICY = operation_view(
    PolicyView,
    Transition(
        writes.RecommendationPolicyInput,
        writes.save_policy,
        "保存本机关的建议书审批设置（审批流程、回复与异议期限）",
        output=writes.RecommendationPolicySerializer,
    ),
    operation_id="recommendation_policy_update",
    method="put",
)

PATTERNS = [
    path("cases/", _CASES.as_view(), name="api-case-list"),
    path("cases/parse/", _PARSE.as_view(), name="api-case-parse"),
    path("cases/<int:pk>/", CaseDetail.as_view(), name="api-case-detail"),
    path("cases/<int:pk>/analysis/", _ANALYSIS.as_view(), name="api-case-analysis"),
    path("cases/<int:pk>/recommend/", _CASE_RECOMMEND.as_view(), name="api-case-recommend"),
    path("analyses/", AnalysisList.as_view(), name="api-analysis-list"),
    path("analyses/<int:pk>/", AnalysisDetail.as_view(), name="api-analysis-detail"),
    *ANALYSIS_PATHS,
    path("findings/", _FINDINGS.as_view(), name="api-finding-list"),
    path("findings/<int:pk>/", FindingDetail.as_view(), name="api-finding-detail"),
    path("findings/<int:pk>/recommend/", _FINDING_RECOMMEND.as_view(), name="api-finding-recommend"),
    path("recommendations/", RecommendationList.as_view(), name="api-recommendation-list"),
    path("recommendations/<int:pk>/", _RECOMMENDATION.as_view(), name="api-recommendation-detail"),
    *RECOMMENDATION_PATHS,
    path("policies/recommendation/", _POLICY.as_view(), name="api-recommendation-policy"),
]
