from __future__ import annotations

import datetime
import io
from typing import Any
from urllib.parse import quote, unquote

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mingjian.audit.models import AuditEvent
from mingjian.notifications.models import Notification
from mingjian.org.tests.factories import UnitFactory, leader_of
from mingjian.rectification import ledger, services
from mingjian.rectification.models import LedgerJob, Problem, Responsibility, Task
from mingjian.rectification.tests.factories import TaskFactory, clerk
from mingjian.rectification.tests.ledger_helpers import EXPORT, IMPORT, confirm, errors, row, sheet, upload

NOW = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def boss(org: Any) -> Any:
    clerk(org.bureau_a)  # the 责任人 the sheets name, in the 干部名册
    return leader_of(org.bureau_a, username="boss", full_name="李局长")


@pytest.fixture
def tasks(org: Any, boss: Any) -> list[Task]:
    cz_boss = leader_of(org.bureau_b, username="czboss", full_name="赵局长")
    made = [
        TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss) for _ in range(2)
    ]
    made.append(TaskFactory(problem__unit=org.bureau_b, problem__issuer=org.commission, leader=cz_boss))
    return made


def _export(client: Client, user: Any, name: str = "整改台账-测试市-20261120.xlsx", **params: str) -> Any:
    client.force_login(user)
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    assert quote(name) in response["Content-Disposition"], unquote(response["Content-Disposition"])
    data = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(data))[ledger.SHEET], data


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(min_row=4, values_only=True))


def test_export_has_title_exporter_header_and_real_dates(client: Client, org: Any, tasks: Any) -> None:
    ws, _ = _export(client, org.inspector)
    # The scope of the export (the city the inspector oversees), not the exporter's own unit.
    assert ws["A1"].value == "测试市整改台账"
    assert f"导出人：{org.inspector.full_name}（inspector）" in ws["A2"].value
    assert "筛选：全部" in ws["A2"].value
    assert [c.value for c in ws[3]] == list(ledger.COLUMNS)
    rows = _rows(ws)
    assert [r[0] for r in rows] == [1, 2, 3]
    assert {r[1] for r in rows} == {t.pk for t in tasks}  # 任务编号
    first = dict(zip(ledger.COLUMNS, rows[0], strict=True))
    assert first["责任领导"] in {"李局长", "赵局长"}
    assert first["责任人"] == "王科长"
    assert first["状态"] == "草稿"
    assert isinstance(first["完成时限"], datetime.datetime)
    assert first["完成时限"].date() == datetime.date(2026, 12, 31)
    event = AuditEvent.objects.get(action="rectification.ledger.exported")
    assert event.data["rows"] == 3


def test_export_shows_only_visible_rows(client: Client, org: Any, tasks: Any) -> None:
    ws, _ = _export(client, org.outsider, "整改台账-测试市财政局-20261120.xlsx")
    col = ledger.COLUMNS.index("责任单位")
    units = {r[col] for r in _rows(ws)}
    assert units == {"测试市财政局"}
    assert ws["A1"].value == "测试市财政局整改台账"
    ws, _ = _export(client, org.liaison, "整改台账-测试市民政局-20261120.xlsx")
    assert {r[col] for r in _rows(ws)} == {"测试市民政局"}


def test_export_applies_the_list_filters(client: Client, org: Any, tasks: Any) -> None:
    services.issue_task(tasks[0], by=org.inspector)
    ws, _ = _export(client, org.inspector, "整改台账-测试市-状态：已下发-20261120.xlsx", status="issued")
    rows = _rows(ws)
    assert len(rows) == 1
    assert rows[0][ledger.COLUMNS.index("状态")] == "已下发"
    assert "筛选：状态：已下发" in ws["A2"].value
    ws, _ = _export(client, org.inspector, "整改台账-测试市财政局-20261120.xlsx", unit=str(org.bureau_b.pk))
    assert {r[ledger.COLUMNS.index("责任单位")] for r in _rows(ws)} == {"测试市财政局"}
    assert ws["A1"].value == "测试市财政局整改台账"  # the unit filtered, in the title
    assert "责任单位：测试市财政局" in ws["A2"].value


def test_template_is_the_header_without_rows(client: Client, org: Any, tasks: Any) -> None:
    ws, _ = _export(client, org.inspector, "整改台账模板-20261120.xlsx", template="1")
    assert [c.value for c in ws[3]] == list(ledger.COLUMNS)
    assert _rows(ws) == []


