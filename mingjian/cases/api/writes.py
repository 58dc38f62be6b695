"""API writes for cases, analyses, 监督发现 and 建议书 drafts — each the page's action as its own
operation, calling the page's service. Ids in a body resolve only among what the caller may
choose on the page (an id outside that answers exactly like a missing one); a refused
capability is a 404, a rule of the workflow a 409 with its Chinese reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from rest_framework import serializers

from mingjian.cases import prefill, services
from mingjian.cases.api.reads import CaseSerializer
from mingjian.cases.forms import MAX_UPLOAD, PersonForm, RecommendationPolicyForm
from mingjian.cases.models import (
    AccountabilityMethod,
    ApprovalStepKind,
    Case,
    CaseAnalysis,
    CaseLevel,
    CauseItem,
    FirstFormMeasure,
    Form,
    GovtSanction,
    IntegrityRisk,
    OrgHandling,
    PartySanction,
    Recommendation,
    RecommendationItem,
    RecommendationPolicy,
    SupervisionFinding,
    ViolationType,
)
from mingjian.cases.notice import NoticeSourceError, check_length, extract_text, is_notice, parse_notices
from mingjian.cases.permissions import issuers_for
from mingjian.lib.api import ModelSerializer, ScopedPk, caller, check_with_form
from mingjian.org import permissions
from mingjian.org.models import Unit, User

# ---- what a caller may choose ------------------------------------------------------------------


def recordable_units(user: Any) -> Any:
    """Units the caller may record cases and 监督发现 for (as on the import page)."""
    return Unit.objects.in_scope(user, permissions.SUPERVISING_ROLES).filter(is_active=True)


def _recordable(context: dict[str, Any]) -> Any:
    return recordable_units(caller(context))


def _issuers(context: dict[str, Any]) -> Any:
    return Unit.objects.filter(pk__in=[u.pk for u in issuers_for(caller(context))])


def _extend_candidates(context: dict[str, Any]) -> Any:
    """类案延伸: units of the case's field in the caller's scope (as in the analysis editor)."""
    case: Case = context["object"]
    units = Unit.objects.in_scope(caller(context)).same_field(case.unit)
    return units.exclude(kind=Unit.Kind.DEPARTMENT)


def _choices(values: Any) -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=values), required=False, default=list)


# ---- 通报 → cases -------------------------------------------------------------------------------


class NoticeParseInput(serializers.Serializer[Any]):
    text = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    file = serializers.FileField(required=False, help_text="或上传 .txt / .docx（5 MB 以内）")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        upload = data.get("file")
        try:
            if upload is not None:
                if upload.size > MAX_UPLOAD:
                    raise NoticeSourceError(f"文件过大（{upload.size // 1024} KB），上限为 5 MB。")
                data["text"] = extract_text(upload.read(), upload.name, max_bytes=MAX_UPLOAD)
            elif not data["text"].strip():
                raise serializers.ValidationError({"text": "请粘贴通报文本或上传 .txt / .docx 文件。"})
            else:
                check_length(data["text"])
        except NoticeSourceError as e:
            raise serializers.ValidationError({"file" if upload else "text": str(e)}) from None
        return data


class PersonRowSerializer(serializers.Serializer[Any]):
    """One person (or 党组织) of a case, in the stored values; checked by the confirm page's own
    row form (e.g. a 党组织 takes no 党纪/政务处分; 问责方式 fit the target)."""

    name = serializers.CharField(max_length=50, allow_blank=True)
    is_organization = serializers.BooleanField(default=False)
    unit_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    position = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    level = serializers.ChoiceField(choices=CaseLevel.choices, default=CaseLevel.UNKNOWN)
    party_sanction = serializers.ChoiceField(
        choices=PartySanction.choices, required=False, allow_blank=True, default=""
    )
    party_sanction_detail = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    govt_sanction = serializers.ChoiceField(
        choices=GovtSanction.choices, required=False, allow_blank=True, default=""
    )
    proposed_sanctions = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    first_form_measures = _choices(FirstFormMeasure.choices)
    org_handling = _choices(OrgHandling.choices)
    accountability_methods = _choices(AccountabilityMethod.choices)
    handling_note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    transferred = serializers.BooleanField(default=False)
    form_override = serializers.ChoiceField(
        choices=Form.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="四种形态；空为系统判定",
    )


class PersonInput(PersonRowSerializer):
    def validate(self, data: dict[str, Any]) -> Any:
        form = PersonForm(data={k: v for k, v in data.items() if v not in (None, False)})
        if not form.is_valid():
            raise serializers.ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        return form.row()


class ParsedPersonOut(PersonRowSerializer):
    flags = serializers.ListField(child=serializers.CharField(), help_text="须核对的字段")


def _money() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=Decimal(0), required=False, allow_null=True, default=None
    )


class CaseFieldsSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    notice_text = serializers.CharField(help_text="通报原文（本案的段落）")
    violation_notes = serializers.CharField(required=False, allow_blank=True, default="")
    eight_point_rules = serializers.BooleanField(default=False)
    is_accountability = serializers.BooleanField(default=False)
    duty_crimes = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list
    )
    other_measures = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, default=list
    )
    illicit_gains_yuan = _money()
    loss_yuan = _money()
    recovered_yuan = _money()


class ParsedCaseOut(CaseFieldsSerializer):
    """One case as the parser read it, for the clerk to check before saving (nothing stored)."""

    unit = serializers.IntegerField(allow_null=True, help_text="匹配到的发案单位；空则须选择")
    persons = ParsedPersonOut(many=True)
    violation_types = serializers.ListField(child=serializers.IntegerField())
    inferred_disciplines = serializers.ListField(child=serializers.CharField())
    amounts_found = serializers.ListField(child=serializers.DecimalField(max_digits=16, decimal_places=2))
    flags = serializers.ListField(child=serializers.CharField(), help_text="须核对的字段")


class NoticeParseOut(serializers.Serializer[Any]):
    cases = ParsedCaseOut(many=True)


def _split(value: str) -> list[str]:
    return [x for x in value.split(prefill.LIST_SEPARATOR) if x]


def _parsed(initial: dict[str, Any], flags: set[str]) -> dict[str, Any]:
    persons = [{**p, "flags": sorted(p.get("flags", ()))} for p in initial["persons"]]
    return {
        **initial,
        "persons": persons,
        "duty_crimes": _split(initial["duty_crimes"]),
        "other_measures": _split(initial["other_measures"]),
        "inferred_disciplines": _split(initial["inferred_disciplines"]),
        "amounts_found": [Decimal(str(a)) for a in initial["amounts_found"]],
        "flags": sorted(flags),
    }


def parse_notice(*, by: User, text: str, file: Any = None) -> dict[str, Any]:
    """The import page's first step: the cases found in the text, prefilled, nothing stored."""
    if not permissions.is_supervisor(by):
        raise PermissionDenied
    found = []
    if is_notice(text):
        units, vocabulary = list(recordable_units(by)), list(ViolationType.objects.all())
        for parsed in parse_notices(text):
            initial = prefill.initial_from(parsed, units, vocabulary)
            found.append(_parsed(initial, prefill.flags_for(parsed, initial)))
    return {"cases": found}


