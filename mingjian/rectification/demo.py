"""Demo 整改 for X市, driven by the demo accounts through the same services as the pages:

- 市民政局 answers its 建议书 (liaison drafts, 书记 submits); the 纪委 returns the plan once, then
  approves it; its tasks show every state and light; a finished 回头看 finds one rebound;
- the 福利院 建议书 is in 异议处理; the 财政局 国库 建议书 is closed with its report and 评估;
- the 巡察办 gave feedback to both bureaus: 市民政局's plan is approved and both reports are in,
  市财政局's plan waits for approval;
- a 专项治理 campaign (from its built-in template) over the district finance bureaus; the day's
  reminders. The other demo campaigns are in campaign_demo.

Only seed_demo calls this; it does nothing when the demo problems are already there.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mingjian.cases.models import Recommendation
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, Unit, User
from mingjian.rectification import services
from mingjian.rectification.campaign_demo import launched
from mingjian.rectification.campaign_templates import GIFTS
from mingjian.rectification.models import (
    FollowUpReview,
    InspectionBatch,
    Problem,
    ProblemType,
    RectificationPlan,
    RectificationReport,
    ReviewFinding,
    Task,
)
from mingjian.rectification.reminders import send_due_reminders

PDF = b"%PDF-1.4\n% demo evidence\n"
K = RectificationReport.Kind


def _person(unit_code: str, position: str) -> Person:
    unit = Unit.objects.get(code=unit_code)
    found = Person.objects.filter(unit__path__startswith=unit.path, position=position).first()
    return found or Person.objects.filter(unit=unit).first()  # type: ignore[return-value]


def _measures(item: Any, unit: Unit, leader: User, person: Person, days: int) -> services.EntryInput:
    text = {
        "education": "召开以案促改专题警示教育大会，组织全体干部观看警示教育片并开展专题研讨。",
        "self_inspection": "对全系统同类问题开展拉网式自查，建立问题、任务、责任清单，逐项销号。",
    }.get(
        item.kind, f"针对“{(item.problem_text or item.text)[:30]}”，{item.text.rstrip('。')}，明确专人负责。"
    )
    measure = services.MeasureInput(
        measure=text,
        lead_unit=unit,
        leader=leader,
        person=person,
        due_date=timezone.localdate() + timedelta(days=days),
    )
    return services.EntryInput(item=item, measures=[measure])


def _answer(
    rec: Recommendation,
    u: dict[str, User],
    who: tuple[str, str],
    plan: list[tuple[str, int]],
    objected: dict[int, str] | None = None,
) -> Recommendation:
    """The liaison drafts reply and plan (`plan`: per item the 责任领导 and days), the 书记 submits."""
    liaison, principal = who
    objected = objected or {}
    person = _person(rec.unit.code, "科长")
    items = []
    for item, (leader, days) in zip(rec.items.all(), plan, strict=True):
        entry = _measures(item, rec.unit, u[leader], person, days)
        reason = objected.get(item.seq, "")
        items.append(services.ItemAnswer(entry=entry, adopted=not reason, objection=reason))
    answer = services.Answer(
        text="我单位党组专题研究，采纳建议，制定整改方案如下，逐项明确责任领导、责任人和完成时限。",
        meeting_date=rec.served_on + timedelta(days=5) if rec.served_on else timezone.localdate(),
        items=items,
    )
    services.save_answer(rec, by=u[liaison], answer=answer)
    return services.submit_answer(rec, by=u[principal])


def _work(task: Task, u: dict[str, User], worker: str, leader: str, evidence: str) -> Task:
    """Take a task to 待审核: start, evidence, progress, the leader's sign-off, submit."""
    task = services.start_task(task, by=u[worker])
    checked = check_upload(f"{evidence}.pdf", PDF + evidence.encode())
    services.add_evidence(task, by=u[worker], kind="document", name=evidence, checked=checked)
    task = services.save_progress(task, by=u[worker], progress=f"已完成：{evidence}。")
    services.confirm_task(task, by=u[leader], comment="情况属实，同意提交。")
    return services.submit_task(task, by=u[worker])


