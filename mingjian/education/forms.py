from __future__ import annotations

from typing import Any, cast

from django import forms

from mingjian.cases.picking import CaseMultipleChoiceField
from mingjian.education.models import Attendance, Event, PostTag
from mingjian.education.services import EventInput, Mark
from mingjian.lib.forms import CheckedFileField, DateInput, StyledForm
from mingjian.org.models import Field, Person
from mingjian.org.picker import Scope, UnitChoiceField, UnitMultipleChoiceField, choose_from

MAX_SHEET_UPLOAD = 5 * 1024 * 1024
LEVEL_CHOICES = Person.Level.choices


class EventForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="形式", choices=Event.Kind.choices)
    title = forms.CharField(
        label="活动名称", max_length=200, help_text="如：2026年市民政系统以案促改警示教育大会"
    )
    held_on = forms.DateField(label="开展日期", widget=DateInput())
    place = forms.CharField(label="地点", max_length=200, required=False)
    unit = UnitChoiceField(label="组织单位")
    description = forms.CharField(label="内容安排", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    target_units = UnitMultipleChoiceField(
        label="对象单位",
        indent=True,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="可多选（按住 Ctrl）。",
    )
    include_subunits = forms.BooleanField(label="含下属单位", required=False, initial=True)
    target_field = forms.ChoiceField(label="限定领域", required=False, choices=[("", "不限"), *Field.choices])
    target_levels = forms.MultipleChoiceField(
        label="职级（不选表示不限）",
        required=False,
        choices=LEVEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    target_tags = forms.ModelMultipleChoiceField(
        label="岗位标签（不选表示不限）",
        required=False,
        queryset=PostTag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["unit"], units)
        choose_from(self.fields["target_units"], units)
        self.fields["cases"] = CaseMultipleChoiceField(
            label="使用案例",
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 6, "class": "form-select form-select-sm"}),
            help_text="从典型案例库中选择；建议选用与受众同领域、同层级的案例。",
        )
        choose_from(self.fields["cases"], Scope(user, "cases.visible"))
        self.order_fields(["kind", "title", "held_on", "place", "unit", "description", "cases"])

    def to_input(self) -> EventInput:
        data = self.cleaned_data
        return EventInput(
            kind=data["kind"],
            title=data["title"],
            held_on=data["held_on"],
            unit=data["unit"],
            target_units=list(data["target_units"]),
            place=data["place"],
            description=data["description"],
            cases=list(data["cases"]),
            include_subunits=data["include_subunits"],
            target_field=data["target_field"],
            target_levels=list(data["target_levels"]),
            target_tags=list(data["target_tags"]),
        )


def initial_for(event: Event) -> dict[str, Any]:
    fields = ("kind", "title", "held_on", "place", "unit", "description", "include_subunits", "target_field")
    initial: dict[str, Any] = {name: getattr(event, name) for name in fields}
    initial.update(
        target_levels=event.target_levels,
        cases=list(event.cases.all()),
        target_units=list(event.target_units.all()),
        target_tags=list(event.target_tags.all()),
    )
    return initial


class EventFilterForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="形式", required=False, choices=[("", "全部形式"), *Event.Kind.choices])
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *Event.Status.choices]
    )
    unit = UnitChoiceField(label="组织单位", required=False, empty_label="全部单位")
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["unit"], units)