class CaseDraftInput(CaseFieldsSerializer):
    unit = ScopedPk(_recordable, "单位", help_text="发案单位")
    persons = PersonInput(many=True, allow_empty=False)
    violation_types = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ViolationType.objects.all(), required=False, default=list
    )
    notice_source = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    notice_date = serializers.DateField(required=False, allow_null=True, default=None)
    filed_on = serializers.DateField(required=False, allow_null=True, default=None)
    closed_on = serializers.DateField(required=False, allow_null=True, default=None)
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    publicity = serializers.ChoiceField(choices=Case.Publicity.choices, default=Case.Publicity.UNIT)

    def validate(self, data: dict[str, Any]) -> services.CaseDraft:
        return services.CaseDraft(**data)


MAX_CASES = 50  # as many as the confirm page takes at once


class CaseImportInput(serializers.Serializer[Any]):
    cases = CaseDraftInput(many=True, allow_empty=False)

    def validate_cases(self, drafts: list[Any]) -> list[Any]:
        if len(drafts) > MAX_CASES:
            raise serializers.ValidationError(f"一次最多保存 {MAX_CASES} 个案例。")
        return drafts


class CaseImportOut(serializers.Serializer[Any]):
    cases = CaseSerializer(many=True)


def import_cases(*, by: User, cases: list[services.CaseDraft]) -> dict[str, Any]:
    return {"cases": services.import_cases(cases, by=by)}


# ---- 案件剖析 -------------------------------------------------------------------------------------


def _lines(max_length: int) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=max_length), required=False, default=list
    )


class CausesInput(serializers.Serializer[Any]):
    ideology = _lines(500)
    supervision = _lines(500)
    main_responsibility = _lines(500)
    supervisory_responsibility = _lines(500)


class RiskInput(serializers.Serializer[Any]):
    post = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=500)
    level = serializers.ChoiceField(choices=IntegrityRisk.Level.choices, default=IntegrityRisk.Level.MEDIUM)

    def validate(self, data: dict[str, Any]) -> services.RiskRow:
        return services.RiskRow(**data)


class LoopholeInput(serializers.Serializer[Any]):
    regulation = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=500)

    def validate(self, data: dict[str, Any]) -> services.LoopholeRow:
        return services.LoopholeRow(**data)


