"""How an issuing body signs off a 建议书 before it is numbered and served, and its reply and
objection rules. The chain is configurable per body; each step is signed by a distinct account
holding that post in the body's 班子 (or, for the 承办部门负责人, heading one of its 室)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from mingjian.org.models import Unit

from .recommendation import DEFAULT_REPLY_DAYS, Recommendation


class ApprovalStepKind(models.TextChoices):
    DEPARTMENT_HEAD = "department_head", "承办部门负责人"
    DEPUTY = "deputy", "分管领导"
    PRINCIPAL = "principal", "主要负责人"


DEFAULT_CHAIN = ("department_head", "deputy", "principal")
# A 派驻纪检组 has no 室: its 副组长 and 组长 sign.
STATIONED_CHAIN = ("deputy", "principal")
DEFAULT_OBJECTION_DAYS = 15


class RecommendationPolicy(models.Model):
    """Per issuing body; the defaults apply where none is saved."""

    issuer = models.OneToOneField(Unit, verbose_name="发文机关", on_delete=models.CASCADE, related_name="+")
    chain = models.CharField(
        "审批流程", max_length=100, help_text="依次签批的环节，以逗号分隔：department_head, deputy, principal"
    )
    reply_days = models.PositiveSmallIntegerField("回复期限（日）", default=DEFAULT_REPLY_DAYS)
    objection_days = models.PositiveSmallIntegerField("异议期限（日）", default=DEFAULT_OBJECTION_DAYS)
    objection_suspends = models.BooleanField(
        "异议期间暂停执行", default=False, help_text="不勾选即“异议期间不停止执行”：已采纳的建议照常整改"
    )

    class Meta:
        verbose_name = "建议书审批设置"
        verbose_name_plural = "建议书审批设置"

    def __str__(self) -> str:
        return f"{self.issuer}·建议书审批设置"

    @classmethod
    def for_issuer(cls, issuer: Unit) -> RecommendationPolicy:
        found = cls.objects.filter(issuer=issuer).first()
        if found is not None:
            return found
        default = STATIONED_CHAIN if issuer.kind == Unit.Kind.STATIONED else DEFAULT_CHAIN
        return cls(issuer=issuer, chain=",".join(default))

    @property
    def steps(self) -> list[str]:
        return [s.strip() for s in self.chain.split(",") if s.strip()]


class ApprovalStep(models.Model):
    """One signature of the chain, for one submission round (a rejected draft starts a new one)."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待签批"
        APPROVED = "approved", "同意"
        REJECTED = "rejected", "退回"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="approvals")
    round = models.PositiveSmallIntegerField("轮次")
    seq = models.PositiveSmallIntegerField("顺序")
    kind = models.CharField("环节", max_length=20, choices=ApprovalStepKind.choices)
    decision = models.CharField("意见", max_length=20, choices=Decision.choices, default=Decision.PENDING)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.CharField("签批意见", max_length=300, blank=True)
    signed_at = models.DateTimeField("签批时间", null=True, blank=True)

    class Meta:
        verbose_name = "建议书审批"
        verbose_name_plural = "建议书审批"
        ordering: ClassVar = ["round", "seq"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["recommendation", "round", "seq"], name="approval_step_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.get_decision_display()}"
