from __future__ import annotations

from typing import Any

from django import forms

from mingjian.cases.display import case_title
from mingjian.cases.models import Case, SystemLoophole
from mingjian.lib.forms import CheckedFileField, DateInput, StyledForm
from mingjian.org.models import Field, Unit, User
from mingjian.org.picker import PersonChoiceField, Scope, UnitChoiceField, choose_from
from mingjian.rectification.models import Problem
from mingjian.rectification.permissions import leaders_of
from mingjian.regulations import permissions as perms
from mingjian.regulations.models import MAX_MONTHS, Regulation, RegulationCheck
from mingjian.regulations.queries import CHECK_STATES
from mingjian.regulations.services import FollowUp, RegulationInput

C = RegulationCheck


class _LoopholeChoices(forms.ModelMultipleChoiceField[SystemLoophole]):
    """Loopholes labelled with their case as the viewer may read it (names masked outside the 纪委)."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        case = obj.analysis.case
        return f"{obj.description}（{case.unit.name} · {case_title(case, self.user)}）"


class _ProblemChoices(forms.ModelMultipleChoiceField[Problem]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title[:60]}（{obj.unit.name}）"


def _link_fields(form: forms.Form, user: Any, loopholes: list[SystemLoophole], problems: Any) -> None:
    form.fields["loopholes"] = _LoopholeChoices(
        label="堵塞的制度漏洞",
        required=False,
        user=user,
        queryset=SystemLoophole.objects.filter(pk__in=[h.pk for h in loopholes]).select_related(
            "analysis__case__unit"
        ),
        widget=forms.CheckboxSelectMultiple,
        help_text="来自已审定的案件剖析；关联后，漏洞显示为“已堵塞”（制度印发施行后）。",
    )
    form.fields["problems"] = _ProblemChoices(
        label="解决的问题",
        required=False,
        queryset=problems,
        widget=forms.CheckboxSelectMultiple,
        help_text="问题清单中由制度漏洞引起的问题；制度印发施行后，其整改任务方可销号。",
    )


class RegulationForm(StyledForm, forms.Form):
    unit = UnitChoiceField(label="制定单位")
    title = forms.CharField(
        label="名称", max_length=200, help_text="如：X市城乡最低生活保障审核确认办法（修订）"
    )
    kind = forms.ChoiceField(label="类型", choices=Regulation.Kind.choices)
    revises = forms.ModelChoiceField(
        label="修订（废止）的制度",
        required=False,
        queryset=Regulation.objects.none(),
        help_text="修订或废止时必选：本单位现行有效的制度。",
    )
    number = forms.CharField(
        label="文号", max_length=100, required=False, help_text="印发时填写，如：X民发〔2026〕12号"
    )
    summary = forms.CharField(label="主要内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = CheckedFileField(
        label="制度文本", required=False, help_text="Word 或 PDF；每次上传新增一个版本，旧版本保留。"
    )
    note = forms.CharField(label="文本说明", max_length=200, required=False, help_text="如：征求意见稿")
    existing = forms.BooleanField(
        label="补录已印发施行的现行制度",
        required=False,
        help_text="由单位领导补录本单位现行有效的制度（须填写文号、日期并上传印发稿），以便修订时关联。",
    )
    issued_on = forms.DateField(label="印发日期（补录时填写）", required=False, widget=DateInput())
    effective_on = forms.DateField(label="施行日期（补录时填写）", required=False, widget=DateInput())

    def __init__(
        self,
        *args: Any,
        user: Any,
        units: Any,
        loopholes: list[SystemLoophole],
        problems: Any,
        creating: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["revises"].queryset = (  # type: ignore[attr-defined]
            Regulation.objects.visible_to(user).in_force().filter(unit__in=units).select_related("unit")
        )
        _link_fields(self, user, loopholes, problems)
        if not creating:
            for name in ("file", "note", "existing", "issued_on", "effective_on"):
                del self.fields[name]
        elif not perms.can_register_existing(user):  # a liaison drafts; 补录 is a leader's record
            for name in ("existing", "issued_on", "effective_on"):
                del self.fields[name]

    def to_input(self) -> RegulationInput:
        data = self.cleaned_data
        existing = bool(data.get("existing"))
        return RegulationInput(
            unit=data["unit"],
            title=data["title"],
            kind=data["kind"],
            number=data["number"],
            summary=data["summary"],
            revises=data["revises"],
            issued_on=data.get("issued_on") if existing else None,
            effective_on=data.get("effective_on") if existing else None,
            loopholes=list(data["loopholes"]),
            problems=list(data["problems"]),
        )


class LinkForm(StyledForm, forms.Form):
    """A rule in force: only what it closes may change."""

    def __init__(
        self, *args: Any, user: Any, loopholes: list[SystemLoophole], problems: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _link_fields(self, user, loopholes, problems)


def initial_for(reg: Regulation) -> dict[str, Any]:
    names = ("unit", "title", "kind", "revises", "number", "summary")
    initial: dict[str, Any] = {name: getattr(reg, name) for name in names}
    initial.update(loopholes=list(reg.loopholes.all()), problems=list(reg.problems.all()))
    return initial


class VersionForm(StyledForm, forms.Form):
    file = CheckedFileField(label="制度文本")
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="如：审议稿、印发稿")


class IssueForm(StyledForm, forms.Form):
    number = forms.CharField(label="文号", max_length=100)
    issued_on = forms.DateField(label="印发日期", widget=DateInput())
    effective_on = forms.DateField(label="施行日期", widget=DateInput())


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(StyledForm, forms.Form):
    comment = forms.CharField(label="意见", max_length=300, required=False)


class ExecutionForm(StyledForm, forms.Form):
    result = forms.ChoiceField(label="执行情况", choices=C.Result.choices, widget=forms.RadioSelect)
    findings = forms.CharField(
        label="检查发现",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="查阅了哪些台账、抽查了多少事项、发现什么问题。",
    )
    checked_on = forms.DateField(label="检查日期", widget=DateInput(), required=False)
    raise_problem = forms.BooleanField(
        label="部分执行时也作为问题交办", required=False, help_text="未执行一律作为问题交办整改。"
    )
    measure = forms.CharField(label="整改措施", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label="完成时限", required=False, widget=DateInput())
    leader = forms.ModelChoiceField(label="责任领导", required=False, queryset=User.objects.none())
    person = PersonChoiceField(label="责任人", required=False)

    def __init__(self, *args: Any, unit: Unit, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders_of(unit)  # type: ignore[attr-defined]
        choose_from(self.fields["person"], Scope(user, "org.roster", {"unit": unit.pk}))

    def follow_up(self) -> FollowUp | None:
        data = self.cleaned_data
        wanted = data["result"] == C.Result.NONE or (
            data["result"] == C.Result.PARTIAL and data["raise_problem"]
        )
        if not wanted:
            return None
        return FollowUp(data["measure"], data["due_date"], data["leader"], data["person"])


class ReviewForm(StyledForm, forms.Form):
    scientific = forms.CharField(label="科学性", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    precision = forms.CharField(label="精准度", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    timeliness = forms.CharField(label="时效性", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    conclusion = forms.ChoiceField(label="结论", choices=C.Conclusion.choices, widget=forms.RadioSelect)
    checked_on = forms.DateField(label="回头看日期", widget=DateInput(), required=False)


class WaiverForm(StyledForm, forms.Form):
    reason = forms.CharField(
        label="无需制定或修订制度的理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="如：《…》第…条已有明确规定，问题出在执行环节，已通过…整改。",
    )


class FilterForm(StyledForm, forms.Form):
    unit = UnitChoiceField(label="制定单位", required=False, empty_label="全部单位")
    field = forms.ChoiceField(label="领域", required=False, choices=[("", "全部领域"), *Field.choices])
    kind = forms.ChoiceField(
        label="类型", required=False, choices=[("", "全部类型"), *Regulation.Kind.choices]
    )
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *Regulation.Status.choices]
    )
    check = forms.ChoiceField(label="执行检查", required=False, choices=[("", "全部"), *CHECK_STATES.items()])
    case = forms.ModelChoiceField(
        label="堵塞案例漏洞", required=False, queryset=Case.objects.none(), empty_label="不限案例"
    )
    q = forms.CharField(label="名称或文号", required=False, max_length=50)

    def __init__(self, *args: Any, user: Any, units: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = lambda c: case_title(c, user)  # type: ignore[attr-defined]


class PolicyForm(StyledForm, forms.Form):
    check_months = forms.IntegerField(label="施行后执行检查（月）", min_value=1, max_value=MAX_MONTHS)
    review_months = forms.IntegerField(label="制度回头看周期（月）", min_value=1, max_value=MAX_MONTHS)
