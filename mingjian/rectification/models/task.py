"""任务清单 and 责任清单: what is done about a problem, by whom, by when, with what proof.

draft -issue-> issued -start-> in_progress -submit-> submitted -accept-> accepted (销号)
                                   ^                     |              |
                                   +---- returned <------+ return       |
                                   +------------------------ reopen ----+ (回头看 found 反弹)

The traffic light is derived from the deadline, never stored. It follows field practice (江津):
green from 20 days left, yellow from 10, red once overdue — thresholds settable per issuer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import In
from django.urls import reverse

from mingjian.lib.http import parse_id
from mingjian.lib.models import TimeStampedModel
from mingjian.lib.paging import bounded_count, walk_pays
from mingjian.lib.search import HasTerms, Index, document_terms, query_terms, selective
from mingjian.org.models import Unit, UnitScopedQuerySet
from mingjian.workflow.services import actors

from .problem import Problem, scope_with_inspection_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class Light(models.TextChoices):
    NORMAL = "normal", "正常"
    GREEN = "green", "绿灯"
    YELLOW = "yellow", "黄灯"
    RED = "red", "红灯"
    DONE = "done", "已销号"


# The lights the task list can filter on (TaskQuerySet.filtered), in the words every page uses.
LIGHT_FILTERS = {Light.YELLOW: "黄灯（临近期限）", Light.RED: "红灯（已逾期）"}
DEFAULT_GREEN_DAYS, DEFAULT_YELLOW_DAYS = 20, 10


MAX_REVIEW_MONTHS = 24


class RectificationPolicy(models.Model):
    """Per issuing body: warning thresholds and the 回头看 delay (defaults when absent)."""

    issuer = models.OneToOneField(Unit, verbose_name="交办单位", on_delete=models.CASCADE, related_name="+")
    green_days = models.PositiveSmallIntegerField("绿灯提醒（剩余天数）", default=DEFAULT_GREEN_DAYS)
    yellow_days = models.PositiveSmallIntegerField("黄灯预警（剩余天数）", default=DEFAULT_YELLOW_DAYS)
    review_months = models.PositiveSmallIntegerField("销号后回头看（月）", default=3)

    class Meta:
        verbose_name = "整改时限设置"
        verbose_name_plural = "整改时限设置"

    def __str__(self) -> str:
        return f"{self.issuer}·整改时限设置"

    def clean(self) -> None:
        errors = {}
        if self.yellow_days >= self.green_days:
            errors["yellow_days"] = "黄灯天数应小于绿灯天数。"
        if not 1 <= self.review_months <= MAX_REVIEW_MONTHS:
            errors["review_months"] = f"回头看间隔应在 1 至 {MAX_REVIEW_MONTHS} 个月之间。"
        if errors:
            raise ValidationError(errors)

    @classmethod
    def for_issuer(cls, issuer_id: int) -> RectificationPolicy:
        found = cls.objects.filter(issuer_id=issuer_id).first()
        return found or cls(issuer_id=issuer_id)

    @classmethod
    def for_tasks(cls, tasks: list[Task]) -> dict[int, RectificationPolicy]:
        """Each task's issuer → its policy, in one query (defaults where none is set)."""
        ids = {t.problem.issuer_id for t in tasks}
        found = {p.issuer_id: p for p in cls.objects.filter(issuer_id__in=ids)}
        return {i: found.get(i) or cls(issuer_id=i) for i in ids}


# Open = issued and not yet 销号, spelled as the statuses it includes: a county's count then
# reads exact (unit, status, due_date) index ranges.
OPEN_STATUSES = ["issued", "in_progress", "returned", "submitted"]
# The sort key of a task without a deadline (长期坚持): after every real one.
NO_DEADLINE = date(9999, 12, 31)


TASK_SEARCH = Index("rectification_task")
SEARCH_CANDIDATES = 20_000  # most index matches read for a keyword (mingjian.lib.search.selective)


