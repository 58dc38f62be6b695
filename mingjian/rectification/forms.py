from __future__ import annotations

from typing import Any

from django import forms

from mingjian.lib.forms import CheckedFileField, DateInput, StyledForm
from mingjian.org.models import Unit, User
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
    person = forms.CharField(label="责任人", max_length=50, required=False)

    def __init__(self, *args: Any, leaders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") != Task.Category.LONG_TERM and not (
            data.get("due_date") or data.get("due_working_days")
        ):
            self.add_error("due_date", "请填写完成时限，或下发后的工作日数。")
        if not data.get("leader"):
            self.add_error("leader", "请指定责任领导（须用本人账号签认整改情况）。")
        if not (data.get("person") or "").strip():
            self.add_error("person", "请填写责任人。")
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


class SubmitForm(StyledForm, forms.Form):
    progress = forms.CharField(label="整改进展和成效", widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(StyledForm, forms.Form):
    verification = forms.ChoiceField(label="核查方式", choices=Task.Verification.choices)
    note = forms.CharField(label="核查情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmForm(StyledForm, forms.Form):
    comment = forms.CharField(label="签认意见", required=False, max_length=300)


class InspectionForm(StyledForm, forms.Form):
    title = forms.CharField(
        label="名称", max_length=200, help_text="如：市委第二巡察组对市民政局党组巡察反馈意见"
    )
    unit = forms.ModelChoiceField(label="被巡察单位", queryset=Unit.objects.none())
    feedback_date = forms.DateField(label="反馈日期", widget=DateInput())


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
    campaign = forms.ModelChoiceField(label="专项治理", required=False, queryset=Unit.objects.none())
    unit = forms.ModelChoiceField(label="责任单位", queryset=Unit.objects.none())
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
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("source") == Problem.Source.CAMPAIGN and not data.get("campaign"):
            self.add_error("campaign", "来源为专项治理时请选择专项治理。")
        return data


class PolicyForm(StyledForm, forms.ModelForm[RectificationPolicy]):
    class Meta:
        model = RectificationPolicy
        fields = ["yellow_days", "red_days", "review_months", "inspection_report_months"]


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


MAX_LEDGER_UPLOAD = 10 * 1024 * 1024


class LedgerImportForm(StyledForm, forms.Form):
    file = forms.FileField(label="整改台账（.xlsx）")
    source = forms.ChoiceField(
        label="问题来源",
        choices=_sources(Problem.Source.SELF_INSPECTION, Problem.Source.INSPECTION, Problem.Source.CAMPAIGN),
    )
    issue_now = forms.BooleanField(label="导入后立即下发", required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LEDGER_UPLOAD:
            raise forms.ValidationError(
                f"文件过大（{upload.size // 1024} KB），上限为 {MAX_LEDGER_UPLOAD // 1048576} MB。"
            )
        return upload
