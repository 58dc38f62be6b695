"""API of 类案自查: /api/selfcheck/pushes/ (list, create) and /api/selfcheck/pushes/{id}/;
/api/selfcheck/checklists/ (list) and /api/selfcheck/checklists/{id}/ (with id, unit and rows);
each action its own operation — save, submit, accept, return. Capabilities are the pages': an
action the caller may not take is a 404, one the status refuses (or incomplete answers) a 409."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.urls import path
from django_filters import rest_framework as filters
from rest_framework import generics, serializers

from mingjian.cases.display import case_title
from mingjian.cases.models import Case
from mingjian.lib.api import ModelSerializer
from mingjian.org.models import SUPERVISING_ROLES, Person, Unit, User
from mingjian.selfcheck import services
from mingjian.selfcheck.models import CasePush, Checklist, ChecklistRow
from mingjian.workflow.api import (
    CommentInput,
    EmptyInput,
    ReasonInput,
    Transition,
    operation_view,
    transition_paths,
)


def _user(context: dict[str, Any]) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


class RowSerializer(ModelSerializer):
    class Meta:
        model = ChecklistRow
        fields = [
            "id",
            "seq",
            "source",
            "risk",
            "loophole",
            "point",
            "answer",
            "manifestation",
            "measure",
            "scope_checked",
            "due_date",
            "leader",
            "person",
            "problem",
        ]
        read_only_fields = fields


class ChecklistSerializer(ModelSerializer):
    case = serializers.IntegerField(source="push.case_id", read_only=True)
    case_title = serializers.SerializerMethodField()
    due_date = serializers.DateField(source="push.due_date", read_only=True)
    rows = RowSerializer(many=True, read_only=True)

    class Meta:
        model = Checklist
        fields = [
            "id",
            "unit",
            "push",
            "case",
            "case_title",
            "due_date",
            "status",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "return_reason",
            "rows",
        ]
        read_only_fields = fields

    def get_case_title(self, obj: Checklist) -> str:
        """Masked as on every page: 张某某 unless the caller supervises the case's unit."""
        return case_title(obj.push.case, _user(self.context))


class PushSerializer(ModelSerializer):
    checklists = serializers.SerializerMethodField()

    class Meta:
        model = CasePush
        fields = ["id", "case", "issuer", "due_date", "note", "created_at", "checklists"]
        read_only_fields = fields

    def get_checklists(self, obj: CasePush) -> list[dict[str, Any]]:
        """The 自查表 the caller may see: unit, status and how many points it found."""
        rows = getattr(obj, "visible_checklists", None)
        if rows is None:  # a push just made: not fetched through _pushes
            rows = _checklists(_user(self.context)).filter(push=obj)
        return [
            {"id": c.pk, "unit": c.unit_id, "status": c.status, "found": c.found if c.is_done else None}
            for c in rows
        ]


def _checklists(user: Any) -> Any:
    exists = Q(rows__answer=ChecklistRow.Answer.EXISTS)
    return Checklist.objects.visible_to(user).annotate(found=Count("rows", filter=exists)).order_by("id")


def _pushes(user: Any) -> Any:
    """Visible pushes with the caller's visible 自查表 and their counts fetched in one query."""
    checklists = Prefetch("checklists", queryset=_checklists(user), to_attr="visible_checklists")
    return CasePush.objects.visible_to(user).prefetch_related(checklists)


class PushCreateInput(serializers.Serializer[Any]):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    units = serializers.PrimaryKeyRelatedField(many=True, queryset=Unit.objects.none(), help_text="自查单位")
    due_date = serializers.DateField(help_text="自查报送时限")
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        self.fields["case"].queryset = Case.objects.visible_to(user)  # type: ignore[attr-defined]
        units: Any = self.fields["units"]
        units.child_relation.queryset = Unit.objects.in_scope(user, SUPERVISING_ROLES)


class _PushReads(generics.ListAPIView[CasePush]):
    """类案推送 the caller's body made (or bodies below it)."""

    serializer_class = PushSerializer

    def get_queryset(self) -> Any:
        return _pushes(self.request.user).order_by("-created_at", "-id")


