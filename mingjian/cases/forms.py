from __future__ import annotations

import re
from typing import Any

from django import forms

from mingjian.cases.importing import GOVT_BY_LABEL, PARTY_BY_LABEL
from mingjian.cases.models import Case, CaseLevel, Discipline, ViolationType
from mingjian.cases.services import PersonRow
from mingjian.lib.forms import StyledForm
from mingjian.org.models import Unit

MAX_UPLOAD = 5 * 1024 * 1024
_SPLIT = re.compile(r"[，,|\t]")
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


def parse_person_lines(value: str) -> list[PersonRow]:
    rows, errors = [], []
    for number, line in enumerate((x.strip() for x in value.splitlines()), 1):
        if not line:
            continue
        parts = [p.strip() for p in _SPLIT.split(line)] + ["", "", ""]
        name, position, party, govt = parts[:4]
        if not name:
            errors.append(f"第 {number} 行缺少姓名")
        if party and party not in PARTY_BY_LABEL:
            errors.append(f"第 {number} 行党纪处分“{party}”不是规定种类（{'、'.join(PARTY_BY_LABEL)}）")
        if govt and govt not in GOVT_BY_LABEL:
            errors.append(f"第 {number} 行政务处分“{govt}”不是规定种类（{'、'.join(GOVT_BY_LABEL)}）")
        rows.append(
            PersonRow(
                name=name,
                position=position,
                party_sanction=PARTY_BY_LABEL.get(party, ""),
                govt_sanction=GOVT_BY_LABEL.get(govt, ""),
            )
        )
    if errors:
        raise forms.ValidationError(errors)
    if not rows:
        raise forms.ValidationError("至少填写一名涉案人员。")
    return rows


def _split_list(value: str) -> list[str]:
    return [x for x in _LIST_SPLIT.split(value or "") if x]


class CaseConfirmForm(StyledForm, forms.Form):
    title = forms.CharField(label="案例标题", max_length=200)
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label="发案单位", queryset=Unit.objects.none()
    )
    persons_text = forms.CharField(
        label="涉案人员",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一人：姓名，职务，党纪处分，政务处分（无处分留空）",
    )
    level = forms.ChoiceField(label="职级", choices=CaseLevel.choices)
    violation_types = forms.ModelMultipleChoiceField(
        label="违纪行为（六项纪律）",
        queryset=ViolationType.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    violation_notes = forms.CharField(
        label="违纪事实摘要", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    eight_point_rules = forms.BooleanField(label="违反中央八项规定精神", required=False)
    duty_crimes = forms.CharField(label="涉嫌职务犯罪", required=False, help_text="以“、”分隔")
    org_handling = forms.CharField(label="组织处理", required=False)
    other_measures = forms.CharField(label="其他措施", required=False, help_text="如：收缴违纪所得、取消待遇")
    transferred_to_prosecution = forms.BooleanField(label="移送检察机关依法审查起诉", required=False)
    amount_yuan = forms.DecimalField(
        label="涉案金额（元）", required=False, max_digits=16, decimal_places=2, min_value=0
    )
    notice_source = forms.CharField(label="通报来源", required=False, max_length=100)
    notice_date = forms.DateField(
        label="通报日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    publicity = forms.ChoiceField(
        label="公开范围", choices=Case.Publicity.choices, initial=Case.Publicity.UNIT
    )
    notice_text = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: Any, flags: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.flags = flags or set()

    def clean_persons_text(self) -> list[PersonRow]:
        return parse_person_lines(self.cleaned_data["persons_text"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("duty_crimes", "org_handling", "other_measures"):
            data[key] = _split_list(data.get(key, ""))
        for person in data.get("persons_text") or []:
            person.level = data.get("level", "unknown")
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
    level = forms.ChoiceField(label="职级", required=False, choices=[("", "全部"), *CaseLevel.choices])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label="单位", required=False, queryset=Unit.objects.none()
    )
    field = forms.ChoiceField(label="领域", required=False)
    q = forms.CharField(label="关键词", required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        from mingjian.org.models import Field

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["field"].choices = [("", "全部"), *Field.choices]  # type: ignore[attr-defined]
