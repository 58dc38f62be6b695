"""API writes for the rectification engine — the pages' actions, each its own operation calling
the page's service: the unit's answer to a 建议书 (reply + 整改方案), the plan editor, the issuer's
objection decisions and closure, reports, 巡察 batches, campaigns, new problems, draft-task edits,
evidence and batch sign-off. People are chosen by id: 责任领导 among the unit's 班子成员
(permissions.leaders_of), 责任人 from its 干部名册 (Person.objects.roster_of) — never typed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from mingjian.cases.models import Recommendation, RecommendationItem
from mingjian.lib.api import ModelSerializer, ScopedPk, caller, check_with_form
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, Role, Unit, User
from mingjian.org.permissions import can_act_in, is_supervisor, is_unit_leader, is_unit_side
from mingjian.rectification import ledger, services
from mingjian.rectification import permissions as perms
from mingjian.rectification.api.reads import PlanSerializer, TaskSerializer
from mingjian.rectification.forms import MAX_LEDGER_UPLOAD, PlanChoices, PolicyForm
from mingjian.rectification.models import (
    Campaign,
    Evidence,
    FollowUpReview,
    InspectionBatch,
    InspectionItem,
    Problem,
    ProblemType,
    RectificationPlan,
    RectificationPolicy,
    RectificationReport,
    ReviewFinding,
    Task,
)

MAX_FILES = 10
MAX_LINES = 200

# ---- the plan's measures (shared by the reply and the plan editor) ----------------------------


def _unit_of(context: dict[str, Any]) -> Unit:
    """The unit whose plan is written: the 建议书's or the 巡察 batch's addressee."""
    obj = context["object"]
    return obj.unit  # type: ignore[no-any-return]


def _plan_choices(context: dict[str, Any]) -> PlanChoices:
    if "plan_choices" not in context:
        context["plan_choices"] = PlanChoices.for_unit(_unit_of(context), caller(context))
    found: PlanChoices = context["plan_choices"]
    return found


def _problem_types(context: dict[str, Any]) -> Any:
    return ProblemType.objects.exclude(category=ProblemType.Category.ACTION)


class MeasureInput(serializers.Serializer[Any]):
    """One 整改措施: 牵头单位 the unit or one of its own, 配合单位 from the writer's scope."""

    measure = serializers.CharField(help_text="整改措施")
    category = serializers.ChoiceField(choices=Task.Category.choices, default=Task.Category.DEADLINE)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    due_working_days = serializers.IntegerField(
        min_value=1,
        max_value=750,
        required=False,
        allow_null=True,
        default=None,
        help_text="或批准后工作日数",
    )
    lead_unit = ScopedPk(
        lambda c: _plan_choices(c).units, "单位", required=False, allow_null=True, default=None
    )
    assist_units = ScopedPk(
        lambda c: _plan_choices(c).assist_units, "单位", many=True, required=False, default=list
    )
    leader = ScopedPk(
        lambda c: _plan_choices(c).leaders,
        "责任领导（班子成员）",
        required=False,
        allow_null=True,
        default=None,
    )
    person = ScopedPk(
        lambda c: _plan_choices(c).people, "责任人（干部名册）", required=False, allow_null=True, default=None
    )

    def validate(self, data: dict[str, Any]) -> services.MeasureInput:
        data["lead_unit"] = data["lead_unit"] or _unit_of(self.context)
        data["assist_units"] = list(data["assist_units"])
        return services.MeasureInput(**data)


def _plan_items(context: dict[str, Any]) -> Any:
    """The items the plan answers: the 建议书's items, or the 巡察 batch's 反馈问题."""
    obj = context["object"]
    if isinstance(obj, RectificationPlan):
        obj = obj.recommendation or obj.inspection
    if isinstance(obj, Recommendation):
        return RecommendationItem.objects.filter(recommendation=obj)
    return InspectionItem.objects.filter(batch=obj)


class EntryInput(serializers.Serializer[Any]):
    item = ScopedPk(_plan_items, "建议事项或反馈问题")
    problem_type = ScopedPk(_problem_types, "问题类型", required=False, allow_null=True, default=None)
    measures = MeasureInput(many=True, required=False, default=list)

    def validate(self, data: dict[str, Any]) -> services.EntryInput:
        return services.EntryInput(**data)