def _age(task: Task, days: int) -> None:
    """Move a deadline (a date, not a status) as if the task had been issued long ago."""
    Task.objects.filter(pk=task.pk).update(due_date=timezone.localdate() + timedelta(days=days))


def _civil_affairs(u: dict[str, User]) -> None:
    rec = Recommendation.objects.get(case__unit__code="x-mz", finding__isnull=True)
    _answer(
        rec,
        u,
        ("minzheng", "mzlingdao"),
        [("mzfuju", 60), ("mzfuju", 45), ("mzlingdao", 90), ("mzfuju", 9), ("mzfuju", 30), ("mzfuju", 50)],
    )
    plan = RectificationPlan.objects.get(recommendation=rec)
    plan = services.return_plan(
        plan, by=u["jwzhuren"], reason="第3项措施未明确大数据比对的频次和责任科室，请细化。"
    )
    plan = services.save_plan(plan, by=u["minzheng"], entries=[])  # the liaison amends it on the page
    plan = services.submit_plan(plan, by=u["mzlingdao"])
    tasks = services.approve_plan(plan, by=u["jiwei"], comment="方案可行，同意实施。")
    done = services.accept_task(
        _work(tasks[0], u, "minzheng", "mzfuju", "修订后的城乡低保审核确认办法"),
        by=u["jiwei"],
        verification="on_site",
        note="实地查看新办法执行台账。",
    )
    services.return_task(
        _work(tasks[1], u, "minzheng", "mzfuju", "低保对象比对复核清单"),
        by=u["jiwei"],
        reason="复核清单未附清退对象名单和追回资金凭证，请补充。",
    )
    services.save_progress(
        services.start_task(tasks[2], by=u["minzheng"]),
        by=u["minzheng"],
        progress="已完成全市低保对象与财政供养人员、工商登记数据第一轮比对。",
    )
    _age(tasks[2], -6)  # red: overdue while the leader has yet to sign
    _work(tasks[4], u, "minzheng", "mzfuju", "警示教育大会会议记录")
    rebound = services.accept_task(
        _work(tasks[5], u, "minzheng", "mzfuju", "自查自纠报告"), by=u["paizhu"], verification="written"
    )
    _review(done, rebound, u)


def _review(done: Task, rebound: Task, u: dict[str, User]) -> None:
    """The 回头看 of this month (set back from three months on: a date, not a status) finds one
    rebound; later closures wait for the next one."""
    review = done.reviews.get()
    FollowUpReview.objects.filter(pk=review.pk).update(scheduled_for=timezone.localdate().replace(day=1))
    review.refresh_from_db()
    services.record_review(
        review,
        by=u["jiwei"],
        summary="抽查 2 项：1 项巩固，1 项反弹，已重新整改。",
        findings=[
            services.FindingInput(
                done, ReviewFinding.Result.CONSOLIDATED, "新办法已执行，抽查 20 户无问题。"
            ),
            services.FindingInput(
                rebound, ReviewFinding.Result.REBOUND, "抽查发现 2 户不符合条件对象仍在享受低保。"
            ),
        ],
    )


def _objection(u: dict[str, User]) -> None:
    rec = Recommendation.objects.get(finding__title="养老机构运营补贴审核")
    _answer(
        rec,
        u,
        ("minzheng", "mzlingdao"),
        [("mzfuju", 40), ("mzfuju", 40)],
        objected={2: "经核查，2025年度多拨资金已于当年12月全部追回，相关凭证附后，建议撤回本项。"},
    )


def _closed(u: dict[str, User]) -> None:
    rec = Recommendation.objects.get(finding__title="国库集中支付审核")
    _answer(rec, u, ("caizheng", "czlingdao"), [("czfuju", 20), ("czfuju", 30)])
    plan = RectificationPlan.objects.get(recommendation=rec)
    for task in services.approve_plan(plan, by=u["paizhu"]):
        services.accept_task(
            _work(task, u, "caizheng", "czfuju", "整改完成情况说明"),
            by=u["paizhu"],
            verification="written",
            note="核对支付台账，整改到位。",
        )
    report = services.draft_report(K.COMPLETION, rec, by=u["caizheng"])
    services.submit_report(report, by=u["czlingdao"])
    services.complete_recommendation(
        rec,
        by=u["pzzuzhang"],
        rating=Recommendation.Rating.FAIR_GOOD,
        remarks="整改措施具体，制度已修订，建议持续抓好执行。",
    )


