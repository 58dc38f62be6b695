"""Demo 整改 for X市: the served 建议书 broken into tasks, driven through every state by the
demo accounts using the same services as the pages, plus a 巡察整改 batch for each bureau, a
专项治理 campaign, a finished 回头看 (one task rebounded), and the day's reminders.

Only seed_demo calls this; it does nothing when the demo problems are already there.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mingjian.cases.models import Recommendation
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Unit, User
from mingjian.rectification import services
from mingjian.rectification.models import Campaign, Problem, ProblemType, ReviewFinding, Task
from mingjian.rectification.reminders import send_due_reminders

PDF = b"%PDF-1.4\n% demo evidence\n"


def _users() -> dict[str, User]:
    names = ["jiwei", "paizhu", "minzheng", "caizheng", "mzlingdao", "czlingdao"]
    return {u.username: u for u in User.objects.filter(username__in=names)}


def _plans(rec: Recommendation, leader: User, person: str, days: list[int]) -> list[services.TaskPlan]:
    plans = services.plans_from_recommendation(rec, list(ProblemType.objects.all()))
    today = timezone.localdate()
    for i, plan in enumerate(plans):
        after = days[i % len(days)]
        plan.leader, plan.person, plan.due_date = leader, person, today + timedelta(days=after)
    return plans


def _work(task: Task, u: dict[str, User], worker: str, leader: str, evidence: str) -> Task:
    task = services.start_task(task, by=u[worker])
    services.add_evidence(
        task,
        by=u[worker],
        kind="document",
        name=evidence,
        checked=check_upload(f"{evidence}.pdf", PDF + evidence.encode()),
    )
    services.confirm_task(task, by=u[leader], comment="情况属实，同意提交。")
    return services.submit_task(task, by=u[worker], progress=f"已完成：{evidence}。")


def _civil_affairs(u: dict[str, User]) -> list[Task]:
    rec = Recommendation.objects.filter(unit__code="x-mz").exclude(number="").first()
    if rec is None:
        return []
    # Deadlines chosen so every light shows: task 4 (issued, not yet accepted) is red.
    plans = _plans(rec, u["mzlingdao"], "社会救助科 陈科长", [45, 30, 60, 9, 20, 15])
    tasks = [
        services.issue_task(t, by=u["jiwei"])
        for t in services.tasks_from_recommendation(rec, plans, by=u["jiwei"])
    ]
    done = services.accept_task(
        _work(tasks[0], u, "minzheng", "mzlingdao", "修订后的城乡低保审核确认办法"),
        by=u["jiwei"],
        verification="on_site",
        note="实地查看新办法执行台账。",
    )
    services.return_task(
        _work(tasks[1], u, "minzheng", "mzlingdao", "低保对象比对复核清单"),
        by=u["jiwei"],
        reason="复核清单未附清退对象名单和追回资金凭证，请补充。",
    )
    services.start_task(tasks[2], by=u["minzheng"])
    _work(tasks[4], u, "minzheng", "mzlingdao", "警示教育大会会议记录")
    rebound = services.accept_task(
        _work(tasks[5], u, "minzheng", "mzlingdao", "自查自纠报告"), by=u["paizhu"], verification="written"
    )
    _review(done, rebound, u)
    return tasks


def _review(done: Task, rebound: Task, u: dict[str, User]) -> None:
    review = done.reviews.get()
    services.record_review(
        review,
        by=u["jiwei"],
        summary="抽查 2 项：1 项巩固，1 项反弹，已重新交办。",
        findings=[
            services.FindingInput(
                done, ReviewFinding.Result.CONSOLIDATED, "新办法已执行，抽查 20 户无问题。"
            ),
            services.FindingInput(
                rebound, ReviewFinding.Result.REBOUND, "抽查发现 2 户不符合条件对象仍在享受低保。"
            ),
        ],
    )


def _finance(u: dict[str, User]) -> list[Task]:
    rec = Recommendation.objects.filter(unit__code="x-cz").exclude(number="").first()
    if rec is None:
        return []
    plans = _plans(rec, u["czlingdao"], "社会保障科 李科长", [25, 8, 40])
    tasks = [
        services.issue_task(t, by=u["jiwei"])
        for t in services.tasks_from_recommendation(rec, plans, by=u["jiwei"])
    ]
    services.start_task(tasks[0], by=u["caizheng"])
    services.start_task(tasks[1], by=u["caizheng"])
    # Age one task past its deadline, as if it had been issued months ago, to show 逾期.
    Task.objects.filter(pk=tasks[1].pk).update(due_date=timezone.localdate() - timedelta(days=6))
    return tasks


def _inspections(u: dict[str, User]) -> None:
    commission = Unit.objects.get(code="x-jw")
    types = list(ProblemType.objects.all())
    for code, worker, leader, items in (
        ("x-mz", "minzheng", "mzlingdao", ["特困供养资金发放台账不健全", "养老机构运营补贴审核不严"]),
        ("x-cz", "caizheng", "czlingdao", ["专项资金拨付审核把关不严", "政府采购程序不规范"]),
    ):
        unit = Unit.objects.get(code=code)
        batch = services.create_inspection(
            by=u["jiwei"],
            unit=unit,
            issuer=commission,
            title=f"市委第二巡察组对{unit.name}党组巡察反馈意见",
            feedback_date=timezone.localdate() - timedelta(days=52),
        )
        plans = [
            services.TaskPlan(
                title=t,
                unit=unit,
                problem_type=services.guess_type(t, unit, types),
                measure=f"针对“{t}”问题制定整改方案并逐项落实",
                leader=u[leader],
                person="办公室主任",
                due_date=timezone.localdate() + timedelta(days=35),
                links={"inspection": batch},
            )
            for t in items
        ]
        for task in services.create_tasks(
            plans, issuer=commission, source=Problem.Source.INSPECTION, by=u["jiwei"]
        ):
            services.start_task(services.issue_task(task, by=u["jiwei"]), by=u[worker])


def _campaign(u: dict[str, User]) -> None:
    commission = Unit.objects.get(code="x-jw")
    campaign = Campaign.objects.create(
        name="违规收送礼品礼金问题专项治理",
        issuer=commission,
        start_date=timezone.localdate() - timedelta(days=30),
        description="聚焦节日期间收送礼品礼金、消费卡等问题，开展自查自纠和督查检查。",
    )
    gifts = ProblemType.objects.get(name="违规收受礼品礼金")
    plans = [
        services.TaskPlan(
            title=f"{Unit.objects.get(code=c).name}干部节日收受消费卡",
            unit=Unit.objects.get(code=c),
            problem_type=gifts,
            measure="全面自查清退，建立礼品礼金登记上交台账",
            person="办公室主任",
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
    u = _users()
    _civil_affairs(u)
    _finance(u)
    _inspections(u)
    _campaign(u)
    reminders = send_due_reminders(timezone.now())
    return {"tasks_created": Task.objects.count(), "reminders": reminders}
