"""The register in Excel: the customary columns in order, formula-safe cells, and an import that
is all-or-nothing with a reason per bad row — bounded before openpyxl reads the file."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook

from mingjian.org.tests.factories import leader_of
from mingjian.risks import ledger
from mingjian.risks.models import RiskPoint
from mingjian.risks.tests.factories import head_of, row, sheet


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss", full_name="林副局长")


def _export(user: Any) -> list[tuple[Any, ...]]:
    out = io.BytesIO()
    ledger.write_register(RiskPoint.objects.visible_to(user).order_by("id"), out, user=user, filters="全部")
    ws = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    return list(ws.iter_rows(values_only=True))


def test_export_has_the_customary_columns_in_order(org: Any, boss: Any) -> None:
    row(
        org.liaison,
        org.a_dept,
        boss,
        dept_head=head_of(org.a_dept),
        manifestation="为亲属违规办理",
        category="post",
    )
    header, first = _export(org.liaison)[2:4]
    assert header[:10] == (
        "序号",
        "单位/科室",
        "岗位",
        "风险类别",
        "风险点",
        "表现形式",
        "风险等级",
        "防控措施",
        "科室负责人",
        "责任领导",
    )
    assert first[:10] == (
        1,
        "社会救助科",
        "低保审批权",
        "岗位职责风险",
        "一人审核一人审批，缺少交叉复核",
        "为亲属违规办理",
        "高",
        "审核审批分设，季度抽查 10%。",
        "赵科长",
        "林副局长",
    )


def test_user_text_that_looks_like_a_formula_stays_text(org: Any, boss: Any) -> None:
    row(org.liaison, org.bureau_a, boss, post='=HYPERLINK("http://x")', controls="+1-1")
    out = io.BytesIO()
    ledger.write_register(RiskPoint.objects.all(), out, user=org.liaison, filters="全部")
    ws = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    cells = {c.value: c for r in ws.iter_rows(min_row=4) for c in r}
    assert cells['=HYPERLINK("http://x")'].data_type == "s" and cells["+1-1"].data_type == "s"


def test_import_round_trip_updates_and_adds(org: Any, boss: Any) -> None:
    existing = row(org.liaison, org.bureau_a, boss, controls="旧措施")
    data = sheet(
        [
            [
                1,
                "测试市民政局",
                "低保审批权",
                "岗位职责风险",
                existing.point,
                "",
                "中",
                "新措施：交叉复核",
                "",
                "林副局长",
            ],
            [
                2,
                "社会救助科",
                "临时救助审批",
                "业务流程风险",
                "救助标准把握随意",
                "人情救助",
                "中",
                "分档标准",
                "赵科长",
                "boss",
            ],
        ]
    )
    head_of(org.a_dept)
    assert ledger.import_register(data, user=org.liaison, register=org.bureau_a) == (1, 1)
    existing.refresh_from_db()
    assert existing.controls == "新措施：交叉复核" and existing.level == "medium"
    added = RiskPoint.objects.get(post="临时救助审批")
    assert added.unit == org.a_dept and added.dept_head == head_of(org.a_dept) and added.leader == boss
    assert added.source == RiskPoint.Source.IMPORTED


def test_any_bad_row_stops_the_whole_file_with_reasons(org: Any, boss: Any) -> None:
    data = sheet(
        [
            [1, "社会救助科", "临时救助审批", "", "救助标准把握随意", "", "中", "分档标准", "", "林副局长"],
            [2, "测试市财政局", "国库支付", "", "超进度用款", "", "高", "比对", "", "林副局长"],
            [3, "社会救助科", "低保审批", "未知类别", "一人审批", "", "很高", "", "钱某", "张三"],
            [4, "社会救助科", "临时救助审批", "", "救助标准把握随意", "", "中", "分档标准", "", "林副局长"],
        ]
    )
    with pytest.raises(ledger.RowsError) as bad:
        ledger.import_register(data, user=org.liaison, register=org.bureau_a)
    errors = bad.value.errors
    assert any(e.startswith("第 4 行：“测试市财政局”不是测试市民政局或其科室") for e in errors)
    for reason in (
        "风险等级“很高”应为高、中或低",
        "风险类别“未知类别”",
        "科室负责人“钱某”不在社会救助科干部名册中",
        "责任领导“张三”不是测试市民政局的班子成员",
        "防控措施",
    ):
        assert any(e.startswith("第 5 行：") and reason in e for e in errors), reason
    assert any(e == "第 6 行：与第 3 行重复" for e in errors)
    assert not RiskPoint.objects.exists()


def test_the_header_must_name_the_required_columns(org: Any, boss: Any) -> None:
    with pytest.raises(ledger.SheetError, match="表头缺少“防控措施”“责任领导”列"):
        ledger.import_register(
            sheet([], header=("单位/科室", "岗位", "风险点", "风险等级")),
            user=org.liaison,
            register=org.bureau_a,
        )


def test_a_zip_bomb_is_refused_before_parsing(org: Any) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (ledger.MAX_MEMBER_BYTES + 1))
    with pytest.raises(ledger.SheetError, match="解压后过大"):
        ledger.import_register(out.getvalue(), user=org.liaison, register=org.bureau_a)


def test_not_an_xlsx(org: Any) -> None:
    with pytest.raises(ledger.SheetError, match="无法读取文件"):
        ledger.import_register(b"not a zip", user=org.liaison, register=org.bureau_a)
