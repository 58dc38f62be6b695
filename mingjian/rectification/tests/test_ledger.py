from __future__ import annotations

import datetime
import io
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mingjian.audit.models import AuditEvent
from mingjian.org.tests.factories import UnitFactory, leader_of
from mingjian.rectification import ledger, services
from mingjian.rectification.models import Problem, Responsibility, Task
from mingjian.rectification.tests.factories import TaskFactory, clerk

NOW = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
EXPORT = reverse("rectification:ledger-export")
IMPORT = reverse("rectification:ledger-import")
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


def _export(client: Client, user: Any, **params: str) -> Any:
    client.force_login(user)
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    assert quote("整改台账-20261120.xlsx") in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(data))[ledger.SHEET], data


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(min_row=4, values_only=True))


def test_export_has_title_exporter_header_and_real_dates(client: Client, org: Any, tasks: Any) -> None:
    ws, _ = _export(client, org.inspector)
    assert ws["A1"].value == "测试市纪委监委整改台账"
    assert f"导出人：{org.inspector.full_name}（inspector）" in ws["A2"].value
    assert "筛选：全部" in ws["A2"].value
    assert [c.value for c in ws[3]] == list(ledger.COLUMNS)
    rows = _rows(ws)
    assert [r[0] for r in rows] == [1, 2, 3]
    first = dict(zip(ledger.COLUMNS, rows[0], strict=True))
    assert first["责任领导"] in {"李局长", "赵局长"}
    assert first["责任人"] == "王科长"
    assert first["状态"] == "草稿"
    assert isinstance(first["完成时限"], datetime.datetime)
    assert first["完成时限"].date() == datetime.date(2026, 12, 31)
    event = AuditEvent.objects.get(action="rectification.ledger.exported")
    assert event.data["rows"] == 3


def test_export_shows_only_visible_rows(client: Client, org: Any, tasks: Any) -> None:
    ws, _ = _export(client, org.outsider)
    col = ledger.COLUMNS.index("责任单位")
    units = {r[col] for r in _rows(ws)}
    assert units == {"测试市财政局"}
    ws, _ = _export(client, org.liaison)
    assert {r[col] for r in _rows(ws)} == {"测试市民政局"}


def test_export_applies_the_list_filters(client: Client, org: Any, tasks: Any) -> None:
    services.issue_task(tasks[0], by=org.inspector)
    ws, _ = _export(client, org.inspector, status="issued")
    rows = _rows(ws)
    assert len(rows) == 1
    assert rows[0][ledger.COLUMNS.index("状态")] == "已下发"
    assert "筛选：状态：已下发" in ws["A2"].value
    ws, _ = _export(client, org.inspector, unit=str(org.bureau_b.pk))
    assert {r[ledger.COLUMNS.index("责任单位")] for r in _rows(ws)} == {"测试市财政局"}
    assert "责任单位：测试市财政局" in ws["A2"].value


def test_template_is_the_header_without_rows(client: Client, org: Any, tasks: Any) -> None:
    ws, _ = _export(client, org.inspector, template="1")
    assert [c.value for c in ws[3]] == list(ledger.COLUMNS)
    assert _rows(ws) == []


def test_users_without_business_scope_cannot_export(client: Client, org: Any) -> None:
    client.force_login(org.auditor)
    assert client.get(EXPORT).status_code == 404


def _post(client: Client, user: Any, data: bytes, **fields: Any) -> Any:
    client.force_login(user)
    upload = SimpleUploadedFile("台账.xlsx", data)
    return client.post(IMPORT, {"file": upload, "source": "self_inspection", **fields})


def test_import_round_trip_creates_the_same_number_of_drafts(
    client: Client, org: Any, tasks: Any, boss: Any
) -> None:
    _, data = _export(client, org.inspector)
    before = Task.objects.count()
    response = _post(client, org.inspector, data)
    assert response.status_code == 302
    new = Task.objects.exclude(pk__in=[t.pk for t in tasks])
    assert new.count() == before == 3
    assert set(new.values_list("status", flat=True)) == {Task.Status.DRAFT}
    assert set(new.values_list("problem__issuer", flat=True)) == {org.commission.pk}
    lead = Responsibility.objects.get(task__in=new, unit=org.bureau_a, task__measure=tasks[0].measure)
    assert (lead.leader, lead.person) == (boss, clerk(org.bureau_a))
    assert AuditEvent.objects.get(action="rectification.ledger.imported").data["count"] == 3


