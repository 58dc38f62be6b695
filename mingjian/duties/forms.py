"""Forms of 两个责任: filters, list filling, templates, 约谈 and 问责. Choices are always narrowed
to what the signed-in user may see or address, so an invisible id is refused like a missing one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from mingjian.cases.models import AccountabilityMethod
from mingjian.cases.picking import CaseChoiceField, RecommendationChoiceField
from mingjian.duties.models import Accountability, DutyItem, DutyList, Talk
from mingjian.duties.services import AccountabilityInput, TalkInput
from mingjian.duties.vocabulary import Kind, Source
from mingjian.lib.forms import CheckedFileField, DateInput, StyledForm
from mingjian.org.models import Person, Unit
from mingjian.org.picker import PersonChoiceField, Scope, UnitChoiceField, choose_from
from mingjian.rectification.picking import TaskChoiceField

FIRST_YEAR = 2020
People = Scope | QuerySet[Person]  # a scope for a page's searched picker, a queryset to validate


def narrow(field: Any, queryset: Any) -> None:
    """A choice field's queryset, set per request (django-stubs types fields as the base Field)."""
    field.queryset = queryset


def year_choices() -> list[tuple[int, str]]:
    this = timezone.localdate().year
    return [(y, f"{y}年度") for y in range(this + 1, FIRST_YEAR - 1, -1)]


class ListFilterForm(StyledForm, forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label="责任类型", required=False, choices=[("", "全部"), *Kind.choices])
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *DutyList.Status.choices])
    unit = UnitChoiceField(label="单位（含下属）", required=False, indent=True)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "全部"), *year_choices()]  # type: ignore[attr-defined]
        choose_from(self.fields["unit"], units)


class YearForm(StyledForm, forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()  # type: ignore[attr-defined]


class CheckForm(StyledForm, forms.Form):
    note = forms.CharField(
        label="履行情况", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = CheckedFileField(label="佐证材料（可不传）", required=False)


class EntryForm(StyledForm, forms.Form):
    happened_on = forms.DateField(label="日期", widget=DateInput())
    text = forms.CharField(label="履责事项", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    item = forms.ModelChoiceField(label="对应清单事项", required=False, queryset=DutyItem.objects.none())
    file = CheckedFileField(label="佐证材料（可不传）", required=False)

    def __init__(self, *args: Any, dlist: DutyList, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self.fields["item"], dlist.items.all())


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(StyledForm, forms.Form):
    comment = forms.CharField(label="意见（可不填）", required=False, max_length=300)


class TemplateCreateForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="清单类型", choices=Kind.choices)
    title = forms.CharField(label="名称（可不填）", required=False, max_length=100)
    defaults = forms.BooleanField(label="从标准条目开始（之后可逐项修改）", required=False, initial=True)


class TemplateItemForm(StyledForm, forms.Form):
    section = forms.CharField(label="类别", required=False, max_length=30)
    text = forms.CharField(label="责任事项", max_length=300)
    source = forms.ChoiceField(
        label="自动记实来源",
        required=False,
        choices=[("", "无（由责任人勾选）"), *Source.choices],
        help_text="系统已记录的此类事项自动计入本项。",
    )


def _links(form: forms.Form, user: Any) -> None:
    """The optional links to what caused a 约谈 or 问责, among records the user may see: searched
    pickers, since a province has thousands of open tasks and cases."""
    form.fields["task"] = TaskChoiceField(label="相关整改任务", required=False)
    choose_from(form.fields["task"], Scope(user, "duties.linked-tasks"))
    form.fields["recommendation"] = RecommendationChoiceField(label="相关建议书", required=False)
    choose_from(form.fields["recommendation"], Scope(user, "duties.linked-recommendations"))
    form.fields["case"] = CaseChoiceField(label="相关案例", required=False)
    choose_from(form.fields["case"], Scope(user, "cases.visible"))


class TalkForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="方式", choices=Talk.Kind.choices)
    subject = PersonChoiceField(label="谈话对象", help_text="从干部名册中选择。")
    talker = PersonChoiceField(label="谈话人")
    planned_on = forms.DateField(label="拟定日期", widget=DateInput())
    reason = forms.CharField(label="事由", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, subjects: People, talkers: People, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["subject"], subjects)
        choose_from(self.fields["talker"], talkers)
        _links(self, user)
        for name in ("task", "recommendation", "case"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def to_input(self) -> TalkInput:
        d = self.cleaned_data
        return TalkInput(
            kind=d["kind"],
            subject=d["subject"],
            talker=d["talker"],
            planned_on=d["planned_on"],
            reason=d["reason"],
            task=d.get("task"),
            recommendation=d.get("recommendation"),
            case=d.get("case"),
        )


def talk_initial(talk: Talk) -> dict[str, Any]:
    names = ("kind", "subject", "talker", "planned_on", "reason", "task", "recommendation", "case")
    return {name: getattr(talk, name) for name in names}


class CompleteForm(StyledForm, forms.Form):
    held_on = forms.DateField(label="谈话（函询）日期", widget=DateInput())
    record = forms.CharField(
        label="谈话情况（函询回复）", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AccountabilityForm(StyledForm, forms.Form):
    target = forms.ChoiceField(
        label="问责对象", choices=Accountability.Target.choices, widget=forms.RadioSelect
    )
    unit = UnitChoiceField(label="被问责党组织所在单位", required=False, indent=True)
    person = PersonChoiceField(label="被问责领导干部", required=False)
    methods = forms.MultipleChoiceField(
        label="问责方式",
        choices=AccountabilityMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="问责条例第七条：对党组织——检查、通报、改组；对领导干部——通报、诫勉、组织调整或者组织处理、纪律处分。",
    )
    basis = forms.CharField(label="问责事实及依据", widget=forms.Textarea(attrs={"rows": 4}))
    deciding_body = forms.CharField(label="决定机关", max_length=100)
    decision_number = forms.CharField(label="决定文号", required=False, max_length=50)

    def __init__(
        self, *args: Any, user: Any, units: Scope | QuerySet[Unit], leaders: People, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["unit"], units)
        choose_from(self.fields["person"], leaders)
        _links(self, user)
        for name in ("task", "recommendation", "case"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def to_input(self) -> AccountabilityInput:
        d = self.cleaned_data
        return AccountabilityInput(
            target=d["target"],
            unit=d.get("unit"),
            person=d.get("person"),
            methods=list(d["methods"]),
            basis=d["basis"],
            deciding_body=d["deciding_body"],
            decision_number=d.get("decision_number", ""),
            task=d.get("task"),
            recommendation=d.get("recommendation"),
            case=d.get("case"),
        )


def accountability_initial(rec: Accountability) -> dict[str, Any]:
    names = ("target", "unit", "person", "methods", "basis", "deciding_body", "decision_number")
    return {name: getattr(rec, name) for name in (*names, "task", "recommendation", "case")}


class DecideForm(StyledForm, forms.Form):
    decided_on = forms.DateField(label="决定日期", widget=DateInput())
    decision_number = forms.CharField(label="决定文号", required=False, max_length=50)
    comment = forms.CharField(label="意见（可不填）", required=False, max_length=300)
