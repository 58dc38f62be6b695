from __future__ import annotations

import datetime
from typing import Any

import factory

from mingjian.cases.models import (
    Case,
    CaseAnalysis,
    CasePerson,
    Recommendation,
    RecommendationItem,
    RecommendationReply,
    ReplyAttachment,
)
from mingjian.org.models import Field, Person, Role, Unit, User
from mingjian.org.tests.factories import PersonFactory, UnitFactory, user_with_role

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


class AnalysisFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = CaseAnalysis

    case = factory.SubFactory(CaseFactory)
    summary = "审核把关层层失守。"


class RecommendationFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    class Params:
        issued = factory.Trait(
            status=Recommendation.Status.ISSUED,
            number=factory.Sequence(lambda n: f"测纪建〔2026〕{n + 1}号"),
            year=2026,
            seq=factory.Sequence(lambda n: n + 1),
            issued_on=datetime.date(2026, 11, 2),
            served_on=datetime.date(2026, 11, 2),
            served_to="张收",
            reply_due=datetime.date(2026, 12, 2),
        )
        # Through its approval chain, ready to be numbered and served.
        approved = factory.Trait(status=Recommendation.Status.APPROVED, issued_on=datetime.date(2026, 11, 2))

    unit = factory.SubFactory(UnitFactory)
    issuer = factory.SubFactory(UnitFactory)
    title = "关于深化以案促改工作的纪检监察建议"
    facts = "发生违规审批低保问题。"

    @factory.post_generation  # type: ignore[misc]
    def items(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            for i, text in enumerate(extracted or ["健全低保审核制度。", "开展警示教育。"], 1):
                RecommendationItem.objects.create(recommendation=self, seq=i, text=text)


def issuing_chain(org: Any) -> dict[str, User]:
    """The commission's signers: a 室主任 (承办部门负责人), a 副书记 (分管领导), the 书记."""
    room = UnitFactory(
        name="党风政风监督室", parent=org.commission, kind=Unit.Kind.DEPARTMENT, field=Field.DISCIPLINE
    )
    found = {}
    for key, home, leadership in (
        ("head", room, Person.Leadership.HEAD),
        ("deputy", org.commission, Person.Leadership.MEMBER),
        ("principal", org.commission, Person.Leadership.SECRETARY),
    ):
        user = user_with_role(Role.COMMISSION, org.city, home=home, username=f"jw-{key}")
        user.person = PersonFactory(unit=home, name=f"签批{key}", leadership=leadership)
        user.save(update_fields=["person"])
        found[key] = user
    return found


def attachment_for(rec: Recommendation, by: User) -> ReplyAttachment:
    """A stored reply with one small PDF attached (the file lands in MEDIA_ROOT)."""
    import hashlib

    from django.core.files.base import ContentFile

    reply = RecommendationReply.objects.create(recommendation=rec, text="已整改。", replied_by=by)
    data = b"%PDF-1.4 test"
    attachment = ReplyAttachment(
        reply=reply, name="整改报告.pdf", size=len(data), sha256=hashlib.sha256(data).hexdigest()
    )
    attachment.file.save("x.pdf", ContentFile(data), save=True)
    return attachment
