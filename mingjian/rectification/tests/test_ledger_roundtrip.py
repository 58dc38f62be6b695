"""An exported 台账 re-imports as it is: the 任务编号 column makes rows update their tasks (listed
before the confirm, applied through the owning service), never duplicate them."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mingjian.audit.models import AuditEvent
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import ledger, services
from mingjian.rectification.ledger import checking
from mingjian.rectification.models import LedgerJob, Task
from mingjian.rectification.tests.factories import TaskFactory, clerk
from mingjian.rectification.tests.ledger_helpers import confirm, errors, export, save, upload

NOW = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def boss(org: Any) -> Any:
    clerk(org.bureau_a)
    return leader_of(org.bureau_a, username="boss", full_name="李局长")


@pytest.fixture
def tasks(org: Any, boss: Any) -> dict[str, Task]:
    """A draft, an issued task, one in progress and one whose deadline has passed, in bureau_a."""
    make = {"problem__unit": org.bureau_a, "problem__issuer": org.commission, "leader": boss}
    draft = TaskFactory(measure="修订审核办法", **make)
    issued = services.issue_task(TaskFactory(measure="建立回避制度", **make), by=org.inspector)
    working = services.issue_task(TaskFactory(measure="清理违规发放资金", **make), by=org.inspector)
    working = services.start_task(working, by=org.liaison)
    working = services.save_progress(working, by=org.liaison, progress="已清理 12 户")
    late = TaskFactory(measure="开展警示教育", due_date=datetime.date(2026, 10, 1), **make)
    late.responsibilities.update(person=None)  # a blank 责任人 cell in the export
    return {"draft": draft, "issued": issued, "working": working, "late": late}


def _edit(data: bytes, task: Task, **cells: Any) -> bytes:
    """The exported workbook with some cells of `task`'s row changed, as a clerk would."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[ledger.SHEET]
    column = {c.value: c.column for c in ws[3]}
    target = next(r for r in ws.iter_rows(min_row=4) if r[column["任务编号"] - 1].value == task.pk)
    for name, value in cells.items():
        target[column[name] - 1].value = value
    return save(wb)


def _counts() -> tuple[int, int, int]:
    updates = AuditEvent.objects.filter(
        action__in=["rectification.task.updated", "rectification.task.progress"]
    )
    return (
        Task.objects.count(),
        AuditEvent.objects.filter(action="rectification.problem.created").count(),
        updates.count(),
    )


def test_an_unchanged_export_reimports_with_no_changes_and_no_new_rows(
    client: Client, org: Any, tasks: dict[str, Task]
) -> None:
    data = export(client, org.inspector)
    before = _counts()
    job = upload(client, org.inspector, data)
    # The past deadline and the blank 责任人 of an existing task are not errors.
    assert job.status == LedgerJob.Status.READY, job.result
    assert (len(job.result["creates"]), job.result["updated"], job.result["changes"]) == (0, 0, [])
    assert job.result["notes"] == []
    assert job.result["unchanged"] == len(tasks)
    job = confirm(client, job)
    assert job.status == LedgerJob.Status.DONE
    assert (job.result["created"], job.result["updated"]) == (0, 0)
    assert _counts() == before


def test_draft_edits_are_listed_then_applied_through_the_draft_service(
    client: Client, org: Any, tasks: dict[str, Task]
) -> None:
    draft = tasks["draft"]
    data = _edit(export(client, org.inspector), draft, 整改措施="修订审核办法并公示", 完成时限="2027.03.31")
    job = upload(client, org.inspector, data)
    changes = {(c["task"], c["column"]): (c["before"], c["after"]) for c in job.result["changes"]}
    assert changes == {
        (draft.pk, "整改措施"): ("修订审核办法", "修订审核办法并公示"),
        (draft.pk, "完成时限"): ("2026-12-31", "2027-03-31"),
    }
    draft.refresh_from_db()
    assert draft.measure == "修订审核办法"  # listed, not yet written
    confirm(client, job)
    draft.refresh_from_db()
    assert (draft.measure, draft.due_date) == ("修订审核办法并公示", datetime.date(2027, 3, 31))
    event = AuditEvent.objects.get(action="rectification.task.updated", target_id=str(draft.pk))
    assert event.data["fields"] == ["due_date", "due_working_days", "measure"]


