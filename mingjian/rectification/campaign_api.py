"""API of 专项行动 / 专项治理: /api/campaigns/ (list, create), /api/campaigns/{id}/ (phases, the
target units the caller may see, each with its phase cells), each action its own operation —
phases, targets, launch, conclude — and /api/campaign-templates/. Capabilities are those of the
pages: an action the caller may not take is a 404, one the campaign's status refuses a 409."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from django_filters import rest_framework as filters
from rest_framework import generics, serializers

from mingjian.lib.api import ModelSerializer
from mingjian.org.models import Field, Person, User
from mingjian.rectification import services
from mingjian.rectification.campaign_report import campaign_grid
from mingjian.rectification.models import Campaign, CampaignTemplate
from mingjian.rectification.permissions import issuable_units, issuer_for
from mingjian.workflow.api import EmptyInput, Transition, operation_view, transition_paths


def _user(context: dict[str, Any]) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


class PhaseSerializer(serializers.Serializer[Any]):
    seq = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=30)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    requirement = serializers.CharField()


class CampaignSerializer(ModelSerializer):
    phases = serializers.SerializerMethodField()
    targets = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "kind",
            "field",
            "issuer",
            "start_date",
            "end_date",
            "description",
            "status",
            "template",
            "launched_at",
            "concluded_at",
            "phases",
            "targets",
        ]
        read_only_fields = fields

    def get_phases(self, obj: Campaign) -> list[dict[str, Any]]:
        return [PhaseSerializer(p).data for p in obj.phases.order_by("seq")]

    def get_targets(self, obj: Campaign) -> list[dict[str, Any]]:
        """The target units the caller may see, each with one cell per phase (完成 done,
        进行中 in_progress, 逾期 overdue, 未开始 not_started, — none) and its task's id."""
        grid = campaign_grid(obj, _user(self.context), timezone.localdate())
        return [
            {
                "id": row.target.pk,
                "unit": row.target.unit_id,
                "leader": row.target.leader_id,
                "person": row.target.person_id,
                "cells": [
                    {"phase": phase.seq, "state": cell.state, "task": cell.task.pk if cell.task else None}
                    for phase, cell in zip(grid.phases, row.cells, strict=True)
                ],
            }
            for row in grid.rows
        ]


class TemplateSerializer(ModelSerializer):
    phases = serializers.SerializerMethodField()

    class Meta:
        model = CampaignTemplate
        fields = ["id", "name", "kind", "field", "days", "description", "issuer", "is_active", "phases"]
        read_only_fields = fields

    def get_phases(self, obj: CampaignTemplate) -> list[dict[str, Any]]:
        return [
            {
                "seq": p.seq,
                "name": p.name,
                "start_day": p.start_day,
                "end_day": p.end_day,
                "requirement": p.requirement,
            }
            for p in obj.phases.all()
        ]


class CampaignCreateInput(serializers.Serializer[Any]):
    template = serializers.PrimaryKeyRelatedField(
        queryset=CampaignTemplate.objects.none(), required=False, allow_null=True, default=None
    )
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=Campaign.Kind.choices, default=Campaign.Kind.GOVERNANCE)
    field = serializers.ChoiceField(choices=Field.choices, required=False, allow_blank=True, default="")
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        templates = CampaignTemplate.objects.visible_to(_user(self.context)).filter(is_active=True)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]


class CampaignFilter(filters.FilterSet):
    class Meta:
        model = Campaign
        fields: ClassVar = ["kind", "status", "field"]


class CampaignList(generics.ListAPIView[Campaign]):
    """专项行动 / 专项治理 (every business user sees the list; target units as their scope allows)."""

    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter

    def get_queryset(self) -> Any:
        return Campaign.objects.visible_to(self.request.user).order_by("-start_date", "-id")


class CampaignDetail(generics.RetrieveAPIView[Campaign]):
    serializer_class = CampaignSerializer

    def get_queryset(self) -> Any:
        return Campaign.objects.visible_to(self.request.user)


class TemplateList(generics.ListAPIView[CampaignTemplate]):
    """专项行动模板: the built-in ones and those of the bodies in the caller's scope."""

    serializer_class = TemplateSerializer

    def get_queryset(self) -> Any:
        return CampaignTemplate.objects.visible_to(self.request.user).prefetch_related("phases")


class PhasesInput(serializers.Serializer[Any]):
    phases = PhaseSerializer(many=True, help_text="全部阶段（替换原有阶段），按开始日期先后排列")


class TargetRow(serializers.Serializer[Any]):
    unit = serializers.IntegerField(help_text="对象单位编号")
    leader = serializers.IntegerField(help_text="责任领导账号编号（本单位班子成员）")
    person = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="责任人（干部名册）"
    )


class TargetsInput(serializers.Serializer[Any]):
    targets = TargetRow(many=True)


class ConcludeInput(serializers.Serializer[Any]):
    report_to = serializers.CharField(max_length=100, help_text="总结报告主送机关")
    conclusion = serializers.CharField(required=False, allow_blank=True, default="", help_text="下一步工作")


def _save_phases(campaign: Campaign, *, by: User, phases: list[dict[str, Any]]) -> Any:
    rows = [services.PhaseInput(p["name"], p["start_date"], p["end_date"], p["requirement"]) for p in phases]
    return services.save_phases(campaign, by=by, phases=rows)


def _add_targets(campaign: Campaign, *, by: User, targets: list[dict[str, Any]]) -> Any:
    """Ids to objects: a unit the caller may not give work to is a 404, like on the page."""
    units = {u.pk: u for u in issuable_units(by, campaign.issuer).filter(pk__in=[t["unit"] for t in targets])}
    rows = []
    for t in targets:
        if t["unit"] not in units:
            raise PermissionDenied
        leader = User.objects.filter(pk=t["leader"]).first()
        person = Person.objects.filter(pk=t["person"]).first() if t["person"] else None
        rows.append(services.TargetInput(units[t["unit"]], leader, person))
    return services.add_targets(campaign, by=by, targets=rows)


def _create(*, by: User, **data: Any) -> Campaign:
    """In the name of the caller's own issuing body, as on the page (none: 404)."""
    issuer = issuer_for(by)
    if issuer is None:
        raise PermissionDenied
    return services.create_campaign(by=by, issuer=issuer, **data)


_CAMPAIGNS = operation_view(
    CampaignList,
    Transition(
        CampaignCreateInput,
        _create,
        "新建专项行动/专项治理（可由模板生成阶段）",
        output=CampaignSerializer,
        status=201,
    ),
    operation_id="campaign_create",
)

CAMPAIGN_PATHS = transition_paths(
    "campaigns",
    "campaign",
    Campaign,
    CampaignSerializer,
    {
        "phases": Transition(PhasesInput, _save_phases, "设置阶段（筹备中）"),
        "targets": Transition(TargetsInput, _add_targets, "增加对象单位（进行中时立即下发阶段任务）"),
        "launch": Transition(EmptyInput, services.launch_campaign, "部署：向各对象单位下发阶段任务"),
        "conclude": Transition(ConcludeInput, services.conclude_campaign, "总结（总结报告由数据生成）"),
    },
)

PATTERNS = [
    path("campaigns/", _CAMPAIGNS.as_view(), name="api-campaign-list"),
    path("campaigns/<int:pk>/", CampaignDetail.as_view(), name="api-campaign-detail"),
    *CAMPAIGN_PATHS,
    path("campaign-templates/", TemplateList.as_view(), name="api-campaign-template-list"),
]
