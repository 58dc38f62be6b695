from __future__ import annotations

import factory

from mingjian.cases.models import Case, CasePerson
from mingjian.org.tests.factories import UnitFactory

NOTICE = (
    "测试市民政局社会救助科原科长王某某违规审批低保问题。2023年至2024年，王某某在审核低保申请中"
    "优亲厚友，违规为3户亲属办理低保，涉及资金5.6万元。王某某受到党内严重警告处分。"
)


class CaseFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Case

    title = factory.Sequence(lambda n: f"测试案例{n}：违规审批低保问题")
    unit = factory.SubFactory(UnitFactory)
    notice_text = NOTICE
    publicity = Case.Publicity.UNIT


class CasePersonFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = CasePerson

    case = factory.SubFactory(CaseFactory)
    name = "王大明"
    position = "社会救助科原科长"
    level = "township"
    party_sanction = "serious_warning"