class AttendanceForm(StyledForm, forms.Form):
    """One select and one reason per visible row; made-up rows are shown, not edited."""

    CHOICES = [(p, Attendance.Presence(p).label) for p in ("pending", "present", "absent")]

    def __init__(self, *args: Any, rows: list[Attendance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = [r for r in rows if r.presence != Attendance.Presence.MADE_UP]
        for row in self.rows:
            name = row.person.name
            self.fields[f"p{row.person_id}"] = forms.ChoiceField(
                label=f"{name}出勤情况",
                choices=self.CHOICES,
                initial=row.presence,
                required=False,
                widget=forms.Select(attrs={"aria-label": f"{name}出勤情况"}),
            )
            self.fields[f"r{row.person_id}"] = forms.CharField(
                label=f"{name}缺席原因",
                required=False,
                max_length=200,
                initial=row.absence_reason,
                widget=forms.TextInput(attrs={"aria-label": f"{name}缺席原因", "placeholder": "缺席原因"}),
            )

    def marks(self) -> list[Mark]:
        data = self.cleaned_data
        # A row the page did not send is left as it is.
        return [
            Mark(r.person_id, data[f"p{r.person_id}"], data[f"r{r.person_id}"])
            for r in self.rows
            if data[f"p{r.person_id}"]
        ]


class SheetForm(StyledForm, forms.Form):
    file = forms.FileField(
        label="签到表（.xlsx）", help_text="须有“姓名”列，可另有“单位”列；同名时按单位区分。"
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SHEET_UPLOAD:
            raise forms.ValidationError(f"文件过大（{upload.size // 1024} KB），上限为 5 MB。")
        return upload


class TagSheetForm(SheetForm):
    file = forms.FileField(
        label="岗位标签表（.xlsx）", help_text="列：姓名、单位（可选）、岗位标签（多个以“、”分隔）。"
    )


class MakeupForm(StyledForm, forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    made_up_on = forms.DateField(label="补学日期", widget=DateInput())
    note = forms.CharField(
        label="补学方式", max_length=200, help_text="如：观看会议录像、自学警示教育材料、单独谈话"
    )


class ReflectionRequestForm(StyledForm, forms.Form):
    people = forms.TypedMultipleChoiceField(
        label="请以下人员撰写心得体会", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, rows: list[Attendance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = cast(forms.TypedMultipleChoiceField, self.fields["people"])
        people.choices = [(r.person_id, f"{r.person.name}（{r.person.unit.name}）") for r in rows]


class ReflectionForm(StyledForm, forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label="心得体会", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class MaterialForm(StyledForm, forms.Form):
    file = CheckedFileField(label="材料（PDF、Word、Excel、图片，20 MB 以内）")
    name = forms.CharField(label="名称", max_length=200, required=False)


class SummaryForm(StyledForm, forms.Form):
    summary = forms.CharField(
        label="开展情况总结",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="出勤人数由系统统计，无需填写。",
    )


class _HostChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.position or obj.get_leadership_display()}）"


class HoldForm(StyledForm, forms.Form):
    """记录为已开展: who chaired it is chosen from the organising unit's 班子, never typed."""

    host = _HostChoice(
        label="主持人",
        queryset=Person.objects.none(),
        required=False,
        empty_label="（不记录）",
        help_text="主持活动是班子成员的履责记实。",
        error_messages={"invalid_choice": "主持人须为组织单位的班子成员。"},
        widget=forms.Select(attrs={"aria-label": "主持人"}),
    )

    def __init__(self, *args: Any, hosts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts  # type: ignore[attr-defined]


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmForm(StyledForm, forms.Form):
    comment = forms.CharField(label="确认意见", max_length=300, required=False)


class CoverageForm(StyledForm, forms.Form):
    # An event's own cohort rule, from its page ("本次活动对象的覆盖情况").
    event = forms.ModelChoiceField(required=False, queryset=Event.objects.none(), widget=forms.HiddenInput)
    unit = UnitChoiceField(label="单位（含下属单位）", required=False, empty_label="全部可见单位")
    field = forms.ChoiceField(label="领域", required=False, choices=[("", "不限"), *Field.choices])
    levels = forms.MultipleChoiceField(
        label="职级", required=False, choices=LEVEL_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    tags = forms.ModelMultipleChoiceField(
        label="岗位标签", required=False, queryset=PostTag.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, user: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Searched past PICKER_MAX_OPTIONS: a province's 2,000 units made a 2,000-option <select>.
        choose_from(self.fields["unit"], Scope(user, "org.units-in-scope"))
        self.fields["event"].queryset = events  # type: ignore[attr-defined]