class PlanEditInput(serializers.Serializer[Any]):
    entries = EntryInput(many=True, allow_empty=False)


def save_plan(plan: RectificationPlan, *, by: User, entries: list[services.EntryInput]) -> RectificationPlan:
    return services.save_plan(plan, by=by, entries=entries)


# ---- the unit's answer to a 建议书 ----------------------------------------------------------------


class ItemAnswerInput(EntryInput):
    adopted = serializers.BooleanField(default=True, help_text="采纳；不采纳须写明异议及理由")
    objection = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, data: dict[str, Any]) -> services.ItemAnswer:  # type: ignore[override]
        adopted, objection = data.pop("adopted"), data.pop("objection")
        return services.ItemAnswer(entry=services.EntryInput(**data), adopted=adopted, objection=objection)


class AnswerInput(serializers.Serializer[Any]):
    text = serializers.CharField(required=False, allow_blank=True, default="", help_text="采纳情况及整改安排")
    meeting_date = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="党委（党组）会研究日期"
    )
    items = ItemAnswerInput(many=True, allow_empty=False)


class ReplyOut(serializers.Serializer[Any]):
    text = serializers.CharField()
    meeting_date = serializers.DateField(allow_null=True)
    attachments = serializers.SerializerMethodField()

    def get_attachments(self, obj: Any) -> list[dict[str, Any]]:
        return [
            {"id": a.pk, "name": a.name, "size": a.size, "sha256": a.sha256} for a in obj.attachments.all()
        ]


class AnswerOut(serializers.Serializer[Any]):
    reply = ReplyOut()
    plan = PlanSerializer()


def save_answer(rec: Recommendation, *, by: User, **data: Any) -> dict[str, Any]:
    reply = services.save_answer(rec, by=by, answer=services.Answer(files=[], **data))
    return {"reply": reply, "plan": RectificationPlan.objects.get(recommendation=rec)}


class AttachmentsInput(serializers.Serializer[Any]):
    files = serializers.ListField(
        child=serializers.FileField(),
        allow_empty=False,
        max_length=MAX_FILES,
        help_text="PDF、Word、Excel、图片，单个 20 MB 以内",
    )

    def validate_files(self, uploads: list[Any]) -> list[Any]:
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_upload(upload.name, upload.read()))
            except DjangoValidationError as e:
                errors.extend(e.messages)
        if errors:
            raise serializers.ValidationError(errors)
        return checked


def add_attachments(rec: Recommendation, *, by: User, files: list[Any]) -> dict[str, Any]:
    services.add_reply_attachments(rec, by=by, files=files)
    return {"reply": rec.reply, "plan": RectificationPlan.objects.get(recommendation=rec)}


def _delegates(context: dict[str, Any]) -> Any:
    return perms.leaders_of(context["object"].unit)


class AuthoriseInput(serializers.Serializer[Any]):
    delegate = ScopedPk(_delegates, "班子成员", help_text="授权代为回复的班子成员（账号编号）")


def _objected(context: dict[str, Any]) -> Any:
    return RecommendationItem.objects.filter(recommendation=context["object"], adopted=False)


class DecisionInput(serializers.Serializer[Any]):
    item = ScopedPk(_objected, "有异议的建议事项")
    decision = serializers.ChoiceField(choices=RecommendationItem.Decision.choices)
    reason = serializers.CharField(help_text="处理理由")
    text = serializers.CharField(required=False, allow_blank=True, default="", help_text="修改后的建议内容")

    def validate(self, data: dict[str, Any]) -> services.Decision:
        return services.Decision(data["item"], data["decision"], data["reason"], data["text"])


class ObjectionInput(serializers.Serializer[Any]):
    decisions = DecisionInput(many=True, allow_empty=False)


class CompleteInput(serializers.Serializer[Any]):
    rating = serializers.ChoiceField(choices=Recommendation.Rating.choices, help_text="整改评估等次")
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


