"""问题清单: problems from every source, one engine.

A problem belongs to the unit that must fix it and to the body that raised it (the issuer:
纪委监委, a 派驻组, or a 牵头部门 running a campaign). Visibility follows the responsible unit
only: work can only be issued to units in the issuer's own scope (permissions.is_issuer_side),
so the issuing side always sees it, and every list filters on one indexed unit path. Its type comes from a controlled
vocabulary so that "a class of problem" can be counted when it recurs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q
from django.db.models.lookups import In
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.lib.paging import bounded_count, walk_pays
from mingjian.org.models import (
    INSPECTION_ROLES,
    Field,
    Role,
    Unit,
    UnitScopedQuerySet,
    has_role,
    scope_is_whole_tree,
    unit_scope_q,
)
from mingjian.org.permissions import has_business_scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class ProblemType(models.Model):
    class Category(models.TextChoices):
        APPROVAL = "approval", "审核审批"
        FUNDS = "funds", "资金管理"
        INTEGRITY = "integrity", "廉洁自律"
        STYLE = "style", "作风建设"
        RULES = "rules", "制度建设"
        SUPERVISION = "supervision", "监督管理"
        RESPONSIBILITY = "responsibility", "责任落实"
        OTHER = "other", "其他"
        # Stock work every 建议书 asks for (警示教育, 举一反三): an action to carry out, not a class
        # of problem, so it is never counted as recurrence.
        ACTION = "action", "工作部署"

    name = models.CharField("问题类型", max_length=60, unique=True)
    category = models.CharField("类别", max_length=20, choices=Category.choices)
    field = models.CharField(
        "适用领域", max_length=30, choices=Field.choices, blank=True, help_text="留空表示各领域通用"
    )
    keywords = models.CharField("匹配关键词", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "问题类型"
        verbose_name_plural = "问题类型"
        ordering: ClassVar = ["category", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class InspectionBatchQuerySet(UnitScopedQuerySet["InspectionBatch"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The inspected unit's scope, plus the 巡察机构 that issued the feedback and the monitors
        (纪委, 组织部) over the inspected unit — who see 巡察 records and nothing else of the unit."""
        return self.filter(unit_scope_q(user) | inspection_scope_q(user, prefix=""))


def inspection_scope_q(user: User | AnonymousUser, *, prefix: str) -> Q:
    """Q for records reached through a 巡察 batch (`prefix` leads to InspectionBatch): batches the
    user's 巡察机构 issued, or batches of units under the user's 巡察整改监督 scope."""
    office = unit_scope_q(user, roles=frozenset({Role.INSPECTION_OFFICE}), prefix=f"{prefix}issuer__")
    monitor = unit_scope_q(user, roles=frozenset({Role.INSPECTION_MONITOR}), prefix=f"{prefix}unit__")
    return office | monitor


