from __future__ import annotations

from typing import Any

from django import forms

from mingjian.lib.forms import DateInput, StyledForm


class DayForm(StyledForm, forms.Form):
    date = forms.DateField(label="日期", widget=DateInput())
    is_workday = forms.TypedChoiceField(
        label="当天",
        choices=[("0", "休息（节假日）"), ("1", "上班（调休工作日）")],
        coerce=lambda v: v == "1",
    )
    name = forms.CharField(
        label="名称", max_length=50, required=False, help_text="如“春节”“国庆节调休上班”。"
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        if day.year != self.year:
            raise forms.ValidationError(f"请选择 {self.year} 年内的日期。")
        return day


class ClearForm(forms.Form):
    date = forms.DateField()


class ConfirmForm(StyledForm, forms.Form):
    note = forms.CharField(
        label="依据", max_length=200, required=False, help_text="如国务院办公厅通知的文号。"
    )
