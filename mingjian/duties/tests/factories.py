"""Builders for 两个责任 tests. Records are made directly (no audit events), like the other
apps' factories; the tests of the services drive the services themselves."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from mingjian.duties.models import Accountability, DutyEntry, DutyList, DutyTemplate, Talk, TemplateItem
from mingjian.duties.vocabulary import DEFAULT_ITEMS, Kind, Source, party_body
from mingjian.org.models import Person, Unit, User
from mingjian.org.tests.factories import PersonFactory


def this_year() -> int:
    return timezone.localdate().year


def make_template(issuer: Unit, kind: str = Kind.MAIN) -> DutyTemplate:
    template = DutyTemplate.objects.create(issuer=issuer, kind=kind, title=f"测试{Kind(kind).label}清单")
    for i, (section, text, source) in enumerate(DEFAULT_ITEMS[Kind(kind)], 1):
        TemplateItem.objects.create(template=template, seq=i, section=section, text=text, source=source)
    return template


def make_list(
    unit: Unit, kind: str = Kind.MAIN, person: Person | None = None, year: int | None = None, **fields: Any
) -> DutyList:
    year = year or this_year()
    holder = person.name if person else party_body(unit)
    dlist = DutyList.objects.create(
        unit=unit,
        year=year,
        kind=kind,
        person=person,
        title=f"{year}年度{holder}{Kind(kind).label}清单",
        holder=holder,
        **fields,
    )
    dlist.items.create(seq=1, section="以案促改", text="专题研究纪检监察建议书", source=Source.MEETING)
    dlist.items.create(seq=2, section="制度建设", text="完善制度、堵塞漏洞")
    return dlist


def make_entry(dlist: DutyList, by: User) -> DutyEntry:
    entry = DutyEntry(
        dlist=dlist,
        happened_on=timezone.localdate(),
        text="党组专题学习问责条例",
        name="学习记录.pdf",
        sha256="0" * 64,
        size=14,
        created_by=by,
    )
    entry.file.save("x.pdf", ContentFile(b"%PDF-1.4 entry"), save=False)
    entry.save()
    return entry


def make_talk(*, issuer: Unit, unit: Unit, by: User, **fields: Any) -> Talk:
    subject = fields.pop("subject", None) or PersonFactory(unit=unit, position="副局长", leadership="member")
    talker = fields.pop("talker", None) or PersonFactory(unit=issuer, position="组长", leadership="head")
    return Talk.objects.create(
        issuer=issuer,
        unit=subject.unit,
        kind=fields.pop("kind", Talk.Kind.REMINDER),
        subject=subject,
        talker=talker,
        planned_on=fields.pop("planned_on", timezone.localdate()),
        reason=fields.pop("reason", "整改任务逾期"),
        drafted_by=by,
        **fields,
    )


def make_accountability(*, issuer: Unit, unit: Unit, by: User, **fields: Any) -> Accountability:
    person = fields.pop("person", None) or PersonFactory(unit=unit, position="副局长", leadership="member")
    return Accountability.objects.create(
        issuer=issuer,
        unit=person.unit,
        target=Accountability.Target.LEADER,
        person=person,
        methods=fields.pop("methods", ["admonishment"]),
        basis=fields.pop("basis", "分管领域发生违规审批问题，负有领导责任"),
        deciding_body=fields.pop("deciding_body", "中共测试市纪律检查委员会"),
        drafted_by=by,
        **fields,
    )