def test_import_can_issue_at_once(client: Client, org: Any, tasks: Any) -> None:
    _, data = _export(client, org.inspector, unit=str(org.bureau_a.pk))
    _post(client, org.inspector, data, issue_now="on", source="inspection")
    new = Task.objects.exclude(pk__in=[t.pk for t in tasks])
    assert set(new.values_list("status", flat=True)) == {Task.Status.ISSUED}
    assert set(new.values_list("problem__source", flat=True)) == {Problem.Source.INSPECTION}


def _sheet(*rows: list[Any], header: tuple[str, ...] = ledger.COLUMNS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = ledger.SHEET
    ws.append(["整改台账"])
    ws.append(["导出人：某某"])
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(**values: Any) -> list[Any]:
    base = {
        "问题": "低保审核把关不严",
        "整改措施": "修订审核办法",
        "责任单位": "测试市民政局",
        "责任领导": "李局长",
        "责任人": "王科长",
        "完成时限": "2026-12-31",
    }
    base.update(values)
    return [base.get(c) for c in ledger.COLUMNS]


def test_every_bad_row_is_reported_and_nothing_is_written(client: Client, org: Any, boss: Any) -> None:
    UnitFactory(name="外市民政局")  # exists, but not a unit the inspector may issue to
    data = _sheet(
        _row(),  # row 4 is fine
        _row(责任单位="外市民政局"),
        _row(完成时限="2026-13-01"),
        _row(责任人=""),
        _row(问题=None, 整改措施=" "),
        _row(责任领导="张三"),
        _row(完成时限="2026-01-01"),
        _row(整改类别="马上就改"),
        _row(问题类型="不存在的类型"),
        _row(完成时限=None),
    )
    counts = (Problem.objects.count(), Task.objects.count(), Responsibility.objects.count())
    response = _post(client, org.inspector, data)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert errors == [
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
    ]
    assert "未导入任何数据" in response.content.decode()
    assert (Problem.objects.count(), Task.objects.count(), Responsibility.objects.count()) == counts
    assert not AuditEvent.objects.filter(action="rectification.ledger.imported").exists()


def test_leader_by_username_date_cells_and_optional_columns(org: Any, boss: Any) -> None:
    data = _sheet(
        _row(责任领导="boss", 完成时限=datetime.date(2027, 1, 15), 整改类别="立行立改"),
        _row(完成时限="2027年3月1日", 问题类型="审核把关不严"),
        _row(完成时限=None, 整改类别="长期坚持"),
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
        ("2026年12月1日", datetime.date(2026, 12, 1)),
        (datetime.datetime(2026, 12, 1, 0, 0), datetime.date(2026, 12, 1)),  # noqa: DTZ001  (openpyxl is naive)
        ("2026-02-30", None),
        ("明年", None),
        (46000, None),
    ],
)
def test_parse_due(value: Any, expected: Any) -> None:
    assert ledger.parse_due(value) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not an excel file", "无法读取文件"),
        (b"PK\x03\x04broken zip", "无法读取文件"),
        (_sheet(header=("序号", "问题", "整改措施", "责任单位")), "表头缺少“责任领导”“责任人”“完成时限”列"),
        (_sheet(header=("甲", "乙")), "未找到表头"),
        (_sheet(), "没有整改任务行"),
    ],
)
def test_unreadable_files_are_rejected(client: Client, org: Any, data: bytes, message: str) -> None:
    before = Task.objects.count()
    response = _post(client, org.inspector, data)
    assert response.status_code == 200
    assert any(message in e for e in response.context["errors"])
    assert Task.objects.count() == before


@pytest.mark.parametrize("user_key", ["liaison", "outsider", "parent", "leader", "auditor"])
def test_only_supervisors_may_import(client: Client, org: Any, user_key: str) -> None:
    client.force_login(getattr(org, user_key))
    assert client.get(IMPORT).status_code == 404
    assert _post(client, getattr(org, user_key), _sheet(_row())).status_code == 404


def test_import_page_links_the_template(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = client.get(IMPORT)
    assert response.status_code == 200
    assert f"{EXPORT}?template=1" in response.content.decode()
