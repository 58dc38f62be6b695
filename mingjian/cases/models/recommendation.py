"""纪检监察建议书: drafted from a case's analysis (or a 监督发现), approved along the issuing
body's chain, numbered and served (送达), answered by the unit's leadership with its own 整改方案,
objected to or carried out, and closed only when every item is 整改到位.

draft -submit-> approving -approve (each step)-> approved -issue(送达)-> issued
  ^                 |                                                      |
  +---- reject -----+                       reply (all adopted) -> replied | reply (some not) -> objection
                                                                     |                           |
                                      plan approved -> implementing <-+---- resolve (维持/修改) ---+
                                                          |                                       |
                                            complete(办结) -> done          resolve (all 撤回) -> withdrawn

Overdue is derived: issued, not replied, and the reply deadline has passed. The replies, plans
and closure belong to the rectification app, which moves these statuses through its services.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mingjian.audit.models import editors
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import SUPERVISING_ROLES, Unit, UnitScopedQuerySet, User, unit_scope_q
from mingjian.workflow.services import actors

from .analysis import CaseAnalysis, IntegrityRisk, SystemLoophole
from .case import Case
from .finding import SupervisionFinding

DEFAULT_REPLY_DAYS = 30

# The legal basis each kind of 建议 states (纪律检查建议 to a party organisation, 监察建议 with the
# force of the 监察法, both together for the same matter and recipient).
LEGAL_BASIS = {
    "discipline": "根据《中国共产党纪律检查机关监督执纪工作规则》有关规定",
    "supervision": "根据《中华人民共和国监察法》《中华人民共和国监察法实施条例》有关规定",
    "combined": (
        "根据《中国共产党纪律检查机关监督执纪工作规则》《中华人民共和国监察法》"
        "《中华人民共和国监察法实施条例》有关规定"
    ),
}


class RecommendationQuerySet(UnitScopedQuerySet["Recommendation"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """A 建议书 reaches the unit when it is 送达: while it is drafted, approved and signed it is
        the issuing side's own, seen only by the 纪委监委 / 派驻组 over the unit."""
        supervising = unit_scope_q(user, roles=SUPERVISING_ROLES)
        return super().visible_to(user).filter(supervising | ~Q(status__in=Recommendation.ISSUER_STAGES))

    def overdue(self, today: date) -> Self:
        return self.filter(status=Recommendation.Status.ISSUED, reply_due__lt=today)

    def awaiting_reply(self) -> Self:
        return self.filter(status=Recommendation.Status.ISSUED)