class TaskQuerySet(UnitScopedQuerySet["Task"]):
    def open(self, *, status_index: bool = True) -> Self:
        if status_index:
            return self.filter(status__in=OPEN_STATUSES)
        # `status || ''`, which no index serves: see overdue_walk.
        plain = Func(F("status"), template="(%(expressions)s || '')", output_field=models.CharField())
        return self.filter(In(plain, OPEN_STATUSES))

    def by_deadline(self) -> Self:
        # Long-term tasks (no deadline) last, on SQLite and PostgreSQL alike, in an order the
        # (…, due_key, id) indexes serve. An order already chosen is kept.
        if self.query.order_by:
            return self
        return self.order_by("due_key", "id")

    def visible_to(self, user: User | AnonymousUser, *, plan: str = "units") -> Self:
        """`plan`: how the database should find the rows (scope_with_inspection_q)."""
        return self.filter(scope_with_inspection_q(user, inspection="problem__inspection__", plan=plan))

    def overdue(self, today: date, *, status_index: bool = True) -> Self:
        """Open tasks past their deadline, oldest deadline first (none lacks a deadline, so the
        order can follow the task_key index)."""
        return self.open(status_index=status_index).filter(due_key__lt=today).order_by("due_key", "id")

    def overdue_walk(self, user: User | AnonymousUser, today: date) -> Self:
        """The same rows as visible_to(user).overdue(today), for reading the first few when the
        viewer has many: neither the unit nor the status test can use an index, so the database
        walks task_key in deadline order and stops after the page — about LIMIT × all overdue /
        the viewer's overdue rows read — instead of collecting and sorting them all."""
        return self.visible_to(user, plan="walk").overdue(today, status_index=False)

    def to_sign(self, user: User | AnonymousUser) -> Self:
        """Tasks `user` must sign as 责任领导: progress written, not yet signed as it now reads."""
        signed = LeaderConfirmation.objects.filter(
            task=OuterRef("pk"), leader_id=user.pk, round=OuterRef("round"), progress=OuterRef("progress")
        )
        return (
            self.visible_to(user)
            .filter(status=Task.Status.IN_PROGRESS, responsibilities__leader_id=user.pk)
            .exclude(progress="")
            .exclude(Exists(signed))
            .distinct()
        )

    def of_recommendation(self, rec: Any) -> Self:
        """The tasks answering a 建议书's items."""
        return self.filter(problem__recommendation_item__recommendation=rec)

    def due_within(self, today: date, days: int, *, status_index: bool = True) -> Self:
        return self.open(status_index=status_index).filter(
            due_key__gte=today, due_key__lte=today + timedelta(days=days)
        )

    def search_indexed(self, params: Mapping[str, Any]) -> bool:
        """Whether `q`'s candidates are read through the index (a rare word) rather than met
        walking the list (a common one): one bounded query, asked once per list."""
        terms = query_terms(params.get("q") or "")
        return bool(terms) and selective(connections[self.db], TASK_SEARCH, terms, SEARCH_CANDIDATES)

    def filtered(
        self, params: Mapping[str, Any], today: date, *, walk: bool = False, indexed: bool | None = None
    ) -> Self:
        """The query-string filters shared by the list page, the ledger export and the API, all
        on the task's own columns. `walk`: the rows are read by walking a (…, due_key, id) index
        (for_list), so the light filters' several statuses are tested without an index that
        would break the order. `indexed`: search_indexed's answer, when the caller has it."""
        tasks = self
        if params.get("status"):
            tasks = tasks.filter(status=params["status"])
        if params.get("source"):
            tasks = tasks.filter(source=params["source"])
        if params.get("unit"):
            tasks = tasks.filter(unit_id=parse_id(params["unit"]))
        if params.get("campaign"):
            tasks = tasks.filter(campaign_id=parse_id(params["campaign"]))
        if params.get("q"):
            q = params["q"]
            if indexed is None:
                indexed = self.search_indexed(params)
            if indexed:  # either way the exact test below keeps only the phrase
                tasks = tasks.filter(HasTerms(TASK_SEARCH, query_terms(q)))
            tasks = tasks.filter(Q(measure__contains=q) | Q(problem_title__contains=q))
        light = params.get("light")
        if light == Light.RED:
            tasks = tasks.overdue(today, status_index=not walk)
        elif light == Light.YELLOW:
            tasks = tasks.due_within(today, DEFAULT_YELLOW_DAYS, status_index=not walk)
        return tasks

    def for_list(
        self, user: User | AnonymousUser, params: Mapping[str, Any], today: date, *, deep: bool = False
    ) -> tuple[Self, int]:
        """The list's rows (page, API, 工作台) and their total, bounded at COUNT_LIMIT + 1.

        The total is counted from the viewer's units. While it is at most SORT_LIMIT the page
        is read the same way and sorted; beyond, the unit test is one no index serves, so the
        database walks (status,) due_key, id in list order and stops after the page — for a
        city about a page ÷ its share of the province's tasks, for the province one page. A
        `deep` offset page over rows counted exactly is sorted instead (walk_pays)."""
        indexed = self.search_indexed(params)
        total = bounded_count(self.visible_to(user).filtered(params, today, indexed=indexed))
        wide = walk_pays(total, deep=deep)
        plan = "walk" if wide else "units"
        rows = self.visible_to(user, plan=plan).filtered(params, today, walk=wide, indexed=indexed)
        return rows.by_deadline(), total


