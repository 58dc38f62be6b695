"""Demo 类案自查: the 市民政局 低保 case pushed, as its analysis suggests, to the three district and
county 民政局; 西山县民政局 has answered — its liaison wrote, its 局长 submitted, the 纪委 accepted
(one point found, now an issued task; three not found, each with the scope checked) — while the
other two, whose 班子 have no accounts, are shown waiting. Only seed_demo calls this; it does
nothing when the push is there or the case is missing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mingjian.cases.demo import SOURCE
from mingjian.cases.models import Case
from mingjian.org.models import Person, Unit, User
from mingjian.selfcheck import services
from mingjian.selfcheck.models import CasePush, ChecklistRow

UNITS = ("dc-mz", "xs-mz", "nh-mz")
ANSWERER = ("xsminzheng", "xsmzlingdao")
SCOPES = (
    "查阅2024年以来审批的低保档案86份，抽查入户调查记录30户，均由两名工作人员入户并签字。",
    "查阅审核审批流程和2024年以来系统操作日志，审核与审批由不同人员办理。",
    "查阅局机关及各乡镇经办人员近亲属申请低保备案登记，已执行回避规定，未发现漏报。",
)


def _answers(push: CasePush, unit: Unit) -> list[services.RowAnswer]:
    checklist = push.checklists.get(unit=unit)
    leader = User.objects.get(username=ANSWERER[1])
    person = Person.objects.roster_of(unit).filter(leadership="").order_by("pk").first()
    rows = list(checklist.rows.all())
    found = [r for r in rows if r.source == ChecklistRow.Source.LOOPHOLE][-1]  # 大数据比对机制缺失
    answers = []
    scopes = iter(SCOPES)
    for row in rows:
        if row is found:
            answers.append(
                services.RowAnswer(
                    row,
                    ChecklistRow.Answer.EXISTS,
                    manifestation="低保对象与财政供养人员、工商登记等数据未建立定期比对，动态管理依靠人工排查。",
                    measure="建立低保对象数据按月比对机制，比对结果逐户核查并建立台账。",
                    due_date=timezone.localdate() + timedelta(days=45),
                    leader=leader,
                    person=person,
                )
            )
        else:
            answers.append(services.RowAnswer(row, ChecklistRow.Answer.ABSENT, scope_checked=next(scopes)))
    return answers


def seed() -> dict[str, Any]:
    case = Case.objects.filter(notice_source=SOURCE, unit__code="x-mz").order_by("pk").first()
    if case is None or CasePush.objects.filter(case=case).exists():
        return {"pushes_created": 0}
    users = {u.username: u for u in User.objects.filter(username__in=["jiwei", "jwzhuren", *ANSWERER])}
    if len(users) < 4:  # noqa: PLR2004 - the four accounts the story needs
        return {"pushes_created": 0, "note": "演示账号不全，跳过类案自查演示"}
    units = list(Unit.objects.filter(code__in=UNITS).order_by("path"))
    push = services.push_case(
        case,
        by=users["jiwei"],
        units=units,
        due_date=timezone.localdate() + timedelta(days=20),
        note="对照本案逐项自查低保审核审批中的廉政风险点和制度漏洞。",
    )
    answerer = next(u for u in units if u.code == "xs-mz")
    checklist = push.checklists.get(unit=answerer)
    checklist = services.save_checklist(checklist, by=users[ANSWERER[0]], answers=_answers(push, answerer))
    checklist = services.submit_checklist(checklist, by=users[ANSWERER[1]])
    services.accept_checklist(checklist, by=users["jwzhuren"], comment="自查认真，问题查找准确。")
    return {"pushes_created": 1, "checklists": push.checklists.count()}