def _inspection(u: dict[str, User], code: str, liaison: str, principal: str, leader: str) -> InspectionBatch:
    unit = Unit.objects.get(code=code)
    batch = services.create_inspection(
        by=u["xuncha"],
        unit=unit,
        issuer=Unit.objects.get(code="x-xc-1"),
        title=f"市委第一巡察组对{unit.name}党组巡察反馈意见",
        feedback_date=timezone.localdate() - timedelta(days=52),
        items=[
            "落实全面从严治党主体责任不够有力，对下属单位监督管理不到位",
            "重点领域廉政风险防控不到位，资金审核把关不严",
        ],
    )
    plan = services.plan_for(unit=unit, issuer=batch.issuer, by=u[liaison], inspection=batch)
    person = _person(code, "科长")
    entries = [
        services.EntryInput(
            item=item,
            measures=[
                services.MeasureInput(
                    measure=f"针对“{item.text[:20]}…”制定专项整改措施并建立长效机制",
                    lead_unit=unit,
                    leader=u[leader],
                    person=person,
                    category=cat,
                    due_date=due,
                )
            ],
        )
        for item, cat, due in zip(
            batch.items.all(),
            (Task.Category.DEADLINE, Task.Category.LONG_TERM),
            (timezone.localdate() + timedelta(days=35), None),
            strict=True,
        )
    ]
    plan = services.save_plan(plan, by=u[liaison], entries=entries)
    services.submit_plan(plan, by=u[principal])
    return batch


def _inspections(u: dict[str, User]) -> None:
    civil = _inspection(u, "x-mz", "minzheng", "mzlingdao", "mzfuju")
    tasks = services.approve_plan(RectificationPlan.objects.get(inspection=civil), by=u["xuncha"])
    services.start_task(tasks[1], by=u["minzheng"])
    services.accept_task(
        _work(tasks[0], u, "minzheng", "mzfuju", "下属单位监督检查记录"),
        by=u["xuncha"],
        verification="on_site",
    )
    for kind in (K.PROGRESS, K.PRINCIPAL):
        services.submit_report(services.draft_report(kind, civil, by=u["minzheng"]), by=u["mzlingdao"])
    _inspection(u, "x-cz", "caizheng", "czlingdao", "czfuju")  # waits for the 巡察办's approval


def _campaign(u: dict[str, User]) -> None:
    commission = Unit.objects.get(code="x-jw")
    # From the built-in template, launched a month ago; the district bureaus are not targets (no
    # 班子 accounts), the problems found there are registered against the campaign.
    campaign = launched(
        "违规收送礼品礼金问题专项治理", GIFTS.name, by=u["jiwei"], issuer=commission, days_ago=30, targets=[]
    )
    gifts = ProblemType.objects.get(name="违规收受礼品礼金")
    plans = [
        services.TaskPlan(
            title=f"{Unit.objects.get(code=c).name}干部节日收受消费卡",
            unit=Unit.objects.get(code=c),
            problem_type=gifts,
            measure="全面自查清退，建立礼品礼金登记上交台账",
            person=_person(c, "一级主任科员"),
            category=Task.Category.IMMEDIATE,
            due_date=timezone.localdate() + timedelta(days=12),
            links={"campaign": campaign},
        )
        for c in ("dc-cz", "xs-cz", "nh-cz")
    ]
    tasks = services.create_tasks(plans, issuer=commission, source=Problem.Source.CAMPAIGN, by=u["jiwei"])
    for task in tasks[:-1]:  # the last one stays a draft, still being prepared
        services.issue_task(task, by=u["jiwei"])


def seed() -> dict[str, Any]:
    if Problem.objects.exists():
        return {"tasks_created": 0}
    u = {user.username: user for user in User.objects.all()}
    _civil_affairs(u)
    _objection(u)
    _closed(u)
    _inspections(u)
    _campaign(u)
    reminders = send_due_reminders(timezone.now())
    return {"tasks_created": Task.objects.count(), "reminders": reminders}