class Task(TimeStampedModel):
    class Category(models.TextChoices):
        IMMEDIATE = "immediate", "立行立改"
        DEADLINE = "deadline", "限期整改"
        LONG_TERM = "long_term", "长期坚持"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        ISSUED = "issued", "已下发"
        IN_PROGRESS = "in_progress", "整改中"
        SUBMITTED = "submitted", "待审核"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已销号"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.ISSUED}),
        Status.ISSUED: frozenset({Status.IN_PROGRESS}),
        Status.IN_PROGRESS: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.ACCEPTED, Status.RETURNED}),
        Status.RETURNED: frozenset({Status.IN_PROGRESS}),
        Status.ACCEPTED: frozenset({Status.IN_PROGRESS}),
    }

    class Verification(models.TextChoices):
        WRITTEN = "written", "书面核查"
        ON_SITE = "on_site", "实地核查"
        PUBLIC_VISIT = "public_visit", "回访群众"

    problem = models.ForeignKey(Problem, verbose_name="问题", on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(
        Unit, verbose_name="牵头责任单位", on_delete=models.PROTECT, related_name="tasks"
    )
    measure = models.TextField("整改措施")
    category = models.CharField(
        "整改类别", max_length=20, choices=Category.choices, default=Category.DEADLINE
    )
    due_date = models.DateField("完成时限", null=True, blank=True)
    # The list's sort key: the deadline, long-term tasks (none) after every dated one. Stored by
    # the database, so an index serves "by deadline, long-term last" on SQLite too (its indexes
    # put NULLs first, so `due_date NULLS LAST` always sorted every row) and keyset pages can
    # compare plain (due_key, id) pairs.
    due_key = models.GeneratedField(
        expression=Coalesce(F("due_date"), Value(NO_DEADLINE)),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name="排序时限",
    )
    # The problem's source and campaign, copied onto the task when it is written (a problem's
    # source and campaign never change): the list filters by them in deadline order, and an
    # index on the task's own columns walks one source's tasks in that order, where a test on
    # the problem row read five thousand tasks for a city's page of 50 (1.1 s at 1M tasks).
    source = models.CharField("问题来源", max_length=20, choices=Problem.Source.choices)
    campaign = models.ForeignKey(
        "rectification.Campaign",
        verbose_name="专项行动/专项治理",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # task_campaign_key leads with it
    )
    # The problem's title, copied like its source (it never changes either), so the keyword
    # search tests each task's own row instead of looking its problem up (or, on PostgreSQL,
    # scanning every problem's title first: 94 ms of a province's count).
    problem_title = models.CharField("问题", max_length=300, blank=True, default="", editable=False)
    # The measure's and the title's characters and character pairs, for the keyword search
    # through an index (mingjian.lib.search); kept by save and prepare_tasks.
    search_terms = models.TextField("检索词", blank=True, default="", editable=False)
    due_working_days = models.PositiveSmallIntegerField(
        "下发后工作日数", null=True, blank=True, help_text="填写后，下发时按工作日（含调休）计算完成时限"
    )
    due_provisional = models.BooleanField("时限为暂定（节假日安排未公布）", default=False)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    progress = models.TextField("整改进展", blank=True)
    # 集中整改期 over, the item continues as 常态化整改 (long-term items of a 巡察).
    normalized = models.BooleanField("常态化整改", default=False)
    round = models.PositiveSmallIntegerField("提交轮次", default=1)
    issued_at = models.DateTimeField("下发时间", null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_at = models.DateTimeField("销号时间", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="验收人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verification = models.CharField("核查方式", max_length=20, choices=Verification.choices, blank=True)
    verification_note = models.TextField("核查情况", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "任务清单"
        ordering: ClassVar = ["due_key", "id"]
        indexes: ClassVar = [
            # A wide scope's page of one status in list order, walked and stopped after the page;
            # the unit last so the walk tests it from the index alone (a deep offset page reads
            # its ids from the index, then 50 rows: keyset.offset_rows).
            models.Index(fields=["status", "due_key", "id", "unit"], name="task_status_key"),
            # Lists and counts start from the viewer's units (visible_to): per unit, by status,
            # by deadline — a county's overdue count reads its own overdue rows only.
            # With the id, a narrow scope's deep offset page sorts index entries only (offset_rows).
            models.Index(fields=["unit", "status", "due_key", "id"], name="task_unit_status_key"),
            # The first rows in list order for a wide scope (a city, the province): walked in
            # order and stopped after a page, instead of sorting every visible task.
            models.Index(fields=["due_key", "id", "unit"], name="task_key"),
            # The source and campaign filters: counted per unit, walked per source or campaign in
            # list order (the unit last, so the walk tests it from the index).
            models.Index(fields=["unit", "source", "due_key", "id"], name="task_unit_source_key"),
            models.Index(fields=["source", "due_key", "id", "unit"], name="task_source_key"),
            models.Index(fields=["campaign", "due_key", "id", "unit"], name="task_campaign_key"),
            # The 工作台's 待审核销号 queue, oldest submission first, for a wide scope.
            models.Index(fields=["status", "submitted_at", "id"], name="task_status_submitted"),
        ]

    # Long texts no list shows, left unread by the list pages (with the problem joined).
    LIST_DEFERRED: ClassVar[tuple[str, ...]] = ("search_terms", "verification_note", "problem__description")

    def __str__(self) -> str:
        return self.measure[:60]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Written one by one: copied from the problem (prepare_tasks sets them).
        if not self.source:
            self.source, self.campaign_id = self.problem.source, self.problem.campaign_id
        if not self.problem_title:
            self.problem_title = self.problem.title
        fields = kwargs.get("update_fields")
        # The measure changes only in a draft's edit.
        if fields is None or "measure" in fields:
            self.search_terms = document_terms(self.measure, self.problem_title)
            if fields is not None:
                kwargs["update_fields"] = [*fields, "search_terms"]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rectification:task-detail", args=[self.pk])

    def light(self, today: date, policy: RectificationPolicy | None = None) -> str:
        if self.status == self.Status.ACCEPTED:
            return Light.DONE
        if self.due_date is None or self.status == self.Status.DRAFT:
            return Light.NORMAL
        policy = policy or RectificationPolicy.for_issuer(self.problem.issuer_id)
        left = (self.due_date - today).days
        if left < 0:
            return Light.RED
        if left <= policy.yellow_days:
            return Light.YELLOW
        return Light.GREEN if left <= policy.green_days else Light.NORMAL

    def participants(self) -> set[int]:
        """Who took part on the unit side — submitted it or signed it off: never its verifier."""
        found = {self.submitted_by_id} if self.submitted_by_id else set()
        found |= set(self.confirmations.values_list("leader_id", flat=True))
        return found | actors(self, "submit")


def with_lights(tasks: list[Task], today: date) -> list[Task]:
    """Set `light_now` on each task, loading the issuers' policies once for the whole list."""
    policies = RectificationPolicy.for_tasks(tasks)
    for task in tasks:
        task.light_now = task.light(today, policies[task.problem.issuer_id])  # type: ignore[attr-defined]
    return tasks


class Milestone(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("阶段目标", max_length=200)
    due_date = models.DateField("计划完成")
    done_on = models.DateField("实际完成", null=True, blank=True)

    class Meta:
        verbose_name = "阶段目标"
        verbose_name_plural = "阶段目标"
        ordering: ClassVar = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title


class Responsibility(models.Model):
    """责任清单 row: a unit (牵头 or 配合) with its 责任领导 and 责任人."""

    class Role(models.TextChoices):
        LEAD = "lead", "牵头"
        ASSIST = "assist", "配合"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="responsibilities")
    unit = models.ForeignKey(Unit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("分工", max_length=10, choices=Role.choices, default=Role.LEAD)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_responsibilities",
    )
    person = models.ForeignKey(
        "org.Person", verbose_name="责任人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "责任"
        verbose_name_plural = "责任清单"
        ordering: ClassVar = ["role", "id"]

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_role_display()}）"


def evidence_path(instance: Evidence, filename: str) -> str:
    # Content-addressed: the same bytes are stored once, a new version never overwrites.
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", "整改文件"
        REGULATION = "regulation", "制度文件"
        MONEY = "money", "资金追缴"
        DATA = "data", "数据核查"
        PHOTO = "photo", "现场照片"
        OTHER = "other", "其他"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("佐证类型", max_length=20, choices=Kind.choices)
    name = models.CharField("名称", max_length=200)
    file = models.FileField("文件", upload_to=evidence_path, max_length=200, blank=True)
    size = models.PositiveIntegerField("大小", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    version = models.PositiveSmallIntegerField("版本", default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name="替代版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    record_ref = models.CharField(
        "关联记录", max_length=200, blank=True, help_text="无附件时填写：如制度文号、追缴凭证号、数据核查结果"
    )
    amount_yuan = models.DecimalField(
        "追缴金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.CharField("说明", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering: ClassVar = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @property
    def unit(self) -> Unit:
        return self.task.unit

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by")


class LeaderConfirmation(models.Model):
    """责任领导签认, by that leader's own account, for one submission round."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="confirmations")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="责任领导", on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField("提交轮次")
    # What the leader attests: the 整改进展 as written when signing. A later edit voids the sign-off.
    progress = models.TextField("签认时的整改进展", blank=True)
    comment = models.CharField("签认意见", max_length=300, blank=True)
    confirmed_at = models.DateTimeField("签认时间", auto_now_add=True)

    class Meta:
        verbose_name = "责任领导签认"
        verbose_name_plural = "责任领导签认"
        ordering: ClassVar = ["confirmed_at", "id"]

    def __str__(self) -> str:
        return f"{self.leader}签认（第{self.round}轮）"
