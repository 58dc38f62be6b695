"""The case as the 纪委 records it: 四种形态 per person, 审结日期, 问责, controlled measures and
three money fields.

Data: the case-level free-text 组织处理 / 其他措施 become per-person controlled values (诫勉,
批评教育, 谈话提醒, 责令检查, 通报批评 → 第一种形态 measures; 停职检查, 调整职务/调离, 责令辞职, 免职,
降职, 组织处理 → 组织处理; what maps to neither stays as text). The old record did not say which
person a measure was for, so in a case with several persons each gets it. 移送 goes to the only
person, else the one with the heaviest party sanction. ``amount_yuan`` (the largest money figure of
the misconduct) goes to 造成损失 when its own clause in the 通报 says 损失/违规发放, to
收缴/追缴/退赔 when it says so, otherwise to 违纪违法所得. The rules are copied here, not imported,
so this migration keeps doing what it did when the parser changes.
"""

import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import migrations, models

FIRST_FORM = {
    "谈话提醒": "reminder_talk", "提醒谈话": "reminder_talk", "批评教育": "criticism",
    "责令检查": "self_examination", "通报批评": "circulated_criticism", "诫勉": "admonishment",
}
ORG = {
    "停职检查": "suspension", "调整职务": "reassignment", "职务调整": "reassignment",
    "责令辞职": "ordered_resignation", "免职": "removal", "降职": "demotion", "组织处理": "unspecified",
}
ORG_PREFIXES = (("调离", "reassignment"), ("免去", "removal"), ("免职", "removal"), ("诫勉", None))
HEAVY_PARTY = {"removal_from_post", "probation", "expulsion"}
HEAVY_GOVT = {"demotion", "dismissal_from_post", "expulsion"}
PARTY_ORDER = ["", "warning", "serious_warning", "removal_from_post", "probation", "expulsion"]
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(万|亿)?(?:余|多)?元")
_MULT = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}
_LOSS = re.compile(r"损失|违规发放|多发|错发")
_RECOVERED = re.compile(r"收缴|追缴|追回|退赔|退缴|退还|清退|挽回")


def classify(text: str) -> tuple[str, str, str]:
    """(kind, value, note) of one old free-text measure: kind first_form | org | note | other."""
    text = text.strip()
    if text in FIRST_FORM:
        return "first_form", FIRST_FORM[text], ""
    if text in ORG:
        return "org", ORG[text], ""
    if text.startswith("诫勉"):
        return "first_form", "admonishment", ""
    if re.fullmatch(r"责令(?:其)?(?:作出)?(?:书面)?检查", text):
        return "first_form", "self_examination", ""
    for prefix, value in ORG_PREFIXES:
        if value and text.startswith(prefix):
            return "org", value, text if prefix == "调离" else ""
    if text == "引咎辞职":
        return "note", "", text
    return "other", "", text


def derive(p: Any) -> int | None:
    if p.is_organization:
        return None
    if p.transferred:
        return 4
    if p.party_sanction in HEAVY_PARTY or p.govt_sanction in HEAVY_GOVT:
        return 3
    if p.party_sanction or p.govt_sanction or p.org_handling:
        return 2
    return 1 if p.first_form_measures else None


def money_kind(text: str, amount: Decimal) -> str:
    for m in _FIGURE.finditer(text):
        if Decimal(m.group(1)) * _MULT[m.group(2)] != amount:
            continue
        start = max(text.rfind(c, 0, m.start()) for c in "，；。\n") + 1
        end = min([i for i in (text.find(c, m.end()) for c in "，；。\n") if i >= 0] or [len(text)])
        clause = text[start:end]
        if _RECOVERED.search(clause):
            return "recovered_yuan"
        if _LOSS.search(clause):
            return "loss_yuan"
        break
    return "illicit_gains_yuan"


def _move_measures(case: Any, persons: list[Any]) -> None:
    if not persons:  # nobody to attach them to: keep the words
        case.other_measures = list(case.org_handling or []) + list(case.other_measures or [])
        return
    other = []
    for source in ("org_handling", "other_measures"):
        for text in getattr(case, source) or []:
            kind, value, note = classify(str(text))
            if kind == "other":
                other.append(text if source == "other_measures" else note)
                continue
            for p in persons:
                target = p.first_form_measures if kind == "first_form" else p.org_handling
                if value and value not in target:
                    target.append(value)
                if note and note not in p.handling_note:
                    p.handling_note = "、".join(x for x in (p.handling_note, note) if x)[:200]
    case.other_measures = other