# ---- reports ----------------------------------------------------------------------------------


class ReportSerializer(ModelSerializer):
    class Meta:
        model = RectificationReport
        fields = [
            "id",
            "kind",
            "unit",
            "recommendation",
            "inspection",
            "status",
            "text",
            "drafted_by",
            "submitted_by",
            "submitted_at",
        ]
        read_only_fields = fields


def _visible(model: Any) -> Any:
    return lambda context: model.objects.visible_to(caller(context))


class ReportDraftInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=RectificationReport.Kind.choices)
    recommendation = ScopedPk(
        _visible(Recommendation), "建议书", required=False, allow_null=True, default=None
    )
    inspection = ScopedPk(_visible(InspectionBatch), "巡察", required=False, allow_null=True, default=None)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if (data["recommendation"] is None) == (data["inspection"] is None):
            raise serializers.ValidationError({"recommendation": "请指定建议书或巡察批次（二者选一）。"})
        return data


def draft_report(*, by: User, kind: str, recommendation: Any, inspection: Any) -> RectificationReport:
    return services.draft_report(kind, recommendation or inspection, by=by)


class ReportTextInput(serializers.Serializer[Any]):
    text = serializers.CharField(help_text="报告正文")


# ---- 巡察, campaigns, new problems ------------------------------------------------------------


class InspectionSerializer(ModelSerializer):
    items = serializers.SerializerMethodField()

    class Meta:
        model = InspectionBatch
        fields = [
            "id",
            "unit",
            "issuer",
            "title",
            "feedback_date",
            "report_due",
            "reported_on",
            "concentrated_until",
            "items",
        ]
        read_only_fields = fields

    def get_items(self, obj: InspectionBatch) -> list[dict[str, Any]]:
        return [{"id": i.pk, "seq": i.seq, "text": i.text} for i in obj.items.all()]


def _offices(context: dict[str, Any]) -> Any:
    return Unit.objects.in_scope(caller(context), frozenset({Role.INSPECTION_OFFICE})).filter(
        kind=Unit.Kind.INSPECTION
    )


def _inspected(context: dict[str, Any]) -> Any:
    """Units of the jurisdictions the caller's 巡察机构 belong to (as on the page)."""
    q = Unit.objects.none()
    for office in _offices(context):
        q |= Unit.objects.subtree(office.parent) if office.parent else Unit.objects.none()
    return q.exclude(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.INSPECTION]).filter(is_active=True)


def _lines() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=2000),
        allow_empty=False,
        max_length=MAX_LINES,
        help_text="反馈问题，每项一条",
    )


class InspectionInput(serializers.Serializer[Any]):
    issuer = ScopedPk(_offices, "巡察机构")
    unit = ScopedPk(_inspected, "被巡察单位")
    title = serializers.CharField(max_length=200)
    feedback_date = serializers.DateField()
    concentrated_until = serializers.DateField(required=False, allow_null=True, default=None)
    items = _lines()


class InspectionItemsInput(serializers.Serializer[Any]):
    items = _lines()


def add_inspection_items(batch: InspectionBatch, *, by: User, items: list[str]) -> InspectionBatch:
    services.add_inspection_items(batch, by=by, texts=items)
    return batch


def open_inspection_plan(batch: InspectionBatch, *, by: User) -> RectificationPlan:
    """The unit opens (and so creates) its 整改方案 for the feedback, as the page's button does."""
    if not (is_unit_side(by, batch.unit) and can_act_in(by, batch.unit)):
        raise PermissionDenied
    return services.plan_for(unit=batch.unit, issuer=batch.issuer, by=by, inspection=batch)


def _problem_units(context: dict[str, Any]) -> Any:
    """Units the caller may give work to in the name of their issuing body (新增问题)."""
    user = caller(context)
    issuer = perms.issuer_for(user) if user.is_authenticated else None
    scope = Unit.objects.in_scope(user)
    if issuer is None:
        return scope.none()
    return scope.filter(pk__in=[u.pk for u in scope if perms.is_issuer_side(user, u, issuer)])


