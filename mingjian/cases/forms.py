from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from django import forms

from mingjian.cases.models import (
    AccountabilityMethod,
    ApprovalStepKind,
    Case,
    CaseLevel,
    CasePerson,
    Discipline,
    FirstFormMeasure,
    Form,
    GovtSanction,
    OrgHandling,
    PartySanction,
    Recommendation,
    RecommendationItem,
    RecommendationPolicy,
    SupervisionFinding,
    ViolationType,
    date_errors,
    derive_form,
    yuan_text,
)
from mingjian.cases.models.case import list_value_errors
from mingjian.cases.prefill import GOVT_BY_LABEL, LIST_SEPARATOR, PARTY_BY_LABEL
from mingjian.cases.services import LoopholeRow, PersonRow, RiskRow
from mingjian.lib.forms import DateInput, StyledForm
from mingjian.org.models import Field, Unit, User
from mingjian.org.picker import UnitChoiceField, UnitMultipleChoiceField, choose_from

MAX_UPLOAD = 5 * 1024 * 1024
_LIST_SPLIT = re.compile(r"[、，,;；\s]+")


class NoticeSourceForm(StyledForm, forms.Form):
    text = forms.CharField(
        label="通报文本",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="粘贴通报全文；一篇通报列举多起问题时将拆分为多个案例。",
    )
    file = forms.FileField(label="或上传文件（.txt / .docx，5 MB 以内）", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError("请粘贴通报文本或上传 .txt / .docx 文件。")
        return data


def _split_list(value: str) -> list[str]:
    return [x for x in _LIST_SPLIT.split(value or "") if x]


def _checkboxes(label: str, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


def _flag_set(value: Any) -> set[str]:
    if isinstance(value, set | list | tuple):
        return set(value)
    return {x for x in str(value or "").split(",") if x}


class PersonForm(StyledForm, forms.Form):
    """One row of the confirm page: a person (or a 党组织 in a 问责 case) and what they received."""

    name = forms.CharField(label="姓名", max_length=50, required=False)
    is_organization = forms.BooleanField(label="党组织", required=False)
    unit_name = forms.CharField(label="所在单位", max_length=200, required=False)
    position = forms.CharField(label="职务", max_length=200, required=False)
    level = forms.ChoiceField(label="职级", choices=CaseLevel.choices, initial=CaseLevel.UNKNOWN)
    party_sanction = forms.ChoiceField(
        label="党纪处分", choices=[("", "无"), *PartySanction.choices], required=False
    )
    party_sanction_detail = forms.CharField(label="党纪处分说明", max_length=50, required=False)
    govt_sanction = forms.ChoiceField(
        label="政务处分", choices=[("", "无"), *GovtSanction.choices], required=False
    )
    proposed_sanctions = forms.CharField(
        label="拟处理意见", max_length=200, required=False, help_text="通报所载“拟给予……”，不是处分决定"
    )
    first_form_measures = _checkboxes("第一种形态措施", FirstFormMeasure.choices)
    org_handling = _checkboxes("组织处理", OrgHandling.choices)
    accountability_methods = _checkboxes("问责方式", AccountabilityMethod.choices)
    handling_note = forms.CharField(label="处理说明", max_length=200, required=False)
    transferred = forms.BooleanField(label="移送检察机关", required=False)
    form_override = forms.TypedChoiceField(
        label="四种形态",
        choices=[("", "按系统判定"), *Form.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    flags = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Not `self.flags`: a template reads form.flags as the hidden field of that name.
        self.to_check = _flag_set(self["flags"].value())
        self.fields["name"].widget.attrs["data-testid"] = "person-name"
        if "name" in self.to_check:
            self.fields["name"].widget.attrs["placeholder"] = "通报未载明姓名，请填写"

    def clean_flags(self) -> str:
        return ",".join(sorted(_flag_set(self.cleaned_data.get("flags"))))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name"):
            self.add_error("name", "请填写姓名（通报未载明的，不能由系统推测）。")
        if data.get("is_organization") and (data.get("party_sanction") or data.get("govt_sanction")):
            self.add_error("party_sanction", "党组织不受党纪、政务处分；对党组织问责请选“检查、通报、改组”。")
        probe = CasePerson(**{k: data.get(k) for k in _LIST_CHECKED if k in data})
        for name, message in list_value_errors(probe).items():
            self.add_error(name, message)
        return data

    def is_blank(self) -> bool:
        """The spare row for a person the parser missed, untouched (shown folded)."""
        return not self.initial and not (self.is_bound and self.has_changed())

    def derived_form(self) -> str:
        """系统判定 for this row, from what is typed (or the parser's reading before a submit)."""
        source = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else self.initial
        if source.get("is_organization"):
            return "不计入"
        value = derive_form(**{k: source.get(k) or _EMPTY[k] for k in _EMPTY})
        return Form(value).label if value else "无法判定"

    def row(self) -> PersonRow:
        data = self.cleaned_data
        return PersonRow(**{k: data[k] for k in _ROW_FIELDS})


_LIST_CHECKED = (
    "is_organization",
    "first_form_measures",
    "org_handling",
    "accountability_methods",
    "form_override",
)
_EMPTY: dict[str, Any] = {
    "party_sanction": "",
    "govt_sanction": "",
    "first_form_measures": [],
    "org_handling": [],
    "accountability_methods": [],
    "transferred": False,
}
_ROW_FIELDS = tuple(f for f in PersonForm.base_fields if f != "flags")


class BasePersonFormSet(forms.BaseFormSet[PersonForm]):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.rows():
            raise forms.ValidationError("至少填写一名涉案人员。")

    def rows(self) -> list[PersonRow]:
        """The persons to save: every parsed row and any filled spare row, minus deleted ones."""
        return [
            f.row()
            for i, f in enumerate(self.forms)
            if (i < self.initial_form_count() or f.has_changed())
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("name")
        ]


PersonFormSet = cast(
    "type[BasePersonFormSet]",
    forms.formset_factory(PersonForm, formset=BasePersonFormSet, extra=1, can_delete=True),
)


class CaseConfirmForm(StyledForm, forms.Form):
    title = forms.CharField(label="案例标题", max_length=200)
    unit = UnitChoiceField(label="发案单位")
    violation_types = forms.ModelMultipleChoiceField(
        label="违纪行为（六项纪律）",
        queryset=ViolationType.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    keep_inferred = forms.MultipleChoiceField(
        label="推断的纪律",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="通报未写明，系根据行为推断（如形式主义、官僚主义 → 工作纪律）；取消勾选则不保留该纪律下的违纪行为",
    )
    violation_notes = forms.CharField(
        label="违纪事实摘要", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    eight_point_rules = forms.BooleanField(label="违反中央八项规定精神", required=False)
    is_accountability = forms.BooleanField(label="问责案件（《中国共产党问责条例》）", required=False)
    duty_crimes = forms.CharField(label="涉嫌职务犯罪", required=False, help_text="以“、”分隔")
    other_measures = forms.CharField(
        label="其他措施", required=False, help_text="如：收缴违纪所得、责令退赔、取消待遇（以“、”分隔）"
    )
    illicit_gains_yuan = forms.DecimalField(
        label="违纪违法所得（元）", required=False, max_digits=16, decimal_places=2, min_value=0
    )
    loss_yuan = forms.DecimalField(
        label="造成损失（元）",
        required=False,
        max_digits=16,
        decimal_places=2,
        min_value=0,
        help_text="如：违规发放的低保资金",
    )
    recovered_yuan = forms.DecimalField(
        label="收缴/追缴/退赔（元）", required=False, max_digits=16, decimal_places=2, min_value=0
    )
    notice_source = forms.CharField(label="通报来源", required=False, max_length=100)
    notice_date = forms.DateField(label="通报日期", required=False, widget=DateInput())
    filed_on = forms.DateField(label="立案日期", required=False, widget=DateInput())
    closed_on = forms.DateField(label="审结日期", required=False, widget=DateInput())
    decided_on = forms.DateField(label="处分决定日期", required=False, widget=DateInput())
    publicity = forms.ChoiceField(
        label="公开范围", choices=Case.Publicity.choices, initial=Case.Publicity.UNIT
    )
    notice_text = forms.CharField(widget=forms.HiddenInput)
    inferred_disciplines = forms.CharField(widget=forms.HiddenInput, required=False)
    amounts_found = forms.CharField(widget=forms.HiddenInput, required=False)
    flags = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: Any, flags: set[str] | None = None, **kwargs: Any) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        persons = initial.pop("persons", [])
        persons = [{**p, "flags": ",".join(sorted(p.get("flags", ())))} for p in persons]
        if flags is not None:
            initial["flags"] = ",".join(sorted(flags))
        if isinstance(initial.get("amounts_found"), list):
            initial["amounts_found"] = LIST_SEPARATOR.join(
                yuan_text(Decimal(str(a))) for a in initial["amounts_found"]
            )
        super().__init__(*args, initial=initial, **kwargs)
        choose_from(self.fields["unit"], units)
        self.to_check = _flag_set(self["flags"].value())
        self.inferred = _split_list(self["inferred_disciplines"].value())
        self.fields["keep_inferred"].choices = [  # type: ignore[attr-defined]
            (d, Discipline(d).label) for d in self.inferred if d in Discipline.values
        ]
        data = args[0] if args else kwargs.get("data")
        self.persons = PersonFormSet(data, prefix=f"{self.prefix}-p", initial=persons or None)

    def is_valid(self) -> bool:
        case_valid = super().is_valid()
        return self.persons.is_valid() and case_valid

    def clean_flags(self) -> str:
        return ",".join(sorted(_flag_set(self.cleaned_data.get("flags"))))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("duty_crimes", "other_measures"):
            data[key] = _split_list(data.get(key, ""))
        for name, message in date_errors(
            data.get("filed_on"), data.get("closed_on"), data.get("decided_on")
        ).items():
            self.add_error(name, message)
        dropped = set(self.inferred) - set(data.get("keep_inferred") or [])
        data["violation_types"] = [
            v for v in data.get("violation_types") or [] if v.discipline not in dropped
        ]
        return data


class CaseFilterForm(StyledForm, forms.Form):
    discipline = forms.ChoiceField(label="纪律", required=False, choices=[("", "全部"), *Discipline.choices])
    sanction = forms.ChoiceField(
        label="处分",
        required=False,
        choices=[
            ("", "全部"),
            *[(f"party:{v}", f"党纪·{label}") for label, v in PARTY_BY_LABEL.items()],
            *[(f"govt:{v}", f"政务·{label}") for label, v in GOVT_BY_LABEL.items()],
        ],
    )
    form = forms.TypedChoiceField(
        label="四种形态", required=False, choices=[("", "全部"), *Form.choices], coerce=int, empty_value=None
    )
    accountability = forms.BooleanField(label="仅问责案件", required=False)
    level = forms.ChoiceField(label="职级", required=False, choices=[("", "全部"), *CaseLevel.choices])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    unit = UnitChoiceField(label="单位", required=False)
    field = forms.ChoiceField(label="领域", required=False)
    q = forms.CharField(label="关键词", required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["unit"], units)
        self.fields["field"].choices = [("", "全部"), *Field.choices]  # type: ignore[attr-defined]


# ---- 案件剖析 --------------------------------------------------------------------------------

_LEVEL_MARK = re.compile(r"^[【\[](高|中|低)[】\]]\s*")
_LEVELS = {"高": "high", "中": "medium", "低": "low"}


def _lines(value: str) -> list[str]:
    return [line.strip(" \t-·•") for line in (value or "").splitlines() if line.strip(" \t-·•")]


def _head_and_body(line: str) -> tuple[str, str]:
    head, sep, body = line.partition("：")
    return (head.strip(), body.strip()) if sep and body.strip() else ("", line)


class AnalysisForm(StyledForm, forms.Form):
    """Each dimension is typed as a list, one item per line; every line becomes its own record."""

    summary = forms.CharField(label="剖析结论", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    ideology = forms.CharField(label="思想根源", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    risks = forms.CharField(
        label="权力运行 / 廉政风险点",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一个：岗位或权力事项：风险描述；可在行首标注【高】【中】【低】",
    )
    loopholes = forms.CharField(
        label="制度漏洞",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一个：制度名称：漏洞描述（制度缺失则只写描述）",
    )
    supervision = forms.CharField(label="监督缺位", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    main_responsibility = forms.CharField(
        label="主体责任落实", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    supervisory_responsibility = forms.CharField(
        label="监督责任落实", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    extend_to_units = UnitMultipleChoiceField(
        label="类案延伸单位（同领域）",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["extend_to_units"], units)

    def cleaned_causes(self) -> dict[str, list[str]]:
        keys = ("ideology", "supervision", "main_responsibility", "supervisory_responsibility")
        return {k: _lines(self.cleaned_data[k]) for k in keys}

    def cleaned_risks(self) -> list[Any]:
        rows = []
        for line in _lines(self.cleaned_data["risks"]):
            mark = _LEVEL_MARK.match(line)
            level = _LEVELS[mark.group(1)] if mark else "medium"
            post, text = _head_and_body(line[mark.end() :] if mark else line)
            rows.append(RiskRow(description=text[:500], post=post[:100], level=level))
        return rows

    def cleaned_loopholes(self) -> list[Any]:
        rows = []
        for line in _lines(self.cleaned_data["loopholes"]):
            regulation, text = _head_and_body(line)
            rows.append(LoopholeRow(description=text[:500], regulation=regulation.strip("《》")[:200]))
        return rows


def analysis_initial(analysis: Any) -> dict[str, Any]:
    """The editor's text from the stored records (the inverse of the cleaned_* readers)."""
    if analysis is None:
        return {}
    initial: dict[str, Any] = {
        "summary": analysis.summary,
        "extend_to_units": list(analysis.extend_to_units.values_list("pk", flat=True)),
    }
    for cause in analysis.causes.all():
        initial[cause.dimension] = initial.get(cause.dimension, "") + cause.text + "\n"
    level_mark = {"high": "【高】", "low": "【低】"}
    initial["risks"] = "\n".join(f"{level_mark.get(r.level, '')}{r}" for r in analysis.risks.all())
    initial["loopholes"] = "\n".join(str(h) for h in analysis.loopholes.all())
    return initial


class CommentForm(StyledForm, forms.Form):
    comment = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


# ---- 纪检监察建议书 -----------------------------------------------------------------------------


class RecommendationForm(StyledForm, forms.ModelForm[Recommendation]):
    class Meta:
        model = Recommendation
        fields = ["kind", "title", "facts", "problems", "causes", "reply_days", "requirements", "cc_units"]
        widgets = {
            "facts": forms.Textarea(attrs={"rows": 4}),
            "problems": forms.Textarea(attrs={"rows": 4}),
            "causes": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"requirements": "留空则使用默认的回复与异议要求"}

    def clean_reply_days(self) -> int:
        days: int = self.cleaned_data["reply_days"]
        if not 1 <= days <= 365:  # noqa: PLR2004
            raise forms.ValidationError("回复期限应在 1 至 365 日之间。")
        return days


class ItemForm(StyledForm, forms.Form):
    """One 建议 row of the editor; a row with no text is dropped."""

    item_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label="类别", choices=RecommendationItem.Kind.choices, initial=RecommendationItem.Kind.REMEDY
    )
    problem_statement = forms.CharField(
        label="针对的问题",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="剖析发现的问题；由风险点或制度漏洞生成的建议可留空",
    )
    text = forms.CharField(label="建议内容", required=False, widget=forms.Textarea(attrs={"rows": 2}))


ITEM_SPARE_ROWS = 2


def item_forms(data: Any, rec: Recommendation) -> list[ItemForm]:
    items = list(rec.items.all())
    forms_ = [
        ItemForm(
            data,
            prefix=f"item{n}",
            initial={
                "item_id": i.pk,
                "kind": i.kind,
                "problem_statement": i.problem_statement,
                "text": i.text,
            },
        )
        for n, i in enumerate(items)
    ]
    forms_ += [ItemForm(data, prefix=f"item{len(items) + n}") for n in range(ITEM_SPARE_ROWS)]
    return forms_


class IssueForm(StyledForm, forms.Form):
    served_on = forms.DateField(label="送达日期", widget=DateInput())
    served_to_user = forms.ModelChoiceField(
        label="签收人", queryset=User.objects.none(), required=False, help_text="主送单位有账号的人员"
    )
    served_to = forms.CharField(
        label="或填写签收人", max_length=50, required=False, help_text="签收人没有账号时填写"
    )

    def __init__(self, *args: Any, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if unit is not None:
            accounts = User.objects.filter(unit__path__startswith=unit.path, is_active=True).order_by(
                "username"
            )
            self.fields["served_to_user"].queryset = accounts  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("served_to_user") and not (data.get("served_to") or "").strip():
            raise forms.ValidationError("请选择或填写签收人。")
        return data


class RecommendationPolicyForm(StyledForm, forms.ModelForm[RecommendationPolicy]):
    steps = forms.MultipleChoiceField(
        label="审批流程（依次签批）",
        choices=ApprovalStepKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="按承办部门负责人、分管领导、主要负责人的顺序依次签批",
    )

    class Meta:
        model = RecommendationPolicy
        fields = ["reply_days", "objection_days", "objection_suspends"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["steps"].initial = self.instance.steps

    def clean_steps(self) -> list[str]:
        chosen = set(self.cleaned_data["steps"])
        if ApprovalStepKind.PRINCIPAL not in chosen:
            raise forms.ValidationError("审批流程须包括主要负责人签批。")
        return [k for k, _ in ApprovalStepKind.choices if k in chosen]


class FindingForm(StyledForm, forms.ModelForm[SupervisionFinding]):
    unit = UnitChoiceField(label="涉及单位")

    class Meta:
        model = SupervisionFinding
        fields = ["unit", "source", "title", "facts", "found_on"]
        widgets = {"facts": forms.Textarea(attrs={"rows": 5}), "found_on": DateInput()}

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["unit"], units)