def forward(apps: Any, schema_editor: Any) -> None:
    Case = apps.get_model("cases", "Case")
    for case in Case.objects.all():
        persons = list(case.persons.order_by("sort_order", "id"))
        _move_measures(case, persons)
        if case.transferred_to_prosecution and persons:
            max(persons, key=lambda p: PARTY_ORDER.index(p.party_sanction or "")).transferred = True
        if case.amount_yuan is not None:
            setattr(case, money_kind(case.notice_text, case.amount_yuan), case.amount_yuan)
        for p in persons:
            p.form_derived = derive(p)
            p.save(update_fields=["first_form_measures", "org_handling", "handling_note", "transferred", "form_derived"])
        case.save(update_fields=["other_measures", "illicit_gains_yuan", "loss_yuan", "recovered_yuan"])


def backward(apps: Any, schema_editor: Any) -> None:
    Case = apps.get_model("cases", "Case")
    first = {v: k for k, v in FIRST_FORM.items()}
    org = {v: k for k, v in ORG.items()}
    for case in Case.objects.all():
        labels: list[str] = []
        for p in case.persons.all():
            for value in p.org_handling:
                labels.append(org.get(value, value))
            for value in p.first_form_measures:
                labels.append(first.get(value, value))
        case.org_handling = list(dict.fromkeys(labels))
        figures = [x for x in (case.illicit_gains_yuan, case.loss_yuan) if x is not None]
        case.amount_yuan = max(figures) if figures else None
        case.save(update_fields=["org_handling", "amount_yuan"])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_approval_reply_objection'),
        ('org', '0002_unit_doc_code'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='closed_on',
            field=models.DateField(blank=True, null=True, verbose_name='审结日期'),
        ),
        migrations.AddField(
            model_name='case',
            name='illicit_gains_yuan',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name='违纪违法所得（元）'),
        ),
        migrations.AddField(
            model_name='case',
            name='is_accountability',
            field=models.BooleanField(default=False, help_text='依据《中国共产党问责条例》对党组织或领导干部问责', verbose_name='问责案件'),
        ),
        migrations.AddField(
            model_name='case',
            name='loss_yuan',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='如：违规发放的低保资金', max_digits=16, null=True, verbose_name='造成损失（元）'),
        ),
        migrations.AddField(
            model_name='case',
            name='recovered_yuan',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name='收缴/追缴/退赔（元）'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='accountability_methods',
            field=models.JSONField(blank=True, default=list, verbose_name='问责方式'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='first_form_measures',
            field=models.JSONField(blank=True, default=list, verbose_name='第一种形态措施'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='form_derived',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, '第一种形态'), (2, '第二种形态'), (3, '第三种形态'), (4, '第四种形态')], null=True, verbose_name='形态（系统判定）'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='form_override',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, '第一种形态'), (2, '第二种形态'), (3, '第三种形态'), (4, '第四种形态')], help_text='留空则采用系统判定', null=True, verbose_name='形态（人工认定）'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='handling_note',
            field=models.CharField(blank=True, help_text='如：调离纪检监察队伍、引咎辞职', max_length=200, verbose_name='处理说明'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='is_organization',
            field=models.BooleanField(default=False, help_text='问责对象为党组织（检查、通报、改组）', verbose_name='党组织'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='org_handling',
            field=models.JSONField(blank=True, default=list, verbose_name='组织处理'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='proposed_sanctions',
            field=models.CharField(blank=True, help_text='通报所载“拟给予……”，不是处分决定', max_length=200, verbose_name='拟处理意见'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='transferred',
            field=models.BooleanField(default=False, verbose_name='移送检察机关'),
        ),
        migrations.AddField(
            model_name='caseperson',
            name='unit_name',
            field=models.CharField(blank=True, help_text='通报所载单位', max_length=200, verbose_name='所在单位'),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(
            model_name='case',
            name='amount_yuan',
        ),
        migrations.RemoveField(
            model_name='case',
            name='org_handling',
        ),
        migrations.AlterField(
            model_name='case',
            name='other_measures',
            field=models.JSONField(blank=True, default=list, help_text='如：收缴违纪所得、责令退赔、取消待遇', verbose_name='其他措施'),
        ),
        migrations.AlterField(
            model_name='case',
            name='transferred_to_prosecution',
            field=models.BooleanField(default=False, help_text='任一涉案人员被移送即为是', verbose_name='移送检察机关'),
        ),
        migrations.AddConstraint(
            model_name='case',
            constraint=models.CheckConstraint(condition=models.Q(('closed_on__isnull', True), ('filed_on__isnull', True), ('closed_on__gte', models.F('filed_on')), _connector='OR'), name='case_closed_not_before_filed', violation_error_message='审结日期不能早于立案日期。'),
        ),
    ]