def _issuer(by: User) -> Unit:
    issuer = perms.issuer_for(by)
    if issuer is None:
        raise PermissionDenied
    return issuer


class ProblemInput(serializers.Serializer[Any]):
    """A problem found by self-inspection or in a campaign, with its first (draft) task."""

    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=[
            (s, Problem.Source(s).label) for s in (Problem.Source.SELF_INSPECTION, Problem.Source.CAMPAIGN)
        ]
    )
    campaign = ScopedPk(
        _visible(Campaign), "专项行动/专项治理", required=False, allow_null=True, default=None
    )
    unit = ScopedPk(_problem_units, "责任单位")
    title = serializers.CharField(max_length=300, help_text="问题")
    problem_type = serializers.PrimaryKeyRelatedField(queryset=ProblemType.objects.all())
    measure = serializers.CharField(help_text="整改措施")
    category = serializers.ChoiceField(choices=Task.Category.choices, default=Task.Category.DEADLINE)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    due_working_days = serializers.IntegerField(
        min_value=1, max_value=750, required=False, allow_null=True, default=None
    )
    leader = serializers.IntegerField(help_text="责任领导：责任单位班子成员的账号编号")
    person = serializers.IntegerField(help_text="责任人：责任单位干部名册中的人员编号")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        unit, errors = data["unit"], {}
        if data["source"] == Problem.Source.CAMPAIGN and data["campaign"] is None:
            errors["campaign"] = "来源为专项治理时请选择专项治理。"
        if data["category"] != Task.Category.LONG_TERM and not (data["due_date"] or data["due_working_days"]):
            errors["due_date"] = "请填写完成时限，或下发后的工作日数。"
        data["leader"] = perms.leaders_of(unit).filter(pk=data["leader"]).first()
        data["person"] = Person.objects.roster_of(unit).filter(pk=data["person"]).first()
        if data["leader"] is None:
            errors["leader"] = f"责任领导须为{unit.leadership_unit().name}班子成员（联络员不能担任）。"
        if data["person"] is None:
            errors["person"] = f"请从{unit.name}干部名册中选择责任人。"
        if errors:
            raise serializers.ValidationError(errors)
        return data


def create_problem(*, by: User, source: str, campaign: Campaign | None, **data: Any) -> Task:
    plan = services.TaskPlan(**data, links={"campaign": campaign} if campaign else {})
    return services.create_tasks([plan], issuer=_issuer(by), source=source, by=by)[0]


# ---- tasks: draft edits, evidence, batch sign-off ------------------------------------------------


class TaskEditInput(serializers.Serializer[Any]):
    """Only the fields sent change (a draft task: measure, category and deadline)."""

    measure = serializers.CharField(required=False)
    category = serializers.ChoiceField(choices=Task.Category.choices, required=False)
    due_date = serializers.DateField(required=False, allow_null=True)
    due_working_days = serializers.IntegerField(min_value=1, max_value=750, required=False, allow_null=True)


def update_draft_task(task: Task, *, by: User, **changes: Any) -> Task:
    return services.update_draft_task(task, by=by, changes=changes)


class EvidenceSerializer(ModelSerializer):
    class Meta:
        model = Evidence
        fields = [
            "id",
            "task",
            "kind",
            "name",
            "size",
            "sha256",
            "version",
            "supersedes",
            "record_ref",
            "amount_yuan",
            "uploaded_by",
            "uploaded_at",
        ]
        read_only_fields = fields


def _current_evidence(context: dict[str, Any]) -> Any:
    return Evidence.objects.filter(task=context["object"])


class EvidenceInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=Evidence.Kind.choices)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    file = serializers.FileField(
        required=False, allow_null=True, default=None, help_text="PDF、Word、Excel、图片，20 MB 以内"
    )
    record_ref = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="无附件时填写：制度文号、追缴凭证号等",
    )
    amount_yuan = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
    )
    supersedes = ScopedPk(_current_evidence, "佐证材料", required=False, allow_null=True, default=None)

    def validate_file(self, upload: Any) -> Any:
        if upload is None:
            return None
        try:
            return check_upload(upload.name, upload.read())
        except DjangoValidationError as e:
            raise serializers.ValidationError(e.messages) from None


