"""The case as the 纪委 records it: 四种形态, dates, 问责, measures, money (invented notices)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mingjian.cases import services
from mingjian.cases.models import Case, CasePerson, Form, derive_form, yuan_text
from mingjian.cases.tests.confirm import confirm_data
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.org.models import Field
from mingjian.org.tests.factories import UnitFactory

UNNAMED = (
    "测试市民政局社会救助资金审核不严问题。2024年，测试市民政局社会救助科在审核临时救助申请中把关不严，"
    "违规发放临时救助资金2.4万元。测试市民政局社会救助科负责人受到组织处理，违规发放的资金已全部追回。"
)
PROPOSED = (
    "测试市财政局原副局长赵立民违规收受礼金问题。2023年春节期间，赵立民收受管理服务对象所送礼金1.2万元。"
    "市纪委监委拟给予赵立民党内警告处分。"
)
ACCOUNTABILITY = (
    "测试市民政局原局长钱文海落实全面从严治党主体责任不力问题。依据《中国共产党问责条例》，"
    "钱文海受到党内警告处分；分管副局长孙丽受到诫勉。"
)


# ---- 四种形态 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "form"),
    [
        ({"first_form_measures": ["admonishment"]}, Form.FIRST),
        ({"first_form_measures": ["reminder_talk", "criticism"]}, Form.FIRST),
        ({"accountability_methods": ["circulation"]}, Form.FIRST),
        ({"party_sanction": "warning"}, Form.SECOND),
        ({"govt_sanction": "major_demerit"}, Form.SECOND),
        ({"org_handling": ["removal"], "first_form_measures": ["admonishment"]}, Form.SECOND),
        ({"org_handling": ["unspecified"]}, Form.SECOND),
        ({"party_sanction": "probation"}, Form.THIRD),
        ({"party_sanction": "warning", "govt_sanction": "dismissal_from_post"}, Form.THIRD),
        ({"party_sanction": "expulsion", "transferred": True}, Form.FOURTH),
        ({}, None),
    ],
)
def test_form_is_derived_from_sanctions_and_measures(outcome: dict[str, Any], form: int | None) -> None:
    assert derive_form(**outcome) == form


def _case(unit: Any, title: str, *people: dict[str, Any]) -> Case:
    case = CaseFactory(unit=unit, title=title)
    for i, person in enumerate(people):
        row = CasePersonFactory.build(
            case=case, name=f"人员{i}", sort_order=i, **{"party_sanction": "", **person}
        )
        row.form_derived = row.derive_form()
        row.save()
    return case


def test_case_form_is_the_heaviest_and_the_override_wins(org: Any) -> None:
    case = _case(
        org.bureau_a,
        "甲案",
        {"party_sanction": "warning"},
        {"first_form_measures": ["admonishment"], "form_override": Form.THIRD},
    )
    first, second = case.persons.all()
    assert (first.form, second.form_derived, second.form) == (Form.SECOND, Form.FIRST, Form.THIRD)
    assert second.form_overridden
    assert case.form == Form.THIRD
    assert Case.objects.with_form().get(pk=case.pk).heaviest_form == Form.THIRD  # type: ignore[attr-defined]


def test_statistics_by_form_count_cases_and_persons(org: Any) -> None:
    _case(org.bureau_a, "一", {"first_form_measures": ["admonishment"]})
    _case(org.bureau_a, "二", {"party_sanction": "warning"}, {"first_form_measures": ["criticism"]})
    _case(org.bureau_a, "三", {"party_sanction": "expulsion", "transferred": True})
    _case(org.bureau_a, "未判定", {})
    cases = Case.objects.all()
    by_case, by_person = cases.counts_by_form()
    assert by_case == {Form.FIRST: 1, Form.SECOND: 1, Form.FOURTH: 1, None: 1}
    assert by_person == {Form.FIRST: 2, Form.SECOND: 1, Form.FOURTH: 1, None: 1}
    assert cases.counts_by_form(total=cases.count()) == (by_case, by_person)


def test_case_list_filters_by_form_and_accountability_and_counts_only_visible(
    client: Client, org: Any
) -> None:
    _case(org.bureau_a, "一案", {"first_form_measures": ["admonishment"]})
    second = _case(org.bureau_a, "二案", {"party_sanction": "warning"})
    Case.objects.filter(pk=second.pk).update(is_accountability=True)
    hidden_unit = UnitFactory(name="外县财政局", parent=org.city, field=Field.FINANCE)
    _case(hidden_unit, "外县案", {"party_sanction": "warning"})
    client.force_login(org.inspector)
    page = client.get(reverse("cases:case-list"), {"form": "2"}).context["page"]
    assert sorted(c.title for c in page) == ["二案", "外县案"]
    page = client.get(reverse("cases:case-list"), {"accountability": "on"}).context["page"]
    assert [c.title for c in page] == ["二案"]
    client.force_login(org.liaison)  # 民政 liaison: sees its own bureau's cases only
    summary = client.get(reverse("cases:case-list")).context["forms_summary"]
    assert summary[0] == ("第一种形态", 1, 1)
    assert summary[1] == ("第二种形态", 1, 1)  # the other county's case is not counted


# ---- the confirm page -------------------------------------------------------------------


def _parse(client: Client, text: str) -> Any:
    return client.post(reverse("cases:case-import"), {"text": text})


def test_unnamed_person_is_shown_by_post_and_must_be_named(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = _parse(client, UNNAMED)
    person = response.context["forms"][0].persons.forms[0]
    assert person.initial["name"] == ""  # never invented
    assert person.initial["unit_name"] == "测试市民政局社会救助科"
    assert "name" in person.to_check
    assert "通报未载明姓名，请填写" in response.content.decode()
    data = confirm_data(response)
    page = client.post(reverse("cases:case-import"), data).content.decode()
    assert "请填写姓名" in page
    assert Case.objects.count() == 0
    data["c0-p-0-name"] = "刘某"
    assert client.post(reverse("cases:case-import"), data).status_code == 302
    saved = CasePerson.objects.get()
    assert (saved.name, saved.org_handling, saved.form) == ("刘某", ["unspecified"], Form.SECOND)
    assert saved.case.loss_yuan == Decimal(24000)


def test_proposed_sanction_is_an_opinion_not_a_sanction(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = _parse(client, PROPOSED)
    person = response.context["forms"][0].persons.forms[0]
    assert (person.initial["party_sanction"], person.initial["proposed_sanctions"]) == ("", "党内警告")
    assert {"party_sanction", "proposed_sanctions", "form_override"} <= person.to_check
    assert "系统判定：<strong>无法判定</strong>" in response.content.decode()
    assert client.post(reverse("cases:case-import"), confirm_data(response)).status_code == 302
    saved = CasePerson.objects.get()
    assert (saved.party_sanction, saved.proposed_sanctions, saved.form) == ("", "党内警告", None)
    page = client.get(saved.case.get_absolute_url()).content.decode()
    assert "拟处理意见：党内警告" in page


def test_inferred_discipline_is_marked_and_dropped_when_unticked(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = _parse(client, PROPOSED)
    form = response.context["forms"][0]
    assert form.inferred == ["integrity"]
    assert "廉洁纪律（推断）" in response.content.decode()
    data = confirm_data(response)
    assert data["c0-keep_inferred"] == ["integrity"]
    del data["c0-keep_inferred"]
    assert client.post(reverse("cases:case-import"), data).status_code == 302
    assert not Case.objects.get().violation_types.filter(discipline="integrity").exists()


def test_inferred_discipline_kept_when_ticked(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = _parse(client, PROPOSED)
    assert client.post(reverse("cases:case-import"), confirm_data(response)).status_code == 302
    assert Case.objects.get().violation_types.filter(discipline="integrity").exists()


def test_closing_before_filing_is_refused_with_its_reason(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    data = confirm_data(_parse(client, PROPOSED))
    data |= {"c0-filed_on": "2024-05-10", "c0-closed_on": "2024-05-01"}
    page = client.post(reverse("cases:case-import"), data).content.decode()
    assert "审结日期不能早于立案日期" in page
    assert Case.objects.count() == 0
    data |= {
        "c0-closed_on": "2024-06-01",
        "c0-decided_on": "2024-06-05",
        "c0-notice_source": "测试市纪委监委通报",
    }
    assert client.post(reverse("cases:case-import"), data).status_code == 302
    case = Case.objects.get()
    assert (case.filed_on, case.closed_on, case.decided_on) == (
        datetime.date(2024, 5, 10),
        datetime.date(2024, 6, 1),
        datetime.date(2024, 6, 5),
    )
    page = client.get(case.get_absolute_url()).content.decode()
    assert "测试市纪委监委通报" in page and "2024-06-01" in page and "2024-05-10" in page


def test_accountability_case_with_methods_per_person(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = _parse(client, ACCOUNTABILITY)
    form = response.context["forms"][0]
    assert form.initial["is_accountability"] is True
    data = confirm_data(response)
    assert data["c0-p-0-accountability_methods"] == ["disciplinary"]
    assert data["c0-p-1-accountability_methods"] == ["admonishment"]
    data["c0-p-1-accountability_methods"] = ["admonishment", "reorganisation"]
    page = client.post(reverse("cases:case-import"), data).content.decode()
    assert "对领导干部问责不适用：改组" in page
    data["c0-p-1-accountability_methods"] = ["admonishment"]
    data["c0-p-1-form_override"] = "2"
    assert client.post(reverse("cases:case-import"), data).status_code == 302
    case = Case.objects.get()
    assert case.is_accountability
    qian, sun = case.persons.all()
    assert (qian.form, sun.form_derived, sun.form) == (Form.SECOND, Form.FIRST, Form.SECOND)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "问责案件" in page and "人工认定；系统判定：第一种形态" in page


def test_a_person_row_can_be_added_and_deleted(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    data = confirm_data(_parse(client, PROPOSED))
    data |= {"c0-p-1-name": "周某", "c0-p-1-first_form_measures": ["reminder_talk"], "c0-p-0-DELETE": "on"}
    assert client.post(reverse("cases:case-import"), data).status_code == 302
    assert [(p.name, p.form) for p in CasePerson.objects.all()] == [("周某", Form.FIRST)]


# ---- the service and the database keep the same rules -----------------------------------


def _draft(unit: Any, **extra: Any) -> services.CaseDraft:
    person = services.PersonRow(name="张某", party_sanction="warning")
    return services.CaseDraft(
        title="张某违规吃喝问题", unit=unit, notice_text="通报原文", persons=[person], **extra
    )


def test_service_refuses_bad_dates_and_values_and_writes_nothing(org: Any) -> None:
    good = _draft(org.bureau_a)
    bad = _draft(org.bureau_a, filed_on=datetime.date(2024, 5, 1), closed_on=datetime.date(2024, 4, 1))
    with pytest.raises(ValidationError, match="审结日期不能早于立案日期"):
        services.import_cases([good, bad], by=org.inspector)
    odd = _draft(org.bureau_a)
    odd.persons[0].org_handling = ["exile"]
    with pytest.raises(ValidationError, match="组织处理含有不在规定范围内的值"):
        services.import_cases([odd], by=org.inspector)
    assert Case.objects.count() == 0


def test_service_stores_derived_forms_and_transfer(org: Any) -> None:
    draft = _draft(org.bureau_a)
    draft.persons.append(services.PersonRow(name="李某", party_sanction="expulsion", transferred=True))
    (case,) = services.import_cases([draft], by=org.inspector)
    assert [p.form_derived for p in case.persons.all()] == [Form.SECOND, Form.FOURTH]
    assert case.transferred_to_prosecution


def test_database_refuses_closing_before_filing(org: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(
            unit=org.bureau_a, filed_on=datetime.date(2024, 5, 1), closed_on=datetime.date(2024, 4, 1)
        )


def test_money_reads_as_notices_print_it() -> None:
    assert yuan_text(Decimal("126000.00")) == "12.6 万元"
    assert yuan_text(Decimal("3000.00")) == "3000 元"
    assert yuan_text(Decimal("12345.67")) == "12,345.67 元"
    assert yuan_text(Decimal(0)) == "0 元"


# ---- the API ----------------------------------------------------------------------------


def test_api_exposes_the_record(org: Any) -> None:
    case = CaseFactory(
        unit=org.bureau_a,
        title="王大明违规审批低保问题",
        notice_source="测试市纪委监委通报",
        filed_on=datetime.date(2024, 1, 2),
        closed_on=datetime.date(2024, 3, 4),
        is_accountability=True,
        loss_yuan=Decimal(126000),
    )
    person = CasePersonFactory(
        case=case, name="王大明", first_form_measures=["admonishment"], party_sanction=""
    )
    person.form_derived = person.derive_form()
    person.save()
    api = APIClient()
    api.force_authenticate(org.liaison)
    body = api.get(f"/api/cases/{case.pk}/").json()
    assert body["persons"][0]["name"] == "王某某"
    assert (body["form"], body["persons"][0]["form"]) == (1, 1)
    assert body["persons"][0]["first_form_measures"] == ["admonishment"]
    assert (body["notice_source"], body["closed_on"], body["is_accountability"]) == (
        "测试市纪委监委通报",
        "2024-03-04",
        True,
    )
    assert (body["loss_yuan"], body["illicit_gains_yuan"]) == ("126000.00", None)
    assert "amount_yuan" not in body


def test_party_organisation_row_is_saved_apart_from_the_forms(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    text = (
        "测试市民政局党组落实主体责任不力问题。责令测试市民政局党组作出书面检查；"
        "测试市民政局原局长钱文海受到诫勉。"
    )
    response = _parse(client, text)
    rows = [f.initial for f in response.context["forms"][0].persons.forms if f.initial]
    assert rows[-1]["is_organization"] and rows[-1]["accountability_methods"] == ["examination"]
    assert client.post(reverse("cases:case-import"), confirm_data(response)).status_code == 302
    party_group = CasePerson.objects.get(is_organization=True)
    assert (party_group.name, party_group.form, party_group.masked_name) == (
        "测试市民政局党组",
        None,
        "测试市民政局党组",  # an organisation's name is not masked
    )
    assert Case.objects.counts_by_form()[1] == {Form.FIRST: 1}  # 党组织 are not counted
