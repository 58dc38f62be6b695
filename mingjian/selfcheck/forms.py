"""Forms: the push (units, 时限, 要求) and one 自查表 row (是否存在, 具体表现, 整改措施, 检查范围 …)."""

from __future__ import annotations

from typing import Any

from django import forms

from mingjian.lib.forms import DateInput, StyledForm
from mingjian.org.models import User
from mingjian.org.picker import PersonChoiceField, UnitMultipleChoiceField, choose_from
from mingjian.selfcheck.models import ChecklistRow
from mingjian.selfcheck.services import RowAnswer


class PushForm(StyledForm, forms.Form):
    units = UnitMultipleChoiceField(label="自查单位", widget=forms.CheckboxSelectMultiple)
    due_date = forms.DateField(label="自查报送时限", widget=DateInput())
    note = forms.CharField(
        label="自查要求（可不填）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="自查表按本案剖析的廉政风险点和制度漏洞逐条生成，无需另行列出。",
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class RowForm(StyledForm, forms.Form):
    answer = forms.ChoiceField(
        label="是否存在",
        required=False,
        choices=ChecklistRow.Answer.choices,
        widget=forms.RadioSelect,
    )
    manifestation = forms.CharField(
        label="具体表现", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measure = forms.CharField(label="整改措施", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    scope_checked = forms.CharField(
        label="检查范围（不存在时必填）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_date = forms.DateField(label="完成时限", required=False, widget=DateInput())
    leader = forms.ModelChoiceField(label="责任领导", queryset=User.objects.none(), required=False)
    person = PersonChoiceField(label="责任人", required=False)

    def __init__(self, *args: Any, row: ChecklistRow, leaders: Any, people: Any, **kwargs: Any) -> None:
        initial = {
            name: getattr(row, name)
            for name in ("answer", "manifestation", "measure", "scope_checked", "due_date")
        }
        initial |= {"leader": row.leader_id, "person": row.person_id}
        super().__init__(*args, prefix=f"r{row.pk}", initial=initial, **kwargs)
        self.row = row
        self.fields["leader"].queryset = leaders  # type: ignore[attr-defined]
        choose_from(self.fields["person"], people)

    def to_answer(self) -> RowAnswer:
        return RowAnswer(row=self.row, **self.cleaned_data)


class ReviewForm(StyledForm, forms.Form):
    comment = forms.CharField(
        label="审核意见或退回理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
