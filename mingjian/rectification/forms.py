from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from mingjian.lib.forms import CheckedFileField, CheckedFilesField, DateInput, StyledForm
from mingjian.org.models import Person, Unit, User
from mingjian.org.picker import (
    PersonChoiceField,
    Scope,
    UnitChoiceField,
    UnitMultipleChoiceField,
    choose_from,
)
from mingjian.rectification import permissions as perms
from mingjian.rectification.models import (
    Campaign,
    Evidence,
    Problem,
    ProblemType,
    RectificationPolicy,
    ReviewFinding,
    Task,
)
from mingjian.rectification.services.tasks import DRAFT_FIELDS


def _sources(*values: str) -> list[tuple[str, str]]:
    """Choices for the problem sources a form accepts, with their one set of labels."""
    return [(value, Problem.Source(value).label) for value in values]


class TaskPlanForm(StyledForm, forms.Form):
    """One row of the 三张清单 when a 建议书 or a batch is turned into tasks."""

    title = forms.CharField(label="问题", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    problem_type = forms.ModelChoiceField(label="问题类型", queryset=ProblemType.objects.all())
    measure = forms.CharField(label="整改措施", widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.ChoiceField(
        label="整改类别", choices=Task.Category.choices, initial=Task.Category.DEADLINE
    )
    due_date = forms.DateField(label="完成时限", required=False, widget=DateInput())
    due_working_days = forms.IntegerField(
        label="或下发后工作日数", required=False, min_value=1, max_value=750
    )
    leader = forms.ModelChoiceField(label="责任领导", queryset=User.objects.none(), required=False)
    person = PersonChoiceField(label="责任人", required=False)

    def __init__(self, *args: Any, leaders: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders  # type: ignore[attr-defined]
        choose_from(self.fields["person"], people)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") != Task.Category.LONG_TERM and not (
            data.get("due_date") or data.get("due_working_days")
        ):
            self.add_error("due_date", "请填写完成时限，或下发后的工作日数。")
        if not data.get("leader"):
            self.add_error("leader", "请指定责任领导（班子成员，须用本人账号签认整改情况）。")
        if not data.get("person"):
            self.add_error("person", "请从干部名册中选择责任人。")
        return data


class TaskEditForm(StyledForm, forms.ModelForm[Task]):
    class Meta:
        model = Task
        fields = list(DRAFT_FIELDS)
        widgets = {"measure": forms.Textarea(attrs={"rows": 3}), "due_date": DateInput()}


class EvidenceForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="佐证类型", choices=Evidence.Kind.choices)
    name = forms.CharField(label="名称", max_length=200, required=False)
    file = CheckedFileField(label="附件（PDF、Word、Excel、图片，20 MB 以内）", required=False)
    record_ref = forms.CharField(
        label="或关联记录",
        max_length=200,
        required=False,
        help_text="无附件时填写：制度文号、追缴凭证号、数据核查结果等",
    )
    amount_yuan = forms.DecimalField(
        label="追缴金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2
    )
    supersedes = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ProgressForm(StyledForm, forms.Form):
    progress = forms.CharField(label="整改进展和成效", widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(StyledForm, forms.Form):
    verification = forms.ChoiceField(label="核查方式", choices=Task.Verification.choices)
    note = forms.CharField(label="核查情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmForm(StyledForm, forms.Form):
    comment = forms.CharField(label="签认意见", required=False, max_length=300)


def _lines(value: str) -> list[str]:
    return [line.strip(" \t-·•") for line in (value or "").splitlines() if line.strip(" \t-·•")]


class InspectionForm(StyledForm, forms.Form):
    issuer = UnitChoiceField(label="巡察机构")
    title = forms.CharField(
        label="名称", max_length=200, help_text="如：市委第一巡察组对市民政局党组巡察反馈意见"
    )
    unit = UnitChoiceField(label="被巡察单位")
    feedback_date = forms.DateField(label="反馈日期", widget=DateInput())
    concentrated_until = forms.DateField(
        label="集中整改期截止", required=False, widget=DateInput(), help_text="留空则为反馈后两个月"
    )
    items = forms.CharField(
        label="反馈问题",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="每行一个问题，按反馈意见原文录入",
    )

    def __init__(self, *args: Any, offices: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Unit.objects.filter(pk__in=[u.pk for u in offices])  # type: ignore[attr-defined]
        self.fields["issuer"].initial = offices[0].pk if offices else None
        # A 巡察机构 inspects the units of the jurisdiction it belongs to (the 市委's for 市委巡察办).
        q = Unit.objects.none()
        for office in offices:
            q |= Unit.objects.subtree(office.parent) if office.parent else Unit.objects.none()
        inspected = q.exclude(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.INSPECTION]).filter(is_active=True)
        self.fields["unit"].queryset = inspected  # type: ignore[attr-defined]

    def clean_items(self) -> list[str]:
        items = _lines(self.cleaned_data["items"])
        if not items:
            raise forms.ValidationError("至少录入一个反馈问题。")
        return items


class InspectionItemsForm(StyledForm, forms.Form):
    items = forms.CharField(
        label="补充反馈问题", widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一个"
    )

    def clean_items(self) -> list[str]:
        return _lines(self.cleaned_data["items"])


class CampaignForm(StyledForm, forms.ModelForm[Campaign]):
    class Meta:
        model = Campaign
        fields = ["name", "field", "start_date", "end_date", "description"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class NewProblemForm(TaskPlanForm):
    """A problem found by self-inspection or in a campaign, with its first task."""

    source = forms.ChoiceField(
        label="问题来源", choices=_sources(Problem.Source.SELF_INSPECTION, Problem.Source.CAMPAIGN)
    )
    campaign = forms.ModelChoiceField(label="专项行动/专项治理", required=False, queryset=Unit.objects.none())
    unit = UnitChoiceField(label="责任单位")
    field_order = [
        "source",
        "campaign",
        "unit",
        "title",
        "problem_type",
        "measure",
        "category",
        "due_date",
        "due_working_days",
        "leader",
        "person",
    ]

    def __init__(self, *args: Any, units: Any, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["unit"], units)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("source") == Problem.Source.CAMPAIGN and not data.get("campaign"):
            self.add_error("campaign", "来源为专项治理时请选择专项治理。")
        return data


class PolicyForm(StyledForm, forms.ModelForm[RectificationPolicy]):
    class Meta:
        model = RectificationPolicy
        fields = ["green_days", "yellow_days", "review_months"]


class FindingForm(StyledForm, forms.Form):
    """One sampled task on the 回头看 page: 巩固 or 反弹, or not checked this time."""

    result = forms.ChoiceField(
        label="结论", required=False, choices=[("", "未抽查"), *ReviewFinding.Result.choices]
    )
    finding = forms.CharField(label="检查发现", required=False, max_length=2000)
    action = forms.ChoiceField(
        label="反弹处理",
        choices=[("reopen", "重新打开任务"), ("new_problem", "作为新问题交办")],
        initial="reopen",
    )


class ReviewSummaryForm(StyledForm, forms.Form):
    summary = forms.CharField(label="总体情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))


MAX_LEDGER_UPLOAD = 10 * 1024 * 1024  # ledger.MAX_UPLOAD_BYTES


class LedgerImportForm(StyledForm, forms.Form):
    file = forms.FileField(
        label="整改台账（.xlsx、.xls 或 .csv）",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )
    source = forms.ChoiceField(
        label="新增问题的来源",
        choices=_sources(Problem.Source.SELF_INSPECTION, Problem.Source.INSPECTION, Problem.Source.CAMPAIGN),
    )
    issue_now = forms.BooleanField(label="新增任务导入后立即下发", required=False)

    def __init__(self, *args: Any, may_create: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_create:  # the unit side only updates its tasks' 整改进展
            del self.fields["source"], self.fields["issue_now"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LEDGER_UPLOAD:
            raise forms.ValidationError(
                f"文件过大（{upload.size // 1024} KB），上限为 {MAX_LEDGER_UPLOAD // 1048576} MB。"
            )
        return upload


# ---- 整改方案 and the reply to a 建议书 -------------------------------------------------------------


@dataclass(frozen=True)
class PlanChoices:
    """What a unit's plan may name: its own units as 牵头, units in the writer's scope as 配合, its
    班子成员 as 责任领导 and its cadres (干部名册) as 责任人 — chosen, never typed."""

    units: Any
    assist_units: Any
    leaders: Any
    people: Any
    people_scope: Scope  # the same 干部名册, for the forms' searched picker

    @classmethod
    def for_unit(cls, unit: Unit, user: Any) -> PlanChoices:
        units = Unit.objects.subtree(unit).filter(is_active=True)
        leader_ids = {
            u.pk for home in units.exclude(kind=Unit.Kind.DEPARTMENT) for u in perms.leaders_of(home)
        }
        return cls(
            units=units,
            assist_units=Unit.objects.in_scope(user).filter(is_active=True),
            leaders=User.objects.filter(pk__in=leader_ids).select_related("person").order_by("username"),
            people=Person.objects.roster_of(unit).select_related("unit"),
            people_scope=Scope(user, "org.roster", {"unit": unit.pk}),
        )


class MeasureForm(StyledForm, forms.Form):
    """One 整改措施 row; an empty row is ignored (the page offers one spare row per item)."""

    measure = forms.CharField(label="整改措施", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.ChoiceField(
        label="整改类别", choices=Task.Category.choices, initial=Task.Category.DEADLINE, required=False
    )
    due_date = forms.DateField(label="完成时限", required=False, widget=DateInput())
    due_working_days = forms.IntegerField(
        label="或批准后工作日数", required=False, min_value=1, max_value=750
    )
    lead_unit = UnitChoiceField(label="牵头单位", required=False)
    assist_units = UnitMultipleChoiceField(
        label="配合单位",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )
    leader = forms.ModelChoiceField(label="责任领导", queryset=User.objects.none(), required=False)
    person = PersonChoiceField(label="责任人", required=False)

    def __init__(self, *args: Any, choices: PlanChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("lead_unit", choices.units),
            ("assist_units", choices.assist_units),
            ("leader", choices.leaders),
        ):
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]
        choose_from(self.fields["person"], choices.people_scope)

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("measure") or "").strip()


class EntryForm(StyledForm, forms.Form):
    """The unit's position on one item: adopted or not (建议书 only), and the problem's type."""

    adopted = forms.TypedChoiceField(
        label="是否采纳",
        choices=[("1", "采纳"), ("0", "不采纳（提出异议）")],
        coerce=lambda v: v == "1",
        initial="1",
        required=False,
    )
    objection = forms.CharField(label="异议及理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    problem_type = forms.ModelChoiceField(
        label="问题类型",
        required=False,
        queryset=ProblemType.objects.exclude(category=ProblemType.Category.ACTION),
    )


class ApplyAllForm(StyledForm, forms.Form):
    """Fill the same deadline, 责任领导 and 责任人 into every measure row at once."""

    due_date = forms.DateField(label="完成时限", required=False, widget=DateInput())
    due_working_days = forms.IntegerField(
        label="或批准后工作日数", required=False, min_value=1, max_value=750
    )
    leader = forms.ModelChoiceField(label="责任领导", queryset=User.objects.none(), required=False)
    person = PersonChoiceField(label="责任人", required=False)

    def __init__(self, *args: Any, choices: PlanChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = choices.leaders  # type: ignore[attr-defined]
        choose_from(self.fields["person"], choices.people_scope)


class ReplyForm(StyledForm, forms.Form):
    text = forms.CharField(
        label="回复内容（采纳情况及整改安排）", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    meeting_date = forms.DateField(label="党委（党组）会研究日期", required=False, widget=DateInput())
    attachments = CheckedFilesField(label="附件（PDF、Word、Excel、图片，单个 20 MB 以内）", required=False)