def test_users_without_business_scope_cannot_export(client: Client, org: Any) -> None:
    client.force_login(org.auditor)
    assert client.get(EXPORT).status_code == 404


def test_a_new_ledger_is_checked_listed_and_imported_on_confirm(
    client: Client, org: Any, tasks: Any, boss: Any
) -> None:
    data = sheet(row(), row(问题="救助资金发放不及时", 整改措施="建立台账", 完成时限="2027-01-15"))
    before = Task.objects.count()
    job = upload(client, org.inspector, data)
    assert job.status == LedgerJob.Status.READY
    assert [c["title"] for c in job.result["creates"]] == ["低保审核把关不严", "救助资金发放不及时"]
    page = client.get(reverse("rectification:ledger-job", args=[job.pk])).content.decode()
    assert "将新增 <strong>2</strong> 项" in page and "确认导入" in page
    assert Task.objects.count() == before  # nothing written before the confirm
    job = confirm(client, job)
    assert job.status == LedgerJob.Status.DONE
    assert job.data == b""  # the upload is not kept
    new = Task.objects.exclude(pk__in=[t.pk for t in tasks])
    assert new.count() == 2
    assert set(new.values_list("status", flat=True)) == {Task.Status.DRAFT}
    assert set(new.values_list("problem__issuer", flat=True)) == {org.commission.pk}
    lead = Responsibility.objects.get(task__in=new, task__measure="建立台账")
    assert (lead.leader, lead.person) == (boss, clerk(org.bureau_a))
    event = AuditEvent.objects.get(action="rectification.ledger.imported")
    assert (event.data["count"], event.data["updated"]) == (2, 0)
    assert AuditEvent.objects.filter(action="rectification.problem.created").count() == 2
    note = Notification.objects.filter(recipient=org.inspector, key__startswith=f"ledger-job:{job.pk}:")
    assert {n.key.rsplit(":", 1)[1] for n in note} == {"ready", "done"}


def test_import_can_issue_at_once(client: Client, org: Any, tasks: Any, boss: Any) -> None:
    job = confirm(
        client, upload(client, org.inspector, sheet(row(), row()), issue_now="on", source="inspection")
    )
    assert job.status == LedgerJob.Status.DONE and job.result["issued"] == 2
    new = Task.objects.exclude(pk__in=[t.pk for t in tasks])
    assert set(new.values_list("status", flat=True)) == {Task.Status.ISSUED}
    assert set(new.values_list("problem__source", flat=True)) == {Problem.Source.INSPECTION}


def test_every_bad_row_is_reported_and_nothing_is_written(client: Client, org: Any, boss: Any) -> None:
    UnitFactory(name="外市民政局")  # exists, but not a unit the inspector may issue to
    data = sheet(
        row(),  # row 4 is fine
        row(责任单位="外市民政局"),
        row(完成时限="2026-13-01"),
        row(责任人=""),
        row(问题=None, 整改措施=" "),
        row(责任领导="张三"),
        row(完成时限="2026-01-01"),
        row(整改类别="马上就改"),
        row(问题类型="不存在的类型"),
        row(完成时限=None),
        row(完成时限="12/31/2026"),
    )
    counts = (Problem.objects.count(), Task.objects.count(), Responsibility.objects.count())
    job = upload(client, org.inspector, data)
    assert errors(job) == [
        "第 5 行：未知责任单位“外市民政局”",
        "第 6 行：完成时限“2026-13-01”不是有效日期",
        "第 7 行：缺少责任人",
        "第 8 行：缺少问题",
        "第 8 行：缺少整改措施",
        "第 9 行：责任领导“张三”不是测试市民政局的班子成员（联络员不能担任）",
        "第 10 行：完成时限“2026-01-01”早于今天",
        "第 11 行：整改类别“马上就改”应为立行立改、限期整改或长期坚持",
        "第 12 行：未知问题类型“不存在的类型”",
        "第 13 行：缺少完成时限",
        "第 14 行：完成时限“12/31/2026”无法识别，请写成 2026-12-31、2026/12/31、2026.12.31 或 2026年12月31日",
    ]
    page = client.get(reverse("rectification:ledger-job", args=[job.pk])).content.decode()
    assert "未导入任何数据" in page
    assert (Problem.objects.count(), Task.objects.count(), Responsibility.objects.count()) == counts
    assert not AuditEvent.objects.filter(action="rectification.ledger.imported").exists()


