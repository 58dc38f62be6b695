"""The reports a unit owes, written from the task data so nobody types a fact twice. Each function
returns plain paragraphs; the unit edits the draft before submitting it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from mingjian.cases.models import Recommendation
from mingjian.rectification.models import InspectionBatch, Task

CN_NUMBERS = "一二三四五六七八九十"


def _seq(n: int) -> str:
    return CN_NUMBERS[n - 1] if n <= len(CN_NUMBERS) else str(n)


def _d(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（日期）"


def _task_line(task: Task) -> str:
    lead = next((r for r in task.responsibilities.all() if r.role == "lead"), None)
    who = (
        f"（责任领导：{lead.leader}；责任人：{lead.person.name if lead and lead.person else '—'}）"
        if lead
        else ""
    )
    state = task.get_status_display()
    when = f"，完成时限{_d(task.due_date)}" if task.due_date else "，长期坚持"
    progress = f"。整改情况：{task.progress}" if task.progress else ""
    return f"{task.measure}{who}{when}，目前{state}{progress}。"


def _tasks_block(tasks: Iterable[Task]) -> list[str]:
    return [f"{i}. {_task_line(t)}" for i, t in enumerate(tasks, 1)]


def _counts(tasks: list[Task]) -> str:
    done = sum(1 for t in tasks if t.status == Task.Status.ACCEPTED)
    normal = sum(1 for t in tasks if t.normalized)
    extra = f"，{normal}项转入常态化整改" if normal else ""
    return f"共制定整改措施{len(tasks)}项，已完成并验收销号{done}项{extra}"


def completion_text(rec: Recommendation) -> str:
    """整改情况报告: how each 建议 was carried out, closing the 建议书."""
    reply = getattr(rec, "reply", None)
    paras = [
        f"关于落实《{rec.title}》（{rec.number}）整改情况的报告",
        f"{rec.issuer.name}：",
        (
            f"{_d(rec.served_on)}，我单位收到你{'组' if rec.issuer.kind == 'stationed' else '委'}《{rec.title}》后，"
            f"党委（党组）于{_d(reply.meeting_date if reply else None)}召开会议专题研究，制定整改方案，"
            "明确问题清单、任务清单、责任清单，逐项抓好整改落实。现将整改情况报告如下。"
        ),
    ]
    all_tasks: list[Task] = []
    for n, item in enumerate((i for i in rec.items.all() if i.in_force), 1):
        tasks = list(
            Task.objects.filter(problem__recommendation_item=item)
            .prefetch_related("responsibilities__leader", "responsibilities__person")
            .order_by("id")
        )
        all_tasks += tasks
        paras.append(f"{_seq(n)}、关于“{item.text.rstrip('。')}”的整改情况")
        if item.problem_text:
            paras.append(f"针对的问题：{item.problem_text}")
        paras += _tasks_block(tasks) or ["（尚无整改任务）"]
    paras.append("总体情况：" + _counts(all_tasks) + "。")
    paras.append("下一步，我单位将持续巩固整改成果，健全长效机制，自觉接受监督。")
    paras.append(f"{rec.unit.name}")
    paras.append(_d(timezone.localdate()))
    return "\n".join(paras)


def _batch_tasks(batch: InspectionBatch) -> list[Task]:
    return list(
        Task.objects.filter(problem__inspection=batch)
        .prefetch_related("responsibilities__leader", "responsibilities__person")
        .select_related("problem")
        .order_by("problem_id", "id")
    )


def progress_text(batch: InspectionBatch) -> str:
    """整改进展情况报告 to the 巡察机构, within two months of the feedback."""
    tasks = _batch_tasks(batch)
    paras = [
        f"{batch.unit.name}关于{batch.title}整改进展情况的报告",
        f"{batch.issuer.name}：",
        f"{_d(batch.feedback_date)}，{batch.issuer.name}向我单位反馈了巡察意见。我单位党委（党组）"
        "切实履行整改主体责任，对照反馈问题逐条制定整改措施。现将整改进展情况报告如下。",
    ]
    by_problem: dict[int, list[Task]] = {}
    for task in tasks:
        by_problem.setdefault(task.problem_id, []).append(task)
    for n, group in enumerate(by_problem.values(), 1):
        paras.append(f"{_seq(n)}、关于“{group[0].problem.title.rstrip('。')}”问题的整改")
        paras += _tasks_block(group)
    paras.append("总体情况：" + _counts(tasks) + "。")
    paras += [batch.unit.name, _d(timezone.localdate())]
    return "\n".join(paras)


def principal_text(batch: InspectionBatch, principal: str) -> str:
    """主要负责人组织落实情况报告: how the 第一责任人 led the 整改."""
    tasks = _batch_tasks(batch)
    leaders = sorted({str(r.leader) for t in tasks for r in t.responsibilities.all() if r.leader})
    return "\n".join(
        [
            f"{batch.unit.name}主要负责人关于组织落实{batch.title}整改工作情况的报告",
            f"{batch.issuer.name}：",
            f"我作为{batch.unit.name}党委（党组）书记、整改第一责任人，牵头组织巡察反馈问题整改，"
            f"主持研究制定整改方案，明确{len(leaders)}名班子成员分别担任责任领导（{'、'.join(leaders) or '—'}），"
            "定期听取整改进展汇报，对重点难点问题亲自督办。",
            "整改进展：" + _counts(tasks) + "。",
            f"报告人：{principal}",
            _d(timezone.localdate()),
        ]
    )


def disclosure_text(batch: InspectionBatch) -> str:
    """整改进展情况公开 (draft): what the public is told when the 集中整改期 ends."""
    tasks = _batch_tasks(batch)
    return "\n".join(
        [
            f"中共{batch.unit.name}委员会（党组）关于{batch.title}集中整改进展情况的通报",
            f"根据巡察工作有关规定，现将{batch.title}集中整改进展情况予以公开。",
            "集中整改期间，"
            + _counts(tasks)
            + "。对需要长期坚持的整改事项，将持续推进、常态化整改，确保问题整改到位。",
            "欢迎广大干部群众对巡察整改落实情况进行监督。",
            _d(timezone.localdate()),
        ]
    )
