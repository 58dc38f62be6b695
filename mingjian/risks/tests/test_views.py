"""廉政风险防控 pages: the register and its filters, a row's page, the form, the Excel export (column
order) and import (row-level reasons), 纳入风险库 from the case page, and push → confirm / decline."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mingjian.audit.models import AuditEvent
from mingjian.cases.models import CaseAnalysis, IntegrityRisk
from mingjian.cases.tests.factories import AnalysisFactory
from mingjian.org.models import Field
from mingjian.org.tests.factories import UnitFactory, leader_of, user_with_role
from mingjian.regulations.tests.factories import Loop, make_loop
from mingjian.risks import services
from mingjian.risks.ledger import COLUMNS
from mingjian.risks.models import ControlFailure, RiskPoint
from mingjian.risks.tests.factories import head_of, row, sheet

S = RiskPoint.Status


@pytest.fixture
def loop(org: Any) -> Loop:
    return make_loop(org)


def _login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client: Client, url: str, query: dict[str, Any] | None = None) -> str:
    response = client.get(url, query or {})
    assert response.status_code == 200
    return response.content.decode()


def _seed(org: Any, boss: Any) -> None:
    row(org.liaison, org.bureau_a, boss, post="低保审批权", level="high", category="post")
    row(org.liaison, org.a_dept, boss, post="临时救助审批", level="low", category="process")
    retired = row(org.liaison, org.bureau_a, boss, post="公车管理", point="公车私用", level="medium")
    services.retire_risk(retired, by=org.liaison, reason="职能已划转")


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({}, {"低保审批权", "临时救助审批"}),
        ({"level": "high"}, {"低保审批权"}),
        ({"category": "process"}, {"临时救助审批"}),
        ({"status": "retired"}, {"公车管理"}),
        ({"status": "all"}, {"低保审批权", "临时救助审批", "公车管理"}),
        ({"q": "临时"}, {"临时救助审批"}),
        ({"unit": "a_dept"}, {"临时救助审批"}),
        ({"unit": "bureau_b"}, set()),  # a unit outside the reader's scope answers like a missing one
    ],
)
def test_the_register_filters(org: Any, loop: Loop, query: dict[str, str], shown: set[str]) -> None:
    _seed(org, loop.boss)
    if "unit" in query:
        query = {"unit": str(getattr(org, query["unit"]).pk)}
    page = _page(_login(org.liaison), reverse("risks:risk-list"), query)
    posts = {"低保审批权", "临时救助审批", "公车管理"}
    assert {p for p in posts if f">{p}</a>" in page} == shown


def test_the_register_is_the_units_own(org: Any, loop: Loop) -> None:
    _seed(org, loop.boss)
    assert ">低保审批权</a>" in _page(_login(org.inspector), reverse("risks:risk-list"))
    outsider = _page(_login(org.outsider), reverse("risks:risk-list"))
    assert ">低保审批权</a>" not in outsider and "暂无风险点" in outsider


def test_the_row_page_shows_the_customary_fields_and_404s_for_others(org: Any, loop: Loop) -> None:
    made = row(
        org.liaison, org.a_dept, loop.boss, dept_head=head_of(org.a_dept), manifestation="为亲属违规办理"
    )
    page = _page(_login(org.liaison), made.get_absolute_url())
    for text in ("低保审批权：一人审核一人审批，缺少交叉复核", "为亲属违规办理", "赵科长", "高风险"):
        assert text in page
    assert 'data-testid="risk-edit"' in page
    assert 'data-testid="risk-edit"' not in _page(_login(org.inspector), made.get_absolute_url())
    assert _login(org.outsider).get(made.get_absolute_url()).status_code == 404


def test_the_form_offers_the_units_leaders_and_refuses_others(org: Any, loop: Loop) -> None:
    client = _login(org.liaison)
    url = reverse("risks:risk-create")
    form = _page(client, url, {"unit": org.bureau_a.pk})
    assert f'value="{loop.boss.pk}"' in form
    data = {
        "unit": org.bureau_a.pk,
        "post": "救助资金发放",
        "category": "post",
        "point": "资金发放不经复核",
        "level": "medium",
        "controls": "双人复核。",
        "leader": leader_of(org.bureau_b, username="b-boss").pk,
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and not RiskPoint.objects.exists()
    assert set(refused.context["form"].errors) == {"leader"}  # another unit's 班子成员 is not offered
    data["leader"] = loop.boss.pk
    response = client.post(url, data)
    made = RiskPoint.objects.get()
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert (made.unit, made.leader, made.status) == (org.bureau_a, loop.boss, S.ACTIVE)
    assert _login(org.inspector).get(url).status_code == 404  # the supervising side reads, not keeps


def _sheet_rows(response: Any) -> list[tuple[Any, ...]]:
    content = b"".join(response.streaming_content)
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    return list(ws.iter_rows(values_only=True))


def test_the_export_keeps_the_column_order_and_the_filters(org: Any, loop: Loop) -> None:
    _seed(org, loop.boss)
    response = _login(org.liaison).get(reverse("risks:register-export"), {"level": "high"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith(".xlsx")
    _title, meta, header, *body = _sheet_rows(response)
    assert header[: len(COLUMNS) + 1] == ("序号", *COLUMNS)
    assert COLUMNS == (
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
    assert [r[2] for r in body] == ["低保审批权"] and body[0][6] == "高"
    assert "筛选：高" in str(meta[0])
    assert AuditEvent.objects.filter(action="risks.register.exported", actor=org.liaison).exists()
    template = _sheet_rows(_login(org.liaison).get(reverse("risks:register-export"), {"template": 1}))
    assert len(template) == 3  # title, who and when, header: no rows
    assert _login(org.outsider).get(reverse("risks:register-export")).status_code == 200
    assert len(_sheet_rows(_login(org.outsider).get(reverse("risks:register-export")))) == 3


def _upload(rows: list[list[Any]], name: str = "台账.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sheet(rows))


def test_the_import_adds_rows_and_returns_to_the_unit(org: Any, loop: Loop) -> None:
    head_of(org.a_dept)
    good = [
        1,
        "社会救助科",
        "临时救助审批",
        "业务流程风险",
        "救助标准把握随意",
        "",
        "中",
        "分档标准",
        "赵科长",
        "boss",
    ]
    response = _login(org.liaison).post(
        reverse("risks:register-import"), {"unit": org.bureau_a.pk, "file": _upload([good])}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?unit={org.bureau_a.pk}")
    made = RiskPoint.objects.get()
    assert (made.unit, made.post, made.leader, made.source) == (
        org.a_dept,
        "临时救助审批",
        loop.boss,
        RiskPoint.Source.IMPORTED,
    )


def test_a_bad_import_lists_a_reason_per_row_and_writes_nothing(org: Any, loop: Loop) -> None:
    rows = [
        [1, "社会救助科", "临时救助审批", "", "救助标准把握随意", "", "中", "分档标准", "", "boss"],
        [2, "社会救助科", "低保审批", "", "一人审批", "", "很高", "", "", "张三"],
    ]
    page = _login(org.liaison).post(
        reverse("risks:register-import"), {"unit": org.bureau_a.pk, "file": _upload(rows)}
    )
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="import-errors"' in html and "未导入任何数据" in html
    assert "第 4 行：" in html and "风险等级“很高”应为高、中或低" in html
    assert "责任领导“张三”不是测试市民政局的班子成员" in html
    assert "第 3 行：" not in html  # the good row has no reason
    assert not RiskPoint.objects.exists()
    wrong = _login(org.liaison).post(
        reverse("risks:register-import"),
        {"unit": org.bureau_a.pk, "file": SimpleUploadedFile("台账.csv", b"a,b")},
    )
    assert "请上传 Excel（.xlsx）文件" in wrong.content.decode()
    assert _login(org.inspector).get(reverse("risks:register-import")).status_code == 404


def test_take_a_risk_from_the_case_page_in_one_click(org: Any, loop: Loop) -> None:
    client = _login(org.liaison)
    case_page = _page(client, loop.case.get_absolute_url())
    assert 'data-testid="risks-panel"' in case_page and 'data-testid="take-risk"' in case_page
    url = reverse("risks:take-risk", args=[loop.analysis.pk])
    response = client.post(url, {"risk": loop.risk.pk})
    made = RiskPoint.objects.get(source_risk=loop.risk)
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert (made.post, made.point, made.level) == ("低保审批权", loop.risk.description, "high")
    case_page = _page(client, loop.case.get_absolute_url())
    assert 'data-testid="taken-row"' in case_page and 'data-testid="take-risk"' not in case_page
    again = client.post(url, {"risk": loop.risk.pk})
    assert again.status_code == 302 and RiskPoint.objects.filter(source_risk=loop.risk).count() == 1
    # a risk point of another analysis is not taken through this one
    other = IntegrityRisk.objects.create(
        analysis=AnalysisFactory(case__unit=org.bureau_a, status=CaseAnalysis.Status.APPROVED),
        post="他案岗位",
        description="他案风险",
        level="low",
    )
    client.post(url, {"risk": other.pk})
    assert not RiskPoint.objects.filter(source_risk=other).exists()
    assert _login(org.outsider).post(url, {"risk": loop.risk.pk}).status_code == 404


def test_a_new_case_hitting_controls_flags_the_register_and_the_case(org: Any, loop: Loop) -> None:
    existing = row(org.liaison, org.bureau_a, loop.boss, controls="审批由科长签字。")
    client = _login(org.stationed)
    client.post(reverse("risks:take-risk", args=[loop.analysis.pk]), {"risk": loop.risk.pk})
    failure = ControlFailure.objects.get(risk=existing, case=loop.case)
    assert failure.status == ControlFailure.Status.OPEN
    register = _page(_login(org.liaison), reverse("risks:risk-list"), {"failed": 1})
    assert 'data-testid="failure-flag"' in register and ">低保审批权</a>" in register
    case_page = _page(client, loop.case.get_absolute_url())
    assert 'data-testid="control-failures"' in case_page and "防控失效" in case_page
    unit = _login(org.liaison)
    unit.post(reverse("risks:failure-resolve", args=[failure.pk]), {"controls": "审核审批分设，交叉复核。"})
    failure.refresh_from_db()
    assert failure.status == ControlFailure.Status.RESOLVED
    assert "failure-flag" not in _page(unit, reverse("risks:risk-list"))


def test_push_to_a_same_field_unit_which_confirms_or_declines(org: Any, loop: Loop) -> None:
    made = row(org.liaison, org.bureau_a, loop.boss)
    east = UnitFactory(name="东城区民政局", parent=org.city, field=Field.CIVIL_AFFAIRS)
    west = UnitFactory(name="西城区民政局", parent=org.city, field=Field.CIVIL_AFFAIRS)
    east_clerk = user_with_role("unit_liaison", east, username="east")
    west_clerk = user_with_role("unit_liaison", west, username="west")
    east_boss = leader_of(east, username="east-boss")
    inspector = _login(org.inspector)
    response = inspector.get(made.get_absolute_url())
    assert 'data-testid="risk-push"' in response.content.decode()
    assert set(response.context["push_form"].fields["units"].queryset) == {east, west}  # not 财政, not itself
    push = reverse("risks:risk-action", args=[made.pk, "push"])
    assert _login(org.liaison).post(push, {"units": [east.pk]}).status_code == 404
    inspector.post(push, {"units": [east.pk, west.pk]})
    east_row, west_row = (RiskPoint.objects.get(unit=u, pushed_from=made) for u in (east, west))
    assert east_row.status == west_row.status == S.PENDING

    east_page = _page(_login(east_clerk), east_row.get_absolute_url())
    assert 'data-testid="risk-confirm"' in east_page and 'data-testid="risk-decline"' in east_page
    confirm = reverse("risks:risk-action", args=[east_row.pk, "confirm"])
    _login(east_clerk).post(confirm, {"controls": "本单位双人复核。"})  # no 责任领导: refused
    east_row.refresh_from_db()
    assert east_row.status == S.PENDING
    _login(east_clerk).post(confirm, {"controls": "本单位双人复核。", "leader": east_boss.pk})
    east_row.refresh_from_db()
    assert (east_row.status, east_row.controls, east_row.leader) == (S.ACTIVE, "本单位双人复核。", east_boss)

    decline = reverse("risks:risk-action", args=[west_row.pk, "decline"])
    _login(west_clerk).post(decline, {"reason": ""})
    west_row.refresh_from_db()
    assert west_row.status == S.PENDING
    _login(west_clerk).post(decline, {"reason": "本单位无此权力事项"})
    west_row.refresh_from_db()
    assert west_row.status == S.DECLINED and west_row.decline_reason == "本单位无此权力事项"
    copies = _page(inspector, made.get_absolute_url())
    assert "西城区民政局</a>：不适用（本单位无此权力事项）" in copies
    assert _login(west_clerk).post(confirm, {"controls": "x"}).status_code == 404  # not west's row
