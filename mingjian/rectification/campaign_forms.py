"""Forms of 专项行动 / 专项治理: a new campaign (from a template or blank), its phases, a template's
phases, the 总结. Target units are chosen on a page of their own (views.campaign_pages)."""

from __future__ import annotations

from typing import Any

from django import forms

from mingjian.lib.forms import DateInput, StyledForm
from mingjian.rectification.models import Campaign, CampaignTemplate
from mingjian.rectification.services import PhaseInput, TemplatePhaseInput


class NewCampaignForm(StyledForm, forms.ModelForm[Campaign]):
    template = forms.ModelChoiceField(
        label="模板",
        queryset=CampaignTemplate.objects.none(),
        required=False,
        empty_label="不用模板（创建后自行设置阶段）",
        help_text="选用模板时，类别、领域、工作要求和各阶段按模板生成，结束日期可不填（按模板时长计算）；创建后均可修改。",
    )

    class Meta:
        model = Campaign
        fields = ["template", "name", "kind", "field", "start_date", "end_date", "description"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        self.fields["kind"].required = False  # a template sets it; otherwise 专项治理

    def clean_kind(self) -> str:
        return str(self.cleaned_data.get("kind") or Campaign.Kind.GOVERNANCE)


class PhaseRowForm(StyledForm, forms.Form):
    name = forms.CharField(label="阶段", max_length=30, required=False)
    start_date = forms.DateField(label="开始日期", required=False, widget=DateInput())
    end_date = forms.DateField(label="结束日期", required=False, widget=DateInput())
    requirement = forms.CharField(label="工作要求", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get(k) for k in ("name", "start_date", "end_date", "requirement")]
        if any(filled) and not all(filled):
            raise forms.ValidationError("请填写阶段名称、起止日期和工作要求（整行留空则不保存）。")
        return data

    def phase(self) -> PhaseInput | None:
        d = self.cleaned_data
        if not d.get("name") or self.cleaned_data.get("DELETE"):
            return None
        return PhaseInput(d["name"], d["start_date"], d["end_date"], d["requirement"])


PhaseFormSet = forms.formset_factory(PhaseRowForm, extra=2, can_delete=True, max_num=30, absolute_max=30)


class TemplateForm(StyledForm, forms.ModelForm[CampaignTemplate]):
    class Meta:
        model = CampaignTemplate
        fields = ["name", "kind", "field", "days", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TemplatePhaseRowForm(StyledForm, forms.Form):
    name = forms.CharField(label="阶段", max_length=30, required=False)
    start_day = forms.IntegerField(label="第几天开始", min_value=1, max_value=730, required=False)
    end_day = forms.IntegerField(label="第几天结束", min_value=1, max_value=730, required=False)
    requirement = forms.CharField(label="工作要求", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get(k) for k in ("name", "start_day", "end_day", "requirement")]
        if any(filled) and not all(filled):
            raise forms.ValidationError("请填写阶段名称、起止天数和工作要求（整行留空则不保存）。")
        return data

    def phase(self) -> TemplatePhaseInput | None:
        d = self.cleaned_data
        if not d.get("name") or d.get("DELETE"):
            return None
        return TemplatePhaseInput(d["name"], d["start_day"], d["end_day"], d["requirement"])


TemplatePhaseFormSet = forms.formset_factory(
    TemplatePhaseRowForm, extra=2, can_delete=True, max_num=30, absolute_max=30
)


class ConcludeForm(StyledForm, forms.Form):
    report_to = forms.CharField(label="主送机关", max_length=100)
    conclusion = forms.CharField(
        label="下一步工作（可不填）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写入总结报告最后一部分；报告其余内容均由数据生成。",
    )