class InspectionBatch(TimeStampedModel):
    """巡视巡察反馈: the feedback of one 巡察 to one unit. Within two months of the feedback the
    unit sends its 整改进展情况报告 and its 主要负责人组织落实情况报告 (巡视工作条例: a rule, not a
    setting). After the 集中整改期 open long-term items continue as 常态化整改."""

    REPORT_MONTHS = 2

    unit = models.ForeignKey(Unit, verbose_name="被巡察单位", on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey(Unit, verbose_name="巡察机构", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("名称", max_length=200)
    feedback_date = models.DateField("反馈日期")
    report_due = models.DateField("整改情况报告截止日期")
    reported_on = models.DateField("报告报送日期", null=True, blank=True)
    concentrated_until = models.DateField("集中整改期截止", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = InspectionBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "巡察整改批次"
        verbose_name_plural = "巡察整改批次"
        ordering: ClassVar = ["-feedback_date", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rectification:inspection-detail", args=[self.pk])


class InspectionItem(models.Model):
    """One 反馈问题 as the 巡察机构 states it; the unit answers it in its 整改方案."""

    batch = models.ForeignKey(InspectionBatch, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveSmallIntegerField("序号")
    text = models.TextField("反馈问题")

    class Meta:
        verbose_name = "巡察反馈问题"
        verbose_name_plural = "巡察反馈问题"
        ordering: ClassVar = ["seq"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["batch", "seq"], name="inspection_item_seq")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.text[:30]}"

    @property
    def problem_text(self) -> str:
        return self.text


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """Campaigns are city-wide work: everyone with a business scope sees them (their name,
        dates and phases); each target unit's row and every count follow the unit scope."""
        return self if has_business_scope(user) else self.none()

    def with_counts(self, user: User | AnonymousUser) -> Self:
        """Problems found and open tasks (phase work included) per campaign, counting only what
        the viewer may see."""
        visible = unit_scope_q(user, prefix="problems__unit__")
        open_tasks = visible & ~Q(problems__tasks__status__in=["accepted", "draft"])
        found = visible & ~Q(problems__problem_type__category=ProblemType.Category.ACTION)
        return self.annotate(
            problem_count=Count("problems", filter=found, distinct=True),
            open_count=Count("problems__tasks", filter=open_tasks, distinct=True),
        )


class Campaign(TimeStampedModel):
    """专项行动 (警示教育, 以案促改) and 专项治理 (礼品礼金, 农村低保 …): field-wide drives whose work
    runs through the engine. A campaign has phases with dates (copied from a template, editable
    while it is prepared) and target units; launching it gives every target unit one task per
    phase; problems found during it are registered against it. See models/campaign.py.

    draft -launch-> launched -conclude-> concluded (the 总结 report is generated from the data)
    """

    class Kind(models.TextChoices):
        ACTION = "action", "专项行动"
        GOVERNANCE = "governance", "专项治理"

    class Status(models.TextChoices):
        DRAFT = "draft", "筹备中"
        LAUNCHED = "launched", "进行中"
        CONCLUDED = "concluded", "已总结"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.LAUNCHED}),
        Status.LAUNCHED: frozenset({Status.CONCLUDED}),
    }

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.GOVERNANCE)
    field = models.CharField("领域", max_length=30, choices=Field.choices, blank=True)
    issuer = models.ForeignKey(Unit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True)
    description = models.TextField("工作要求", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    template = models.ForeignKey(
        "rectification.CampaignTemplate",
        verbose_name="模板",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    launched_at = models.DateTimeField("部署时间", null=True, blank=True)
    concluded_at = models.DateTimeField("总结时间", null=True, blank=True)
    report_to = models.CharField("总结报告主送机关", max_length=100, blank=True)
    conclusion = models.TextField("下一步工作", blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "专项行动/专项治理"
        verbose_name_plural = "专项行动/专项治理"
        ordering: ClassVar = ["-start_date", "-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期不能早于开始日期。"})

    def get_absolute_url(self) -> str:
        return reverse("rectification:campaign-detail", args=[self.pk])


class ProblemQuerySet(UnitScopedQuerySet["Problem"]):
    def visible_to(self, user: User | AnonymousUser, *, plan: str = "units") -> Self:
        return self.filter(scope_with_inspection_q(user, inspection="inspection__", plan=plan))

    def for_list(self, user: User | AnonymousUser, source: str, *, deep: bool = False) -> tuple[Self, int]:
        """The 问题清单's rows, newest first, and their total bounded at COUNT_LIMIT + 1: counted
        from the viewer's units; past SORT_LIMIT rows the page walks problem_created backwards
        and stops after the page, instead of sorting a province's 500,000 problems."""
        rows = self.visible_to(user)
        if source:
            rows = rows.filter(source=source)
        total = bounded_count(rows)
        if walk_pays(total, deep=deep):
            rows = self.visible_to(user, plan="walk").filter(**({"source": source} if source else {}))
        return rows.order_by("-created_at", "-id"), total

    def counted(self) -> Self:
        """Problems that count towards "一类问题" (recurrence): not stock actions."""
        return self.exclude(problem_type__category=ProblemType.Category.ACTION)


def unit_ids_q(units: Q, *, walk: bool = False, whole_tree: bool = False) -> Q:
    """Rows whose `unit_id` is one of the units matching `units` (a Q on Unit). Normally a
    subquery, so the database reads those units' (unit, …) index ranges. With `walk` the test is
    `unit_id + 0 IN (the ids, listed)`, which no index serves: the database walks the ORDER BY's
    index and tests each entry's unit from a list (PostgreSQL hashes it) — with a subquery there
    PostgreSQL joined every index entry against every unit (150 ms for a city's page 20).
    `whole_tree` (the units are every unit there is): a walk tests nothing — a province's list
    of 2,000 ids made a 60 ms query of a 10 ms one — but stays a Q that exclude() can negate."""
    if walk and whole_tree:
        return Q(pk__isnull=False)
    found = Unit.objects.filter(units)
    if not walk:
        return Q(In(F("unit_id"), found.values("pk")))
    ids = list(found.values_list("pk", flat=True))
    return Q(In(ExpressionWrapper(F("unit_id") + 0, output_field=IntegerField()), ids))


def scope_with_inspection_q(user: User | AnonymousUser, *, inspection: str, plan: str = "units") -> Q:
    """The unit scope (the row's own `unit`), widened for 巡察 roles to the rows of their batches
    (`inspection` leads to the InspectionBatch). The OR is only added for accounts holding such a
    role, so everyone else's queries stay one indexed path filter.

    `plan` steers the database (issue 14). "units" (the default) starts from the viewer's units:
    `unit_id IN (units under the viewer's paths)` walks the (unit, …) indexes of only those
    units — right for counts and for pages over few rows. "join" joins the unit and tests its
    path, leaving the planner free to walk a (status, due_date) index in page order. "walk"
    tests `unit_id + 0`, which no index serves, so the planner must follow the ORDER BY's index
    and check each row's unit — right for the first page over many visible rows."""
    if plan == "join":
        q = unit_scope_q(user)
    else:
        walk = plan == "walk"
        q = unit_ids_q(
            unit_scope_q(user, prefix=""), walk=walk, whole_tree=walk and scope_is_whole_tree(user)
        )
    if has_role(user, *INSPECTION_ROLES):
        q |= inspection_scope_q(user, prefix=inspection)
    return q


class Problem(TimeStampedModel):
    class Source(models.TextChoices):
        RECOMMENDATION = "recommendation", "纪检监察建议"
        INSPECTION = "inspection", "巡视巡察反馈"
        CAMPAIGN = "campaign", "专项行动/专项治理"
        SELF_INSPECTION = "self_inspection", "自查自纠"
        FOLLOW_UP = "follow_up", "回头看发现"

    unit = models.ForeignKey(Unit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="problems")
    issuer = models.ForeignKey(Unit, verbose_name="交办单位", on_delete=models.PROTECT, related_name="+")
    source = models.CharField("问题来源", max_length=20, choices=Source.choices)
    problem_type = models.ForeignKey(
        ProblemType, verbose_name="问题类型", on_delete=models.PROTECT, related_name="problems"
    )
    title = models.CharField("问题", max_length=300)
    description = models.TextField("问题描述", blank=True)
    recommendation_item = models.OneToOneField(
        "cases.RecommendationItem",
        verbose_name="建议事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problem",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="关联案例",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    risk = models.ForeignKey(
        "cases.IntegrityRisk",
        verbose_name="关联廉政风险点",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    loophole = models.ForeignKey(
        "cases.SystemLoophole",
        verbose_name="关联制度漏洞",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    inspection = models.ForeignKey(
        InspectionBatch,
        verbose_name="巡察批次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="专项行动/专项治理",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    finding = models.ForeignKey(
        "rectification.ReviewFinding",
        verbose_name="回头看发现",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="new_problems",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题清单"
        ordering: ClassVar = ["-created_at", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["problem_type", "unit"], name="problem_type_unit"),
            # The 问题清单 of a wide scope, newest first: walked, the unit tested from the index.
            models.Index(fields=["created_at", "id", "unit"], name="problem_created"),
            # A narrow scope's 问题清单 from its units' index ranges, sorted from the index alone.
            models.Index(fields=["unit", "created_at", "id"], name="problem_unit_created"),
            # The problems a 制度 can close (those a loophole caused): few among a province's
            # 500,000, found without reading the others.
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(loophole__isnull=False),
                name="problem_loophole_created",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rectification:problem-detail", args=[self.pk])