def add_evidence(task: Task, *, by: User, file: Any, **data: Any) -> Evidence:
    return services.add_evidence(task, by=by, checked=file, **data)


def _to_sign(context: dict[str, Any]) -> Any:
    return Task.objects.to_sign(caller(context))


class SignInput(serializers.Serializer[Any]):
    tasks = ScopedPk(_to_sign, "待签认的任务", many=True, allow_empty=False)
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class SignOut(serializers.Serializer[Any]):
    tasks = TaskSerializer(many=True)


def confirm_tasks(*, by: User, tasks: list[Task], comment: str) -> dict[str, Any]:
    if not is_unit_leader(by):
        raise PermissionDenied
    services.confirm_tasks(tasks, by=by, comment=comment)
    return {"tasks": Task.objects.filter(pk__in=[t.pk for t in tasks])}


# ---- 回头看, ledger import, 整改时限设置 -------------------------------------------------------------


def _sampled(context: dict[str, Any]) -> Any:
    review: FollowUpReview = context["object"]
    return review.tasks.all()


class ReviewFindingInput(serializers.Serializer[Any]):
    task = ScopedPk(_sampled, "抽查的任务")
    result = serializers.ChoiceField(choices=ReviewFinding.Result.choices)
    finding = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    new_problem = serializers.BooleanField(
        default=False, help_text="反弹时作为新问题交办（否则重新打开原任务）"
    )

    def validate(self, data: dict[str, Any]) -> services.FindingInput:
        return services.FindingInput(**data)


class ReviewRecordInput(serializers.Serializer[Any]):
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    findings = ReviewFindingInput(many=True, allow_empty=False)


class LedgerImportInput(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="整改台账 .xlsx（10 MB 以内）")
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=[
            (s, Problem.Source(s).label)
            for s in (Problem.Source.SELF_INSPECTION, Problem.Source.INSPECTION, Problem.Source.CAMPAIGN)
        ]
    )
    issue_now = serializers.BooleanField(default=False)

    def validate_file(self, upload: Any) -> Any:
        if upload.size > MAX_LEDGER_UPLOAD:
            message = f"文件过大（{upload.size // 1024} KB），上限为 {MAX_LEDGER_UPLOAD // 1048576} MB。"
            raise serializers.ValidationError(message)
        return upload


class LedgerImportOut(serializers.Serializer[Any]):
    tasks = TaskSerializer(many=True)


def import_ledger(*, by: User, file: Any, source: str, issue_now: bool) -> dict[str, Any]:
    """The ledger page's import: every row checked, then all tasks or none (errors name rows)."""
    if by.unit is None or not is_supervisor(by):
        raise PermissionDenied
    try:
        tasks = ledger.import_ledger(
            file.read(), user=by, issuer=by.unit, source=source, issue_now=issue_now, filename=file.name
        )
    except ledger.LedgerRowsError as e:
        raise serializers.ValidationError({"file": e.errors}) from None
    except ledger.LedgerFileError as e:
        raise serializers.ValidationError({"file": [str(e)]}) from None
    return {"tasks": tasks}


class RectificationPolicySerializer(ModelSerializer):
    class Meta:
        model = RectificationPolicy
        fields = ["issuer", "green_days", "yellow_days", "review_months"]
        read_only_fields = fields


class RectificationPolicyInput(serializers.Serializer[Any]):
    """Checked by the settings page's own form."""

    green_days = serializers.IntegerField(help_text="绿灯提醒（剩余天数）")
    yellow_days = serializers.IntegerField(help_text="黄灯预警（剩余天数）")
    review_months = serializers.IntegerField(help_text="销号后回头看（月）")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        return check_with_form(PolicyForm(data=data))


def policy_issuer(by: User) -> Unit:
    issuer = perms.issuer_for(by)
    if issuer is None or not perms.can_set_up_for(by, issuer):
        raise PermissionDenied
    return issuer


def save_policy(*, by: User, **data: Any) -> RectificationPolicy:
    return services.save_policy(policy_issuer(by), by=by, **data)