class Recommendation(TimeStampedModel):
    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", "纪律检查建议"
        SUPERVISION = "supervision", "监察建议"
        COMBINED = "combined", "纪检监察建议"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        APPROVING = "approving", "审批中"
        APPROVED = "approved", "已签发"
        ISSUED = "issued", "已送达"
        OBJECTION = "objection", "异议处理"
        REPLIED = "replied", "已回复"
        IMPLEMENTING = "implementing", "整改中"
        DONE = "done", "已办结"
        WITHDRAWN = "withdrawn", "已撤回"

    # Before 送达 the 建议书 is the issuing side's own (visible_to hides it from the unit).
    ISSUER_STAGES: ClassVar[tuple[str, ...]] = (Status.DRAFT, Status.APPROVING, Status.APPROVED)

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.APPROVING}),
        # A signature that is not the last one keeps the status and still leaves its history row.
        Status.APPROVING: frozenset({Status.APPROVING, Status.APPROVED, Status.DRAFT}),
        Status.APPROVED: frozenset({Status.ISSUED}),
        Status.ISSUED: frozenset({Status.REPLIED, Status.OBJECTION}),
        Status.OBJECTION: frozenset({Status.REPLIED, Status.IMPLEMENTING, Status.WITHDRAWN}),
        Status.REPLIED: frozenset({Status.IMPLEMENTING}),
        Status.IMPLEMENTING: frozenset({Status.DONE}),
    }

    class Rating(models.TextChoices):
        GOOD = "good", "好"
        FAIR_GOOD = "fair_good", "较好"
        FAIR = "fair", "一般"
        POOR = "poor", "差"

    case = models.ForeignKey(
        Case,
        verbose_name="案例",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    finding = models.ForeignKey(
        SupervisionFinding,
        verbose_name="监督发现",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    analysis = models.ForeignKey(
        CaseAnalysis,
        verbose_name="案件剖析",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="主送单位", on_delete=models.PROTECT, related_name="recommendations"
    )
    issuer = models.ForeignKey(Unit, verbose_name="发文机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("建议类型", max_length=20, choices=Kind.choices, default=Kind.COMBINED)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField("标题", max_length=200)
    number = models.CharField("发文字号", max_length=50, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    seq = models.PositiveIntegerField("序号", null=True, blank=True)
    facts = models.TextField("问题来源及事实")
    problems = models.TextField("存在的问题", blank=True)
    causes = models.TextField("原因分析", blank=True)
    requirements = models.TextField("回复及异议要求", blank=True)
    reply_days = models.PositiveSmallIntegerField("回复期限（日）", default=DEFAULT_REPLY_DAYS)
    cc_units = models.CharField("抄送", max_length=200, blank=True)
    # 成文日期: the day the last step of the approval chain signed.
    issued_on = models.DateField("成文日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    served_to = models.CharField("签收人", max_length=50, blank=True)
    served_to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签收人账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_due = models.DateField("回复截止日期", null=True, blank=True)
    # A 主要负责人 may authorise another 班子成员 to submit the formal reply.
    reply_delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="授权回复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rating = models.CharField("整改评估", max_length=20, choices=Rating.choices, blank=True)
    rating_remarks = models.TextField("评估意见", blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评估人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = "纪检监察建议书"
        verbose_name_plural = "纪检监察建议书"
        ordering: ClassVar = ["-created_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["issuer", "year", "seq"], name="rec_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:recommendation-detail", args=[self.pk])

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.ISSUED and self.reply_due is not None and self.reply_due < today

    def participants(self) -> set[int]:
        """Who wrote it — the drafter, anyone who saved an edit, whoever sent it for approval:
        none of them may sign any step of its approval chain."""
        found = {self.created_by_id} if self.created_by_id else set()
        return (
            found
            | editors(self, "cases.recommendation.drafted", "cases.recommendation.updated")
            | actors(self, "submit")
        )

    @property
    def legal_basis(self) -> str:
        return LEGAL_BASIS[self.kind]

    def requirements_text(self, objection_days: int = 15, objection_suspends: bool = False) -> str:
        if self.requirements:
            return self.requirements
        us = "我组" if self.issuer.kind == Unit.Kind.STATIONED else "我委"
        during = "异议期间暂停执行" if objection_suspends else "异议期间不停止执行"
        return (
            f"请你单位党委（党组）认真研究落实本建议，自收到之日起{self.reply_days}日内将采纳情况和整改方案书面回复{us}。"
            f"对本建议有异议的，可在收到之日起{objection_days}日内书面提出，{during}。"
            "无正当理由拒不采纳的，将依规依纪依法追究相关人员责任。"
        )


class RecommendationItem(models.Model):
    """One 建议: what the issuing body recommends, the 问题 it answers (from the analysis: a
    廉政风险点, a 制度漏洞, or a problem stated by hand), and the unit's adoption of it."""

    class Kind(models.TextChoices):
        REMEDY = "remedy", "整改建议"
        # Stock items every 建议书 carries; they become an action (an education event, a
        # self-inspection), never a problem type counted as recurrence.
        EDUCATION = "education", "警示教育"
        SELF_INSPECTION = "self_inspection", "举一反三自查自纠"

    class Decision(models.TextChoices):
        UPHOLD = "uphold", "维持"
        MODIFY = "modify", "修改"
        WITHDRAW = "withdraw", "撤回"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveSmallIntegerField("序号")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.REMEDY)
    problem_statement = models.TextField("针对的问题", blank=True)
    text = models.TextField("建议内容")
    risk = models.ForeignKey(
        IntegrityRisk,
        verbose_name="廉政风险点",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    loophole = models.ForeignKey(
        SystemLoophole,
        verbose_name="制度漏洞",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adopted = models.BooleanField("采纳", null=True, blank=True)
    objection = models.TextField("异议及理由", blank=True)
    decision = models.CharField("异议处理", max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField("处理理由", blank=True)

    class Meta:
        verbose_name = "建议事项"
        verbose_name_plural = "建议事项"
        ordering: ClassVar = ["seq"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["recommendation", "seq"], name="rec_item_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.text[:30]}"

    @property
    def is_stock(self) -> bool:
        return self.kind != self.Kind.REMEDY

    @property
    def problem_text(self) -> str:
        """The 问题 this item answers, as the analysis found it (never the 建议 text itself)."""
        if self.problem_statement:
            return self.problem_statement
        found = self.loophole or self.risk
        return str(found) if found else ""

    @property
    def in_force(self) -> bool:
        """Still to be carried out: adopted, or objected to and upheld or modified."""
        if self.decision == self.Decision.WITHDRAW:
            return False
        return self.adopted is not False or self.decision in (self.Decision.UPHOLD, self.Decision.MODIFY)


class DocumentSequence(models.Model):
    """The last number used per issuing body and year; locked while a number is taken."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "发文序号"
        verbose_name_plural = "发文序号"
        constraints: ClassVar = [models.UniqueConstraint(fields=["issuer", "year"], name="docseq_unique")]

    def __str__(self) -> str:
        return f"{self.issuer}〔{self.year}〕{self.last}"
