"""Demo 建章立制 for X市, through the same services as the pages.

Before the 整改 demo (whose first 市民政局 task answers a loophole and is 销号):
- 市民政局 enters its 2019 低保审核确认办法 (补录, by its 党组书记), then revises it to close the
  case's 近亲属回避 loophole: the liaison drafts, consults and sends it to 审议 with each text as a
  new version, the 党组书记 records 印发施行 — the 2019 text is repealed by it;
- 市民政局's 数据比对 rule for the second loophole waits in 审议 (未堵塞, and a leader's todo);
- 市财政局's 礼品礼金登记上交 rule closes the 礼金 case's loophole, in force since seven months.

After it: the revised rule is linked to the problem it solved; the 派驻组 records the 财政局 rule's
execution check as 未执行, which raises a problem and its task through the engine.

Only seed_demo calls this; it does nothing when the demo regulations are already there.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mingjian.cases.demo import SOURCE
from mingjian.cases.models import Case, SystemLoophole
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, Unit, User
from mingjian.rectification.models import Problem
from mingjian.regulations import services
from mingjian.regulations.models import Regulation, RegulationCheck

OLD_TITLE = "X市城乡最低生活保障审核确认办法"


def _pdf(name: str) -> Any:
    return check_upload(f"{name}.pdf", b"%PDF-1.4\n% demo regulation\n" + name.encode())


def _hole(case_index: int, position: int) -> SystemLoophole:
    cases = list(Case.objects.filter(notice_source=SOURCE).order_by("id"))
    return list(cases[case_index].analysis.loopholes.order_by("sort_order", "id"))[position]


def _through(reg: Regulation, u: dict[str, User], clerk: str, stages: tuple[str, ...]) -> Regulation:
    """征求意见稿 → 审议稿: each stage a new version of the text, by the unit's liaison."""
    for stage in stages:
        services.add_version(reg, by=u[clerk], checked=_pdf(f"{reg.title}（{stage}）"), note=stage)
        move = services.consult_regulation if stage == "征求意见稿" else services.review_regulation
        reg = move(reg, by=u[clerk])
    return reg


def _issue(reg: Regulation, u: dict[str, User], leader: str, number: str, days_ago: int) -> Regulation:
    services.add_version(reg, by=u[leader], checked=_pdf(f"{reg.title}（印发稿）"), note="印发稿")
    day = timezone.localdate() - timedelta(days=days_ago)
    return services.issue_regulation(reg, by=u[leader], number=number, issued_on=day, effective_on=day)


def _civil_affairs(u: dict[str, User]) -> None:
    bureau = Unit.objects.get(code="x-mz")
    today = timezone.localdate()
    old = services.create_regulation(
        services.RegulationInput(
            unit=bureau,
            title=OLD_TITLE,
            number="X民发〔2019〕8号",
            summary="规定城乡低保申请、家庭经济状况核对、入户调查、民主评议、审核确认和公示程序。",
            issued_on=today.replace(year=2019, month=6, day=20),
            effective_on=today.replace(year=2019, month=7, day=1),
        ),
        by=u["mzlingdao"],
        checked=_pdf(OLD_TITLE),
        note="印发稿",
        existing=True,
    )
    revised = services.create_regulation(
        services.RegulationInput(
            unit=bureau,
            title=f"{OLD_TITLE}（2026年修订）",
            kind=Regulation.Kind.REVISED,
            revises=old,
            summary="新增第十二条：经办人员及其近亲属申请低保的，须书面备案，审核审批实行回避；新增交叉复核和抽查复核程序。",
            loopholes=[_hole(0, 0)],
        ),
        by=u["minzheng"],
    )
    _issue(_through(revised, u, "minzheng", ("征求意见稿", "审议稿")), u, "mzlingdao", "X民发〔2026〕5号", 30)
    compare = services.create_regulation(
        services.RegulationInput(
            unit=bureau,
            title="市民政局低保对象动态管理和数据比对工作规程",
            summary="低保对象每月与财政供养人员、工商登记、车辆房产、死亡人口数据比对，季度抽查复核。",
            loopholes=[_hole(0, 1)],
        ),
        by=u["minzheng"],
    )
    _through(compare, u, "minzheng", ("审议稿",))


def _finance(u: dict[str, User]) -> None:
    rule = services.create_regulation(
        services.RegulationInput(
            unit=Unit.objects.get(code="x-cz"),
            title="市财政局礼品礼金登记上交管理办法",
            summary="干部在公务活动中无法拒收的礼品礼金，须在 5 个工作日内向所在科室登记、报局机关纪委上交；各科室建立登记台账。",
            loopholes=[_hole(2, 0)],
        ),
        by=u["caizheng"],
    )
    _issue(_through(rule, u, "caizheng", ("审议稿",)), u, "czlingdao", "X财发〔2026〕3号", 215)


def seed_rules() -> dict[str, int]:
    if (
        Regulation.objects.filter(title=OLD_TITLE).exists()
        or not Case.objects.filter(notice_source=SOURCE).exists()
    ):
        return {"regulations_created": 0}
    u = {user.username: user for user in User.objects.all()}
    _civil_affairs(u)
    _finance(u)
    return {"regulations_created": Regulation.objects.count()}


def _failed_check(u: dict[str, User]) -> RegulationCheck:
    rule = Regulation.objects.get(title="市财政局礼品礼金登记上交管理办法")
    item = rule.checks.get(kind=RegulationCheck.Kind.EXECUTION, status=RegulationCheck.Status.SCHEDULED)
    # Scheduled six months after 施行; it came due last week (a date, not a status).
    RegulationCheck.objects.filter(pk=item.pk).update(due_on=timezone.localdate() - timedelta(days=7))
    item.refresh_from_db()
    person = Person.objects.filter(unit__code="x-cz-d2", position="科长").first()
    follow = services.FollowUp(
        measure="社会保障科等各科室建立礼品礼金登记台账，局机关纪委每季度抽查登记上交情况并通报。",
        due_date=timezone.localdate() + timedelta(days=30),
        leader=u["czfuju"],
        person=person,
    )
    return services.record_execution(
        item,
        by=u["paizhu"],
        result=RegulationCheck.Result.NONE,
        findings="抽查社会保障科、国库科 2026 年春节前后礼品礼金登记台账：两科室均未建立台账，"
        "办法印发后未组织学习，制度未执行。",
        follow_up=follow,
    )


def seed_checks() -> dict[str, int]:
    rule = Regulation.objects.filter(title=f"{OLD_TITLE}（2026年修订）").first()
    if rule is None or rule.problems.exists():
        return {"problems_raised": 0}
    u = {user.username: user for user in User.objects.all()}
    solved = list(Problem.objects.filter(loophole__in=rule.loopholes.all(), unit=rule.unit))
    services.link_regulation(rule, by=u["minzheng"], loopholes=list(rule.loopholes.all()), problems=solved)
    _failed_check(u)
    return {"problems_raised": 1}
