"""Forms: the speech to parse, and the ticked nodes with their 责任单位, 时限 and 责任领导.

The batch settings apply to every ticked node; a node's own row may name another unit,
deadline, 责任领导 or 责任人. Each ticked node is then checked by the rectification engine's
own TaskPlanForm, so a node's plan obeys exactly the rules of every other task plan.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from mingjian.lib.forms import CheckedFileField, DateInput, StyledForm
from mingjian.org.models import Person, Unit, User
from mingjian.org.picker import PersonChoiceField, Scope, UnitChoiceField, choose_from
from mingjian.outlines.parser import OutlineTooLongError, check_length
from mingjian.outlines.sources import SourceError, read_text
from mingjian.rectification.forms import TaskPlanForm
from mingjian.rectification.models import Campaign, ProblemType, Task
from mingjian.rectification.permissions import leaders_of


class OutlineSourceForm(StyledForm, forms.Form):
    text = forms.CharField(
        label="讲话或方案全文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="粘贴讲话稿或工作方案；系统识别标题和各级序号标题（一、（一）1.（1）一是 一要 首先 第一 …）。",
    )
    file = CheckedFileField(label="或上传文件（.txt / .docx，5 MB 以内）", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        checked = data.get("file")
        try:
            if checked is not None:
                data["text"] = read_text(checked.data, checked.name)
            check_length(data.get("text") or "")
        except SourceError as e:
            self.add_error("file", str(e))
        except OutlineTooLongError as e:
            self.add_error("text", str(e))
        if not self.errors and not (data.get("text") or "").strip():
            raise forms.ValidationError("请粘贴讲话或方案全文，或上传 .txt / .docx 文件。")
        return data


class BatchForm(StyledForm, forms.Form):
    """What every ticked node gets unless its own row says otherwise."""

    unit = UnitChoiceField(label="责任单位")
    problem_type = forms.ModelChoiceField(
        label="问题类型", queryset=ProblemType.objects.all(), required=False, empty_label="按标题内容自动匹配"
    )
    category = forms.ChoiceField(
        label="整改类别", choices=Task.Category.choices, initial=Task.Category.DEADLINE
    )
    due_date = forms.DateField(label="完成时限", required=False, widget=DateInput())
    due_working_days = forms.IntegerField(
        label="或下发后工作日数", required=False, min_value=1, max_value=750
    )
    leader = forms.ModelChoiceField(label="责任领导", queryset=User.objects.none(), required=False)
    person = PersonChoiceField(label="责任人", required=False)
    issue_now = forms.BooleanField(label="生成后立即下发（开始计时）", required=False, initial=True)

    def __init__(self, *args: Any, units: Any, leaders: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["leader"].queryset = leaders  # type: ignore[attr-defined]
        choose_from(self.fields["person"], people)


class NodeForm(StyledForm, forms.Form):
    """One node's row: ticked as a 部署, with what differs from the batch settings.

    Its unit and leader lists are choices computed once for the page (a speech has dozens of
    nodes; a queryset per row would query twice per node); they clean to ids. The 责任人 is a
    searched picker over the same scope as the batch's (a province's roster is 200,000 people,
    never a list per row); it cleans to a Person.
    """

    picked = forms.BooleanField(label="部署", required=False)
    unit = forms.TypedChoiceField(label="责任单位", required=False, coerce=int, empty_value=None)
    due_date = forms.DateField(label="完成时限", required=False, widget=DateInput())
    leader = forms.TypedChoiceField(label="责任领导", required=False, coerce=int, empty_value=None)
    person = PersonChoiceField(label="责任人", required=False, empty_label="同上")

    def __init__(
        self,
        *args: Any,
        units: list[tuple[int, str]],
        leaders: list[tuple[int, str]],
        people: Scope | QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "同上"), *units]  # type: ignore[attr-defined]
        self.fields["leader"].choices = [("", "同上"), *leaders]  # type: ignore[attr-defined]
        choose_from(self.fields["person"], people)


def plan_form(
    unit: Unit, batch: dict[str, Any], row: dict[str, Any], *, heading: str, problem_type: ProblemType
) -> TaskPlanForm:
    """The engine's plan form for one ticked node: its row over the batch settings."""
    leader = row.get("leader") or batch.get("leader")
    person = row.get("person") or batch.get("person")
    data = {
        "title": heading[:300],
        "problem_type": problem_type.pk,
        "measure": heading,
        "category": batch["category"],
        "due_date": row.get("due_date") or batch.get("due_date") or "",
        "due_working_days": "" if row.get("due_date") else batch.get("due_working_days") or "",
        "leader": leader.pk if leader else "",
        "person": person.pk if person else "",
    }
    return TaskPlanForm(data, leaders=leaders_of(unit), people=Person.objects.roster_of(unit))


class PhasesForm(StyledForm, forms.Form):
    """The ticked nodes as phases: of a 专项行动 being prepared, or of a new one."""

    campaign = forms.ModelChoiceField(
        label="专项行动",
        queryset=Campaign.objects.none(),
        required=False,
        empty_label="新建专项行动（填写下列各项）",
    )
    name = forms.CharField(label="新专项行动名称", max_length=100, required=False)
    kind = forms.ChoiceField(label="类别", choices=Campaign.Kind.choices, initial=Campaign.Kind.ACTION)
    start_date = forms.DateField(label="开始日期", required=False, widget=DateInput())
    end_date = forms.DateField(label="结束日期", required=False, widget=DateInput())

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("campaign") is None and not (data.get("start_date") and data.get("end_date")):
            raise forms.ValidationError(
                "新建专项行动须填写开始日期和结束日期（各阶段按期间平均排定，之后可修改）。"
            )
        return data
