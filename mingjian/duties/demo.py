"""Demo 两个责任 for X市, through the services the pages use:

- 市纪委监委 keeps the four 清单 templates (from the standard items);
- this year's lists for 市民政局, 市财政局 and 派驻第一纪检监察组, made from their 班子 data; most
  items fill themselves from what the other demos recorded (replies, plans, signatures, 警示教育,
  销号 …); one item of 钱卫东's list is checked by hand and one 记实 is added to the 党组's;
- 市财政局党组's list is reported by its 书记 and reviewed by the 派驻组; 田志刚's awaits review;
- one 约谈: the 派驻组's 组长 谢明远 interviews 市民政局's 书记 钱卫东 about his overdue task
  (drafted by 吴静, approved by 谢明远, then recorded);
- one 问责: 市纪委监委 records 诫勉 for 林海燕, who oversees 社会救助科, over that 科's 低保 case
  (drafted by 周明, decided by 何振华: four eyes).

Only seed_demo calls this; it does nothing when the demo templates are already there.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mingjian.cases.models import Case
from mingjian.duties import services
from mingjian.duties.models import DutyList, DutyTemplate, Talk
from mingjian.duties.vocabulary import Kind
from mingjian.org.models import Unit, User
from mingjian.rectification.models import Task

NAMES = (
    "jiwei",
    "jwfushuji",
    "paizhu",
    "pzzuzhang",
    "minzheng",
    "mzlingdao",
    "mzfuju",
    "caizheng",
    "czlingdao",
    "czfuju",
)


def _talk(u: dict[str, User]) -> Talk | None:
    task = Task.objects.filter(unit__code="x-mz").overdue(timezone.localdate()).order_by("due_date").first()
    subject, talker = u["mzlingdao"].person, u["pzzuzhang"].person
    if task is None or subject is None or talker is None:
        return None
    data = services.TalkInput(
        kind=Talk.Kind.INTERVIEW,
        subject=subject,
        talker=talker,
        planned_on=timezone.localdate() - timedelta(days=3),
        reason="由其担任责任领导的大数据比对整改任务已逾期，整改进展尚未签认。",
        task=task,
    )
    talk = services.create_talk(data, by=u["paizhu"])
    talk = services.submit_talk(talk, by=u["paizhu"])
    talk = services.approve_talk(talk, by=u["pzzuzhang"], comment="同意，由我约谈。")
    return services.complete_talk(
        talk,
        by=u["paizhu"],
        held_on=timezone.localdate() - timedelta(days=2),
        record_text="指出整改任务逾期、签认不及时的问题；钱卫东同志表示立即召开党组会专题研究，一周内完成数据比对并签认。",
    )


def _accountability(u: dict[str, User]) -> None:
    civil = Unit.objects.get(code="x-mz")
    case = (
        Case.objects.filter(unit__path__startswith=civil.path, is_accountability=False).order_by("id").first()
    )
    person = u["mzfuju"].person
    if case is None or person is None:
        return
    data = services.AccountabilityInput(
        target="leader",
        person=person,
        methods=["admonishment"],
        basis=(
            "林海燕同志分管社会救助科，对该科原科长违规审批低保问题失察失管，负有主要领导责任。"
            "依据《中国共产党问责条例》第七条、第八条，予以诫勉。"
        ),
        deciding_body="中共X市纪律检查委员会",
        case=case,
    )
    rec = services.create_accountability(data, by=u["jiwei"])
    rec = services.submit_accountability(rec, by=u["jiwei"])
    services.decide_accountability(
        rec,
        by=u["jwfushuji"],
        decided_on=timezone.localdate() - timedelta(days=10),
        decision_number=f"X纪问〔{timezone.localdate().year}〕1号",
    )


def _fill(u: dict[str, User], year: int) -> None:
    civil = Unit.objects.get(code="x-mz")
    first = DutyList.objects.get(unit=civil, year=year, kind=Kind.FIRST)
    item = first.items.filter(source="").first()
    if item is not None:
        services.check_item(
            item, by=u["minzheng"], note="已在局党组民主生活会上述责述廉，对照检查材料已存档。"
        )
    main = DutyList.objects.get(unit=civil, year=year, kind=Kind.MAIN)
    services.add_entry(
        main,
        by=u["minzheng"],
        happened_on=timezone.localdate() - timedelta(days=30),
        text="党组理论学习中心组专题学习《中国共产党问责条例》",
        item=main.items.filter(section="研究部署").first(),
    )


def _report(u: dict[str, User], year: int) -> None:
    finance = Unit.objects.get(code="x-cz")
    main = DutyList.objects.get(unit=finance, year=year, kind=Kind.MAIN)
    main = services.submit_list(main, by=u["czlingdao"])
    services.accept_list(main, by=u["pzzuzhang"], comment="主体责任落实较好，整改任务已全部销号。")
    deputy = DutyList.objects.filter(
        unit=finance, year=year, kind=Kind.DUAL, person=u["czfuju"].person
    ).first()
    if deputy is not None:
        services.submit_list(deputy, by=u["czfuju"])


def seed() -> dict[str, Any]:
    if DutyTemplate.objects.exists():
        return {"lists_created": 0}
    u = {user.username: user for user in User.objects.filter(username__in=NAMES)}
    if len(u) != len(NAMES):
        return {"lists_created": 0}
    commission = Unit.objects.get(code="x-jw")
    for kind in Kind.values:
        services.create_template(commission, kind=kind, by=u["jiwei"])
    _talk(u)
    _accountability(u)
    year = timezone.localdate().year
    made = 0
    for code, clerk in (("x-mz", "minzheng"), ("x-cz", "caizheng"), ("x-pz1", "paizhu")):
        made += len(services.generate_lists(Unit.objects.get(code=code), year=year, by=u[clerk]).created)
    _fill(u, year)
    _report(u, year)
    return {"lists_created": made, "talks": Talk.objects.count()}
