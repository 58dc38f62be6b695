"""API: /api/problems/, /api/tasks/, /api/reviews/, /api/plans/ (each with id and unit); task
transitions as POST /api/tasks/{id}/<action>/ with issue | start | progress | confirm | submit |
accept | return | reopen, and plan transitions as POST /api/plans/{id}/<action>/ with submit |
approve | return."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import generics, serializers

from mingjian.lib.api import ModelSerializer
from mingjian.lib.api_paging import KeysetPagination, NewestFirstPagination
from mingjian.lib.paging import bounded_count, is_deep, walk_pays
from mingjian.rectification import services
from mingjian.rectification.models import (
    FollowUpReview,
    PlanMeasure,
    Problem,
    RectificationPlan,
    Responsibility,
    Task,
    with_lights,
)
from mingjian.workflow.api import CommentInput, EmptyInput, ReasonInput, Transition, transition_paths


class ProblemSerializer(ModelSerializer):
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


class TaskSerializer(ModelSerializer):
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
        # A list page sets light_now with its issuers' policies loaded once (TaskList).
        return getattr(obj, "light_now", None) or obj.light(timezone.localdate())

    def get_responsibilities(self, obj: Task) -> list[dict[str, Any]]:
        listed: list[dict[str, Any]] | None = getattr(obj, "responsibility_rows", None)  # TaskList
        if listed is not None:
            return listed
        return [
            _responsibility(r.unit_id, r.role, r.leader_id, r.person_id) for r in obj.responsibilities.all()
        ]


def _responsibility(unit: int, role: str, leader: int | None, person: int | None) -> dict[str, Any]:
    return {"unit": unit, "role": role, "leader": leader, "person": person}


def with_responsibility_rows(tasks: list[Task]) -> list[Task]:
    """Each task's 责任清单 rows as the API writes them, read as plain values in one query: a
    page of 50 tasks built some 60 Responsibility instances for four numbers each."""
    rows: dict[int, list[dict[str, Any]]] = {t.pk: [] for t in tasks}
    found = Responsibility.objects.filter(task__in=list(rows))  # in its own order (role, id)
    for task_id, unit, role, leader, person in found.values_list(
        "task_id", "unit_id", "role", "leader_id", "person_id"
    ):
        rows[task_id].append(_responsibility(unit, role, leader, person))
    for task in tasks:
        task.responsibility_rows = rows[task.pk]  # type: ignore[attr-defined]
    return tasks


class ReviewSerializer(ModelSerializer):
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
    """Newest first; pages by `after`/`before` cursors (the `next`/`previous` links) or `offset`;
    `count` exact up to 10,000 (`count_capped` beyond)."""

    filterset_fields = ["source", "unit", "problem_type", "campaign", "inspection"]
    pagination_class = NewestFirstPagination
    list_total: int | None = None

    def filter_queryset(self, queryset: Any) -> Any:
        # Counted from the viewer's units; a wide scope's page walks problem_created instead.
        found = super().filter_queryset(queryset)
        self.list_total = bounded_count(found)
        if walk_pays(self.list_total, deep=is_deep(self.request.query_params, "offset", 0)):
            walk = Problem.objects.visible_to(self.request.user, plan="walk").select_related("problem_type")
            found = super().filter_queryset(walk)
        return found.order_by("-created_at", "-id")


class ProblemDetail(ProblemBase, generics.RetrieveAPIView[Problem]):
    pass


class TaskBase(generics.GenericAPIView[Task]):
    serializer_class = TaskSerializer

    def get_queryset(self) -> Any:
        tasks = Task.objects.visible_to(self.request.user).select_related("problem")
        tasks = tasks.prefetch_related("responsibilities")
        return tasks.filtered(self.request.query_params, timezone.localdate())


class TaskList(TaskBase, generics.ListAPIView[Task]):
    """Filters: status, source, unit, campaign, q, light=red|yellow. In list order (deadline,
    long-term last, then id); pages by `after`/`before` cursors (the `next`/`previous` links) or
    `offset`; `count` exact up to 10,000 (`count_capped` beyond)."""

    pagination_class = KeysetPagination
    list_total: int | None = None

    def get_queryset(self) -> Any:
        params = self.request.query_params
        tasks, self.list_total = Task.objects.for_list(
            self.request.user, params, timezone.localdate(), deep=is_deep(params, "offset", 0)
        )
        return tasks.select_related("problem")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        return (
            None if page is None else with_responsibility_rows(with_lights(list(page), timezone.localdate()))
        )


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


class AcceptInput(serializers.Serializer[Any]):
    verification = serializers.ChoiceField(choices=Task.Verification.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


TASK_PATHS = transition_paths(
    "tasks",
    "task",
    Task,
    TaskSerializer,
    {
        "issue": Transition(EmptyInput, services.issue_task, "下发任务（草稿 → 已下发，开始计时）"),
        "start": Transition(EmptyInput, services.start_task, "接收任务（已下发 → 整改中）"),
        "progress": Transition(ProgressInput, services.save_progress, "填写整改进展（单位联络员）"),
        "confirm": Transition(CommentInput, services.confirm_task, "责任领导签认当前进展"),
        "submit": Transition(EmptyInput, services.submit_task, "申请销号（须责任领导已签认当前进展）"),
        "accept": Transition(
            AcceptInput, services.accept_task, "验收销号（纪检监察机关，非起草、签认、提交人）"
        ),
        "return": Transition(ReasonInput, services.return_task, "退回整改（写明理由）"),
        "reopen": Transition(ReasonInput, services.reopen_task, "重新打开已销号任务（回头看发现反弹）"),
    },
)


class PlanMeasureSerializer(ModelSerializer):
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


class PlanSerializer(ModelSerializer):
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
        # Prefetched by PlanBase; entries by id, measures by seq: the order of entry_id, seq, id.
        rows = [m for entry in obj.entries.all() for m in entry.measures.all()]
        return list(PlanMeasureSerializer(rows, many=True).data)


class PlanBase(generics.GenericAPIView[RectificationPlan]):
    serializer_class = PlanSerializer

    def get_queryset(self) -> Any:
        return RectificationPlan.objects.visible_to(self.request.user).prefetch_related("entries__measures")


class PlanList(PlanBase, generics.ListAPIView[RectificationPlan]):
    filterset_fields = ["status", "unit", "recommendation", "inspection"]


class PlanDetail(PlanBase, generics.RetrieveAPIView[RectificationPlan]):
    pass


PLAN_PATHS = transition_paths(
    "plans",
    "plan",
    RectificationPlan,
    PlanSerializer,
    {
        "submit": Transition(EmptyInput, services.submit_plan, "报送整改方案（书记或主要负责人）"),
        "approve": Transition(CommentInput, services.approve_plan, "审核通过整改方案并生成整改任务"),
        "return": Transition(ReasonInput, services.return_plan, "退回整改方案（写明理由）"),
    },
)
