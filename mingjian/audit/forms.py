"""The audit viewer's filter form."""

from __future__ import annotations

from typing import Any

from django import forms

from mingjian.audit.labels import ACTION_LABELS
from mingjian.audit.models import AUDIT_ROLES
from mingjian.lib.forms import DateInput, StyledForm
from mingjian.org.models import Unit, unit_scope_q
from mingjian.org.picker import UnitChoiceField


class AuditFilterForm(StyledForm, forms.Form):
    actor = forms.CharField(label="操作人", required=False)
    action = forms.ChoiceField(label="操作", required=False)
    unit = UnitChoiceField(label="单位", queryset=Unit.objects.all(), required=False)
    date_from = forms.DateField(label="起始日期", required=False, widget=DateInput())
    date_to = forms.DateField(label="截止日期", required=False, widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            unit_scope_q(user, roles=AUDIT_ROLES, prefix="")
        )
        choices = sorted(ACTION_LABELS.items(), key=lambda kv: kv[0])
        self.fields["action"].choices = [("", "全部"), *[(k, f"{v}（{k}）") for k, v in choices]]  # type: ignore[attr-defined]