def _push(*, by: User, case: Case, **data: Any) -> CasePush:
    return services.push_case(case, by=by, **data)


PushList = operation_view(
    _PushReads,
    Transition(PushCreateInput, _push, "推送类案自查", output=PushSerializer, status=201),
    operation_id="selfcheck_pushes_create",
)


class PushDetail(generics.RetrieveAPIView[CasePush]):
    serializer_class = PushSerializer

    def get_queryset(self) -> Any:
        return _pushes(self.request.user)


class ChecklistFilter(filters.FilterSet):
    class Meta:
        model = Checklist
        fields: ClassVar = ["status", "unit", "push"]


class ChecklistBase(generics.GenericAPIView[Checklist]):
    serializer_class = ChecklistSerializer

    def get_queryset(self) -> Any:
        return (
            Checklist.objects.visible_to(self.request.user)
            .select_related("push__case__unit")
            .prefetch_related("push__case__persons", "rows")
            .order_by("-push__created_at", "unit__path")
        )


class ChecklistList(ChecklistBase, generics.ListAPIView[Checklist]):
    """自查表 of the units in the caller's scope."""

    filterset_class = ChecklistFilter


class ChecklistDetail(ChecklistBase, generics.RetrieveAPIView[Checklist]):
    pass


class ChecklistAnswerInput(serializers.Serializer[Any]):
    row = serializers.IntegerField(help_text="条目编号")
    answer = serializers.ChoiceField(choices=[("", "未填"), *ChecklistRow.Answer.choices], default="")
    manifestation = serializers.CharField(required=False, allow_blank=True, default="")
    measure = serializers.CharField(required=False, allow_blank=True, default="")
    scope_checked = serializers.CharField(required=False, allow_blank=True, default="")
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    leader = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="责任领导账号")
    person = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="责任人（干部名册）"
    )


class SaveInput(serializers.Serializer[Any]):
    answers = ChecklistAnswerInput(many=True)


def _save(checklist: Checklist, *, by: User, answers: list[dict[str, Any]]) -> Any:
    """Ids to objects; the service checks rows, leaders and 责任人 on submission."""
    rows = {r.pk: r for r in checklist.rows.all()}
    found = []
    for a in answers:
        row = rows.get(a.pop("row"))
        if row is None:
            raise PermissionDenied
        leader_id, person_id = a.pop("leader"), a.pop("person")
        leader = User.objects.filter(pk=leader_id).first() if leader_id else None
        person = Person.objects.filter(pk=person_id).first() if person_id else None
        found.append(services.RowAnswer(row=row, leader=leader, person=person, **a))
    return services.save_checklist(checklist, by=by, answers=found)


def _return(checklist: Checklist, *, by: User, reason: str) -> Any:
    return services.return_checklist(checklist, by=by, reason=reason)


CHECKLIST_PATHS = transition_paths(
    "selfcheck/checklists",
    "selfcheck-checklist",
    Checklist,
    ChecklistSerializer,
    {
        "save": Transition(SaveInput, _save, "填写自查表（可多次保存）"),
        "submit": Transition(EmptyInput, services.submit_checklist, "报送自查表（书记或主要负责人）"),
        "accept": Transition(CommentInput, services.accept_checklist, "审核通过：存在的问题转为整改任务"),
        "return": Transition(ReasonInput, _return, "退回自查表（须写明理由）"),
    },
)

PATTERNS = [
    path("selfcheck/pushes/", PushList.as_view(), name="api-selfcheck-push-list"),
    path("selfcheck/pushes/<int:pk>/", PushDetail.as_view(), name="api-selfcheck-push-detail"),
    path("selfcheck/checklists/", ChecklistList.as_view(), name="api-selfcheck-checklist-list"),
    path("selfcheck/checklists/<int:pk>/", ChecklistDetail.as_view(), name="api-selfcheck-checklist-detail"),
    *CHECKLIST_PATHS,
]