class AnalysisInput(serializers.Serializer[Any]):
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    causes = CausesInput(required=False, default=dict)
    risks = RiskInput(many=True, required=False, default=list)
    loopholes = LoopholeInput(many=True, required=False, default=list)
    extend_to_units = ScopedPk(_extend_candidates, "单位", many=True, required=False, default=list)


def save_analysis(case: Case, *, by: User, causes: dict[str, list[str]], **data: Any) -> CaseAnalysis:
    found = {d: causes.get(d, []) for d in CauseItem.Dimension.values}
    extend_to = data.pop("extend_to_units")
    return services.save_analysis(case, by=by, causes=found, extend_to=list(extend_to), **data)


class AnalysisReturnInput(serializers.Serializer[Any]):
    comment = serializers.CharField(max_length=2000, help_text="退回理由（必填）")


def analyses_in_scope(user: Any) -> Any:
    """A field-wide case is readable by many; its analysis is worked on within its unit's scope."""
    return CaseAnalysis.objects.filter(case__in=Case.objects.in_unit_scope(user))


def cases_in_scope(user: Any) -> Any:
    return Case.objects.in_unit_scope(user)


# ---- 监督发现 and 建议书 drafts ------------------------------------------------------------------


class FindingSerializer(ModelSerializer):
    class Meta:
        model = SupervisionFinding
        fields = ["id", "unit", "source", "title", "facts", "found_on", "recorded_by", "created_at"]
        read_only_fields = fields


class FindingInput(serializers.Serializer[Any]):
    unit = ScopedPk(_recordable, "单位", help_text="涉及单位")
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=SupervisionFinding.Source.choices, default=SupervisionFinding.Source.DAILY
    )
    title = serializers.CharField(max_length=200)
    facts = serializers.CharField()
    found_on = serializers.DateField()


class IssuerInput(serializers.Serializer[Any]):
    issuer = ScopedPk(_issuers, "发文机关", help_text="发文机关（本人所在的纪检监察机关）")


class ItemInput(serializers.Serializer[Any]):
    item_id = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="保留的原有建议事项编号；新增则不填"
    )
    kind = serializers.ChoiceField(
        choices=RecommendationItem.Kind.choices, default=RecommendationItem.Kind.REMEDY
    )
    problem_statement = serializers.CharField(required=False, allow_blank=True, default="")
    text = serializers.CharField(help_text="建议内容")

    def validate(self, data: dict[str, Any]) -> services.ItemRow:
        return services.ItemRow(
            text=data["text"].strip(),
            kind=data["kind"],
            problem_statement=data["problem_statement"].strip(),
            item_id=data["item_id"],
        )


class RecommendationEditInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=Recommendation.Kind.choices)
    title = serializers.CharField(max_length=200)
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    problems = serializers.CharField(required=False, allow_blank=True, default="")
    causes = serializers.CharField(required=False, allow_blank=True, default="")
    reply_days = serializers.IntegerField(min_value=1, max_value=365, help_text="回复期限（日）")
    requirements = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="留空则使用默认的回复与异议要求"
    )
    cc_units = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    items = ItemInput(many=True, allow_empty=False)


def save_recommendation(rec: Any, *, by: User, items: list[services.ItemRow], **fields: Any) -> Any:
    """The editor's fields onto the draft, then the page's service saves both."""
    for name, value in fields.items():
        setattr(rec, name, value)
    return services.save_recommendation(rec, by=by, items=items)


# ---- 建议书审批设置 -------------------------------------------------------------------------------


class RecommendationPolicySerializer(ModelSerializer):
    steps = serializers.ListField(child=serializers.CharField(), read_only=True, help_text="依次签批的环节")

    class Meta:
        model = RecommendationPolicy
        fields = ["issuer", "steps", "reply_days", "objection_days", "objection_suspends"]
        read_only_fields = fields


class RecommendationPolicyInput(serializers.Serializer[Any]):
    """Checked by the settings page's own form (the chain must end with 主要负责人)."""

    steps = serializers.ListField(child=serializers.ChoiceField(choices=ApprovalStepKind.choices))
    reply_days = serializers.IntegerField(help_text="回复期限（日）")
    objection_days = serializers.IntegerField(help_text="异议期限（日）")
    objection_suspends = serializers.BooleanField(default=False, help_text="异议处理期间暂停执行")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        form_data = {k: v for k, v in data.items() if v is not False}
        return check_with_form(RecommendationPolicyForm(data=form_data, instance=RecommendationPolicy()))


def policy_issuer(by: User) -> Unit:
    """The body whose 建议书 the clerk drafts (as on the settings page)."""
    bodies = issuers_for(by)
    if not bodies:
        raise PermissionDenied
    return bodies[-1]


def save_policy(*, by: User, **data: Any) -> RecommendationPolicy:
    return services.save_recommendation_policy(policy_issuer(by), by=by, **data)