def test_status_and_states_that_forbid_a_change_are_reported_not_applied(
    client: Client, org: Any, tasks: dict[str, Task]
) -> None:
    issued, draft = tasks["issued"], tasks["draft"]
    data = export(client, org.inspector)
    data = _edit(data, issued, 整改措施="改过的措施", 状态="已销号")
    data = _edit(data, draft, 问题="改过的问题", 整改进展="草稿也写了进展")
    job = upload(client, org.inspector, data)
    assert job.result["changes"] == []
    notes = {(c["task"], c["column"]): c["note"] for c in job.result["notes"]}
    assert notes == {
        (issued.pk, "整改措施"): "任务已下发，整改措施不能再通过导入修改",
        (issued.pk, "状态"): "状态只随办理流程变更，导入不修改",
        (draft.pk, "问题"): ledger.checking.NOT_BY_IMPORT,
        (draft.pk, "整改进展"): "任务草稿，只有整改中的任务可以填写整改进展",
    }
    before = _counts()
    confirm(client, job)
    issued.refresh_from_db()
    assert (issued.status, issued.measure) == (Task.Status.ISSUED, "建立回避制度")
    assert _counts() == before


def test_the_unit_writes_progress_through_the_progress_service(
    client: Client, org: Any, tasks: dict[str, Task]
) -> None:
    working = tasks["working"]
    data = _edit(export(client, org.liaison), working, 整改进展="已清理 12 户，追回资金 3.6 万元")
    # The 纪委 does not write a unit's progress: the same file is only reported for it.
    as_inspector = upload(client, org.inspector, data)
    assert [c["note"] for c in as_inspector.result["notes"]] == ["整改进展由责任单位填写"]
    job = confirm(client, upload(client, org.liaison, data))
    assert job.status == LedgerJob.Status.DONE
    working.refresh_from_db()
    assert working.progress == "已清理 12 户，追回资金 3.6 万元"
    event = AuditEvent.objects.filter(action="rectification.task.progress", target_id=str(working.pk)).latest(
        "seq"
    )
    assert event.actor == org.liaison


def test_bad_and_foreign_task_numbers_are_row_errors(
    client: Client, org: Any, tasks: dict[str, Task]
) -> None:
    other = TaskFactory(problem__unit=org.bureau_b, problem__issuer=org.commission)
    data = export(client, org.liaison)  # bureau_a's ledger
    wb = load_workbook(io.BytesIO(data))
    ws = wb[ledger.SHEET]
    ws.cell(row=4, column=2).value = other.pk  # a task the liaison cannot see
    ws.cell(row=5, column=2).value = "T-7"
    ws.cell(row=6, column=2).value = ws.cell(row=7, column=2).value
    found = errors(upload(client, org.liaison, save(wb)))
    assert found == [
        "第 5 行：任务编号“T-7”无效（新增任务请留空）",
        "第 7 行：任务编号 " + str(ws.cell(row=7, column=2).value) + " 与第 6 行重复",
        f"第 4 行：任务编号 {other.pk} 不存在或无权查看",
    ]


def test_a_task_changed_after_the_check_stops_the_import(
    client: Client, org: Any, tasks: dict[str, Task]
) -> None:
    draft = tasks["draft"]
    job = upload(client, org.inspector, _edit(export(client, org.inspector), draft, 整改措施="新的措施"))
    services.issue_task(draft, by=org.inspector)  # meanwhile someone issues it
    job = confirm(client, job)
    assert job.status == LedgerJob.Status.FAILED
    assert job.result["errors"] == ["核对之后，表中所涉任务已被他人修改，请重新上传核对。"]
    draft.refresh_from_db()
    assert draft.measure == "修订审核办法"


def test_only_the_uploader_sees_or_confirms_the_job(client: Client, org: Any, tasks: dict[str, Task]) -> None:
    job = upload(client, org.inspector, export(client, org.inspector))
    client.force_login(org.stationed)
    for name in ("ledger-job", "ledger-job-status"):
        assert client.get(reverse(f"rectification:{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("rectification:ledger-job-confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == LedgerJob.Status.READY


def test_more_changes_than_one_import_may_make_are_refused_whole(
    client: Client, org: Any, tasks: dict[str, Task], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checking, "MAX_UPDATES", 1)
    data = export(client, org.inspector)
    data = _edit(data, tasks["draft"], 整改措施="修订审核办法并公示")
    data = _edit(data, tasks["late"], 整改措施="开展警示教育并通报")
    before = _counts()
    job = upload(client, org.inspector, data)
    assert errors(job) == ["本表修改了 2 项已有任务，一次最多修改 1 项，请分批导入。"]
    assert _counts() == before
