from __future__ import annotations

from typing import Any

from django import forms

from mingjian.cases.display import case_title
from mingjian.cases.models import Case
from mingjian.lib.forms import DateInput, StyledForm
from mingjian.org.models import Person, Unit, User
from mingjian.org.picker import (
    PersonChoiceField,
    Scope,
    UnitChoiceField,
    UnitMultipleChoiceField,
    choose_from,
)
from mingjian.rectification.permissions import leaders_of
from mingjian.risks.models import RiskPoint
from mingjian.risks.services import RiskInput

MAX_UPLOAD = 5 * 1024 * 1024


class _LeaderChoice(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        position = obj.person.position if obj.person else ""
        return f"{obj.display_name}（{position}）" if position else obj.display_name


def _people_fields(form: forms.Form, unit: Unit | None, user: User, *, leader_required: bool) -> None:
    home = unit.leadership_unit() if unit else None
    form.fields["leader"] = _LeaderChoice(
        label="责任领导",
        required=leader_required,
        queryset=leaders_of(home) if home else User.objects.none(),
        help_text="班子成员（分管该岗位或科室的领导）。",
    )
    form.fields["dept_head"] = PersonChoiceField(
        label="科室负责人",
        required=False,
        help_text="从该单位/科室的干部名册中选择。",
    )
    people = Scope(user, "org.roster", {"unit": unit.pk}) if unit else Person.objects.none()
    choose_from(form.fields["dept_head"], people)


class RiskForm(StyledForm, forms.Form):
    unit = UnitChoiceField(label="单位/科室", indent=True)
    post = forms.CharField(
        label="岗位（权力事项）", max_length=100, help_text="如：低保审批岗、社保资金拨付审核"
    )
    category = forms.ChoiceField(
        label="风险类别", choices=RiskPoint.Category.choices, initial=RiskPoint.Category.POST
    )
    point = forms.CharField(label="风险点", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    manifestation = forms.CharField(
        label="表现形式", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    level = forms.ChoiceField(
        label="风险等级", choices=RiskPoint.Level.choices, initial=RiskPoint.Level.MEDIUM
    )
    controls = forms.CharField(label="防控措施", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self, *args: Any, units: Any, unit: Unit | None, user: User, complete: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["controls"].required = complete
        _people_fields(self, unit, user, leader_required=complete)

    def to_input(self) -> RiskInput:
        data = self.cleaned_data
        return RiskInput(
            unit=data["unit"],
            post=data["post"],
            point=data["point"],
            level=data["level"],
            category=data["category"],
            manifestation=data["manifestation"],
            controls=data["controls"],
            dept_head=data["dept_head"],
            leader=data["leader"],
        )


def initial_for(row: RiskPoint) -> dict[str, Any]:
    names = ("unit", "post", "category", "point", "manifestation", "level", "controls", "dept_head", "leader")
    return {name: getattr(row, name) for name in names}


class ConfirmForm(StyledForm, forms.Form):
    controls = forms.CharField(label="本单位的防控措施", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, unit: Unit, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _people_fields(self, unit, user, leader_required=True)


class ReasonForm(StyledForm, forms.Form):
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ControlsForm(StyledForm, forms.Form):
    controls = forms.CharField(label="完善后的防控措施", widget=forms.Textarea(attrs={"rows": 3}))


class PushForm(StyledForm, forms.Form):
    units = UnitMultipleChoiceField(label="推送至同领域单位", widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class FlagForm(StyledForm, forms.Form):
    case = forms.ModelChoiceField(label="新发案例", queryset=Case.objects.none())

    def __init__(self, *args: Any, cases: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = lambda c: case_title(c, user)  # type: ignore[attr-defined]


class ImportForm(StyledForm, forms.Form):
    unit = UnitChoiceField(label="导入到（单位）", indent=True)
    file = forms.FileField(
        label="风险防控台账（.xlsx）", help_text="使用导出的台账或空白模板；任一行有误则全部不导入。"
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(f"文件过大，上限 {MAX_UPLOAD // 1048576} MB。")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 Excel（.xlsx）文件。")
        return upload


class ScreeningForm(StyledForm, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    due_date = forms.DateField(label="完成时限", widget=DateInput())
    units = UnitMultipleChoiceField(label="排查单位", widget=forms.SelectMultiple(attrs={"size": 10}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
