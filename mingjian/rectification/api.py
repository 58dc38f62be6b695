"""API: /api/problems/, /api/tasks/, /api/reviews/, /api/plans/ (each with id and unit); task
transitions as POST /api/tasks/{id}/<action>/ with issue | start | progress | confirm | submit |
accept | return | reopen, and plan transitions as POST /api/plans/{id}/<action>/ with submit |
approve | return."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mingjian.rectification import services
from mingjian.rectification.models import FollowUpReview, PlanMeasure, Problem, RectificationPlan, Task
from mingjian.workflow.api import TransitionAPIView


class ProblemSerializer(serializers.ModelSerializer[Problem]):
    problem_type_name = serializers.CharField(source="problem_type.name", read_only=True)

    class Meta:
        model = Problem
        fields = [
            "id",
            "unit",
            "issuer",
            "source",
            "problem_type",
            "problem_type_name",
            "title",
            "description",
            "recommendation_item",
            "case",
            "risk",
            "loophole",
            "inspection",
            "campaign",
            "created_at",
        ]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer[Task]):
    light = serializers.SerializerMethodField()
    responsibilities = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "unit",
            "problem",
            "measure",
            "category",
            "status",
            "due_date",
            "due_provisional",
            "light",
            "round",
            "progress",
            "issued_at",
            "submitted_at",
            "accepted_at",
            "verification",
            "responsibilities",
        ]
        read_only_fields = fields

    def get_light(self, obj: Task) -> str:
        return obj.light(timezone.localdate())

    def get_responsibilities(self, obj: Task) -> list[dict[str, Any]]:
        return [
            {"unit": r.unit_id, "role": r.role, "leader": r.leader_id, "person": r.person_id}
            for r in obj.responsibilities.all()
        ]


class ReviewSerializer(serializers.ModelSerializer[FollowUpReview]):
    class Meta:
        model = FollowUpReview
        fields = [
            "id",
            "unit",
            "issuer",
            "campaign",
            "scheduled_for",
            "status",
            "tasks",
            "conducted_on",
            "summary",
        ]
        read_only_fields = fields


class ProblemBase(generics.GenericAPIView[Problem]):
    serializer_class = ProblemSerializer

    def get_queryset(self) -> Any:
        return Problem.objects.visible_to(self.request.user).select_related("problem_type")


class ProblemList(ProblemBase, generics.ListAPIView[Problem]):
    filterset_fields = ["source", "unit", "problem_type", "campaign", "inspection"]


class ProblemDetail(ProblemBase, generics.RetrieveAPIView[Problem]):
    pass


class TaskBase(generics.GenericAPIView[Task]):
    serializer_class = TaskSerializer

    def get_queryset(self) -> Any:
        tasks = Task.objects.visible_to(self.request.user).prefetch_related("responsibilities")
        return tasks.filtered(self.request.query_params, timezone.localdate())


class TaskList(TaskBase, generics.ListAPIView[Task]):
    """Filters: status, source, unit, campaign, q, light=red|overdue."""


class TaskDetail(TaskBase, generics.RetrieveAPIView[Task]):
    pass


class ReviewBase(generics.GenericAPIView[FollowUpReview]):
    serializer_class = ReviewSerializer

    def get_queryset(self) -> Any:
        return FollowUpReview.objects.visible_to(self.request.user).prefetch_related("tasks")


class ReviewList(ReviewBase, generics.ListAPIView[FollowUpReview]):
    filterset_fields = ["status", "unit"]


class ReviewDetail(ReviewBase, generics.RetrieveAPIView[FollowUpReview]):
    pass


class ProgressInput(serializers.Serializer[Any]):
    progress = serializers.CharField()


class CommentInput(serializers.Serializer[Any]):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class AcceptInput(serializers.Serializer[Any]):
    verification = serializers.ChoiceField(choices=Task.Verification.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonInput(serializers.Serializer[Any]):
    reason = serializers.CharField()


class EmptyInput(serializers.Serializer[Any]):
    pass


class TaskTransition(TransitionAPIView):
    model = Task
    output = TaskSerializer
    actions = {
        "issue": (EmptyInput, services.issue_task),
        "start": (EmptyInput, services.start_task),
        "progress": (ProgressInput, services.save_progress),
        "confirm": (CommentInput, services.confirm_task),
        "submit": (EmptyInput, services.submit_task),
        "accept": (AcceptInput, services.accept_task),
        "return": (ReasonInput, services.return_task),
        "reopen": (ReasonInput, services.reopen_task),
    }

    @extend_schema(request=AcceptInput, responses=TaskSerializer)
    def post(self, request: Request, pk: int, action: str) -> Response:
        return super().post(request, pk, action)


class PlanMeasureSerializer(serializers.ModelSerializer[PlanMeasure]):
    class Meta:
        model = PlanMeasure
        fields = [
            "id",
            "seq",
            "measure",
            "category",
            "due_date",
            "due_working_days",
            "lead_unit",
            "leader",
            "person",
            "task",
        ]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer[RectificationPlan]):
    measures = serializers.SerializerMethodField()

    class Meta:
        model = RectificationPlan
        fields = [
            "id",
            "unit",
            "issuer",
            "recommendation",
            "inspection",
            "status",
            "submitted_by",
            "submitted_at",
            "approved_by",
            "approved_at",
            "return_reason",
            "measures",
        ]
        read_only_fields = fields

    def get_measures(self, obj: RectificationPlan) -> list[dict[str, Any]]:
        rows = PlanMeasure.objects.filter(entry__plan=obj)
        return list(PlanMeasureSerializer(rows, many=True).data)


class PlanBase(generics.GenericAPIView[RectificationPlan]):
    serializer_class = PlanSerializer

    def get_queryset(self) -> Any:
        return RectificationPlan.objects.visible_to(self.request.user)


class PlanList(PlanBase, generics.ListAPIView[RectificationPlan]):
    filterset_fields = ["status", "unit", "recommendation", "inspection"]


class PlanDetail(PlanBase, generics.RetrieveAPIView[RectificationPlan]):
    pass


def _approve(plan: RectificationPlan, *, by: Any, comment: str = "") -> RectificationPlan:
    """approve_plan answers with the tasks it made; the API answers with the plan."""
    services.approve_plan(plan, by=by, comment=comment)
    plan.refresh_from_db()
    return plan


class PlanTransition(TransitionAPIView):
    model = RectificationPlan
    output = PlanSerializer
    actions = {
        "submit": (EmptyInput, services.submit_plan),
        "approve": (CommentInput, _approve),
        "return": (ReasonInput, services.return_plan),
    }

    @extend_schema(request=ReasonInput, responses=PlanSerializer)
    def post(self, request: Request, pk: int, action: str) -> Response:
        return super().post(request, pk, action)
