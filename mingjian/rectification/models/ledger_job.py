"""A 台账 import or export that runs off the request: the file, its progress and its outcome.

An import is checked first (every row read and validated, and what would change worked out)
and waits for the importer to confirm the listed changes; only then is it written:

    running -checked-> ready -confirm-> applying -applied-> done
       \\-refused-> failed     \\-cancel-> cancelled   \\-refused-> failed

An export runs and is done (or failed). Only the person who started a job sees it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from mingjian.lib.models import TimeStampedModel


class LedgerJobQuerySet(models.QuerySet["LedgerJob"]):
    def visible_to(self, user: Any) -> LedgerJobQuerySet:
        """A job holds its starter's file and results: nobody else's business."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(created_by=user)


class LedgerJob(TimeStampedModel):
    class Kind(models.TextChoices):
        IMPORT = "import", "导入台账"
        EXPORT = "export", "导出台账"

    class Status(models.TextChoices):
        RUNNING = "running", "处理中"
        READY = "ready", "待确认"
        APPLYING = "applying", "导入中"
        DONE = "done", "已完成"
        FAILED = "failed", "未完成"
        CANCELLED = "cancelled", "已取消"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.RUNNING: frozenset({Status.READY, Status.DONE, Status.FAILED}),
        Status.READY: frozenset({Status.APPLYING, Status.CANCELLED}),
        Status.APPLYING: frozenset({Status.DONE, Status.FAILED}),
    }

    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RUNNING)
    created_by = models.ForeignKey(
        "org.User", on_delete=models.CASCADE, related_name="+", verbose_name="发起人"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, related_name="+", verbose_name="交办单位"
    )
    filename = models.CharField("文件名", max_length=200, blank=True)
    # The upload (import) or the finished workbook (export); emptied when no longer needed.
    data = models.BinaryField("文件", default=b"")
    source = models.CharField("问题来源", max_length=20, blank=True)
    issue_now = models.BooleanField("导入后立即下发", default=False)
    params = models.JSONField("导出筛选", default=dict, blank=True)
    stage = models.CharField("进度说明", max_length=100, blank=True)
    done = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    result = models.JSONField("结果", default=dict, blank=True)
    fingerprint = models.CharField("核对摘要", max_length=64, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    objects = LedgerJobQuerySet.as_manager()

    class Meta:
        verbose_name = "台账导入导出"
        verbose_name_plural = verbose_name
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("created_by", "-created_at"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}".strip()

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0
