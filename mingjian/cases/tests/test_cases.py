from __future__ import annotations

import io
from typing import Any

from django.test import Client
from django.urls import reverse

from mingjian.audit.models import AuditEvent
from mingjian.cases.models import LEVEL_BY_LABEL, Case, Discipline, mask_name
from mingjian.cases.notice import parse_notices
from mingjian.cases.tests.confirm import confirm_data
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.org.models import Field
from mingjian.org.tests.factories import UnitFactory

NOTICE = """测试市纪委监委关于2起侵害群众利益典型问题的通报

1.测试市民政局社会救助科原科长王大明违规审批低保问题。2022年至2024年，王大明在审核低保申请中优亲厚友，违规为3户亲属办理低保，套取低保资金5.6万元。王大明受到党内严重警告、政务记大过处分。
2.测试市财政局原副局长李小军违规收受礼品礼金问题。2023年春节期间，李小军违反中央八项规定精神，收受管理服务对象所送礼金2万元。李小军受到党内警告处分。
"""


def _titles(user: Any) -> set[str]:
    return set(Case.objects.visible_to(user).values_list("title", flat=True))


def test_case_visibility_follows_publicity(org: Any) -> None:
    other_civil = UnitFactory(name="外县民政局", parent=org.city, field=Field.CIVIL_AFFAIRS)
    CaseFactory(unit=other_civil, title="仅本单位", publicity=Case.Publicity.UNIT)
    CaseFactory(unit=other_civil, title="同领域", publicity=Case.Publicity.FIELD)
    CaseFactory(unit=other_civil, title="全市", publicity=Case.Publicity.CITY)
    assert _titles(org.liaison) == {"同领域", "全市"}  # 民政 liaison: same field
    assert _titles(org.outsider) == {"全市"}  # 财政 liaison
    assert _titles(org.inspector) == {"仅本单位", "同领域", "全市"}
    assert _titles(org.sysadmin) == set()  # administrators never read case content


def test_names_are_masked_outside_the_commission(client: Client, org: Any) -> None:
    case = CaseFactory(unit=org.bureau_a, title="测试市民政局科长王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明")
    client.force_login(org.liaison)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "王某某" in page
    assert "王大明" not in page
    assert "王大明" not in client.get(reverse("cases:case-list")).content.decode()
    client.force_login(org.inspector)
    assert "王大明" in client.get(case.get_absolute_url()).content.decode()
    assert AuditEvent.objects.filter(action="cases.case.viewed", target_id=str(case.pk)).count() == 2


def test_mask_name() -> None:
    assert mask_name("王大明") == "王某某"
    assert mask_name("张某") == "张某"
    assert mask_name("欧阳某某") == "欧阳某某"


def _parse(client: Client, text: str) -> Any:
    return client.post(reverse("cases:case-import"), {"text": text})


def test_import_parses_a_list_into_several_drafts(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = _parse(client, NOTICE)
    forms = response.context["forms"]
    assert len(forms) == 2
    assert forms[0].initial["unit"] == org.bureau_a.pk
    assert forms[1].initial["unit"] == org.bureau_b.pk
    person = forms[0].persons.forms[0].initial
    assert (person["name"], person["position"], person["party_sanction"], person["govt_sanction"]) == (
        "王大明",
        "社会救助科原科长",
        "serious_warning",
        "major_demerit",
    )
    assert person["level"] == LEVEL_BY_LABEL[parse_notices(NOTICE)[0].persons[0].level]  # per person
    assert Case.objects.count() == 0  # parsing stores nothing


def test_confirm_saves_all_cases_with_people_and_violations(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    data = confirm_data(_parse(client, NOTICE))
    response = client.post(reverse("cases:case-import"), data)
    assert response.status_code == 302
    dibao = Case.objects.get(unit=org.bureau_a)
    person = dibao.persons.get()
    assert (person.name, person.party_sanction, person.govt_sanction) == (
        "王大明",
        "serious_warning",
        "major_demerit",
    )
    assert (dibao.illicit_gains_yuan, dibao.loss_yuan) == (56000, None)  # 套取低保资金 is a gain
    assert Discipline.MASS in {v.discipline for v in dibao.violation_types.all()}
    gifts = Case.objects.get(unit=org.bureau_b)
    assert gifts.eight_point_rules
    assert "违规收受礼品礼金" in {v.name for v in gifts.violation_types.all()}
    assert AuditEvent.objects.filter(action="cases.case.imported").count() == 2


def test_one_bad_draft_saves_nothing(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    data = confirm_data(_parse(client, NOTICE))
    data["c1-p-0-party_sanction"] = "severe"  # not a 党纪处分 kind
    response = client.post(reverse("cases:case-import"), data)
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert Case.objects.count() == 0


def test_non_notice_text_opens_empty_with_a_message(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = _parse(client, "今天天气很好，我们去公园散步。")
    assert "未能从文本中识别出通报内容" in response.content.decode()
    assert "forms" not in response.context
    assert Case.objects.count() == 0


def test_over_long_pasted_text_is_refused_with_the_limit(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = _parse(client, "张三违反廉洁纪律，收受礼金。" * 6000)
    page = response.content.decode()
    assert "通报文本过长" in page and "上限 60,000 字" in page
    assert "forms" not in response.context
    assert Case.objects.count() == 0


def test_fake_docx_is_refused_with_a_reason(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    upload = io.BytesIO(b"this is not a word file")
    upload.name = "通报.docx"
    response = client.post(reverse("cases:case-import"), {"file": upload})
    assert response.status_code == 200
    assert "Word" in response.content.decode() or "docx" in response.content.decode()
    assert "forms" not in response.context


def test_unit_liaison_cannot_import(client: Client, org: Any) -> None:
    client.force_login(org.liaison)
    assert client.get(reverse("cases:case-import")).status_code == 404


def test_case_list_filters(client: Client, org: Any) -> None:
    a = CaseFactory(unit=org.bureau_a, title="甲案")
    CasePersonFactory(case=a, party_sanction="expulsion", level="county")
    b = CaseFactory(unit=org.bureau_a, title="乙案")
    CasePersonFactory(case=b, party_sanction="warning", level="village")
    client.force_login(org.inspector)
    page = client.get(reverse("cases:case-list"), {"sanction": "party:expulsion"}).context["page"]
    assert [c.title for c in page] == ["甲案"]
    page = client.get(reverse("cases:case-list"), {"level": "village"}).context["page"]
    assert [c.title for c in page] == ["乙案"]


def test_case_api_masks_names_and_scopes(org: Any) -> None:
    from rest_framework.test import APIClient

    case = CaseFactory(unit=org.bureau_a, title="王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明")
    api = APIClient()
    api.force_authenticate(org.liaison)
    body = api.get(f"/api/cases/{case.pk}/").json()
    assert body["unit"] == org.bureau_a.pk
    assert body["persons"][0]["name"] == "王某某"
    assert body["title"] == "王某某违规审批低保问题"
    api.force_authenticate(org.outsider)
    assert api.get(f"/api/cases/{case.pk}/").status_code == 404
    assert api.get("/api/cases/").json()["count"] == 0