def test_leader_by_username_date_cells_and_optional_columns(org: Any, boss: Any) -> None:
    data = sheet(
        row(责任领导="boss", 完成时限=datetime.date(2027, 1, 15), 整改类别="立行立改"),
        row(完成时限="2027年3月1日", 问题类型="审核把关不严"),
        row(完成时限=None, 整改类别="长期坚持"),
    )
    tasks = ledger.import_ledger(data, user=org.inspector, issuer=org.commission, source="self_inspection")
    assert [t.due_date for t in tasks] == [datetime.date(2027, 1, 15), datetime.date(2027, 3, 1), None]
    assert [t.category for t in tasks] == ["immediate", "deadline", "long_term"]
    assert tasks[1].problem.problem_type.name == "审核把关不严"
    assert all(t.responsibilities.get().leader == boss for t in tasks)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-01", datetime.date(2026, 12, 1)),
        ("2026/12/1", datetime.date(2026, 12, 1)),
        ("2026.12.31", datetime.date(2026, 12, 31)),
        ("2026年12月1日", datetime.date(2026, 12, 1)),
        ("2026 年 12 月 1 日", datetime.date(2026, 12, 1)),
        ("20261231", datetime.date(2026, 12, 31)),
        ("2026-12-31 17:30:00", datetime.date(2026, 12, 31)),
        (datetime.datetime(2026, 12, 1, 0, 0), datetime.date(2026, 12, 1)),  # noqa: DTZ001  (openpyxl is naive)
        (datetime.datetime(2026, 12, 31, 17, 30), datetime.date(2026, 12, 31)),  # noqa: DTZ001
        (46387, datetime.date(2026, 12, 31)),  # an Excel day number whose cell lost its date format
        (46387.75, datetime.date(2026, 12, 31)),
        ("2026-02-30", None),
        ("12/31/2026", None),
        ("31/12/2026", None),
        ("明年", None),
        (12, None),  # a number, but no plausible date
        (True, None),
    ],
)
def test_parse_due(value: Any, expected: Any) -> None:
    assert ledger.parse_due(value) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not an excel file\x00\x01", "无法读取文件"),
        (b"PK\x03\x04broken zip", "无法读取文件"),
        (sheet(header=("序号", "问题", "整改措施", "责任单位")), "表头缺少“责任领导”“责任人”“完成时限”列"),
        (sheet(header=("甲", "乙")), "未找到表头"),
        (sheet(), "没有整改任务行"),
    ],
)
def test_unreadable_files_are_rejected(client: Client, org: Any, data: bytes, message: str) -> None:
    before = Task.objects.count()
    job = upload(client, org.inspector, data)
    assert any(message in e for e in errors(job)), job.result
    assert Task.objects.count() == before


@pytest.mark.parametrize("user_key", ["leader", "auditor", "sysadmin"])
def test_readers_and_administrators_may_not_import(client: Client, org: Any, user_key: str) -> None:
    client.force_login(getattr(org, user_key))
    assert client.get(IMPORT).status_code == 404
    upload_file = SimpleUploadedFile("台账.xlsx", sheet(row()))
    assert client.post(IMPORT, {"file": upload_file, "source": "self_inspection"}).status_code == 404


def test_the_unit_side_may_import_updates_but_not_new_tasks(client: Client, org: Any, boss: Any) -> None:
    client.force_login(org.liaison)
    page = client.get(IMPORT).content.decode()
    assert "新增任务由纪委监委、派驻组导入" in page and 'name="source"' not in page
    job = upload(client, org.liaison, sheet(row()))
    assert errors(job) == ["第 4 行：任务编号为空的行是新增任务，新增任务只能由纪委监委、派驻组导入"]


@pytest.mark.parametrize(("user_key", "shown"), [("inspector", True), ("liaison", True), ("leader", False)])
def test_the_import_button_shows_only_to_those_who_may_import(
    client: Client, org: Any, user_key: str, shown: bool
) -> None:
    client.force_login(getattr(org, user_key))
    page = client.get(reverse("rectification:task-list")).content.decode()
    assert ('data-testid="ledger-import"' in page) is shown
    assert 'data-testid="ledger-export"' in page


def test_import_page_states_the_limits_and_links_the_template(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = client.get(IMPORT)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{EXPORT}?template=1" in page
    assert (
        "一次最多 5,000 条任务（表格不超过 10,000 行，含空行；读取前 50 列），文件不超过 10 MB；一次最多修改 300 项已有任务"
        in page
    )
