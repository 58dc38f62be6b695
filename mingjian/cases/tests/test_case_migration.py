"""Migration 0004 moves the old free-text 组织处理/其他措施 and 涉案金额 into the new record."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mingjian.cases.models import Form
from mingjian.org.tests.factories import UnitFactory

BEFORE = [("cases", "0004_approval_reply_objection")]
AFTER = [("cases", "0005_case_record")]


def _migrate(targets: list[tuple[str, str]] | None = None) -> Any:
    """Migrate to ``targets`` (None: the latest) and return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest() -> Any:
    yield
    _migrate()  # later migrations, if any, for the tests that follow


# transactional_db by name: the audit fixture (conftest) then lifts the append-only triggers for
# the flush that follows a transactional test.
@pytest.mark.usefixtures("transactional_db", "back_to_latest")
def test_old_free_text_becomes_controlled_values() -> None:
    unit = UnitFactory(name="测试县民政局")
    old = _migrate(BEFORE)
    old_case, old_person = old.get_model("cases", "Case"), old.get_model("cases", "CasePerson")
    loss = old_case.objects.create(
        title="甲",
        unit_id=unit.pk,
        notice_text="张某违规审批低保，致使低保资金损失12.6万元。张某受到开除党籍处分，李某受到诫勉。",
        org_handling=["诫勉", "调离纪检监察队伍", "引咎辞职"],
        other_measures=["收缴违纪所得", "批评教育"],
        transferred_to_prosecution=True,
        amount_yuan=Decimal(126000),
    )
    old_person.objects.create(case=loss, name="张某", party_sanction="expulsion", sort_order=0)
    old_person.objects.create(case=loss, name="李某", sort_order=1)
    gain = old_case.objects.create(
        title="乙",
        unit_id=unit.pk,
        notice_text="王某收受礼金5000元。",
        org_handling=["免职"],
        amount_yuan=5000,
    )
    old_person.objects.create(case=gain, name="王某", party_sanction="warning")
    new_case = _migrate(AFTER).get_model("cases", "Case")

    loss_case, gain_case = new_case.objects.get(title="甲"), new_case.objects.get(title="乙")
    zhang, li = loss_case.persons.order_by("sort_order")
    assert zhang.first_form_measures == ["admonishment", "criticism"]
    assert zhang.org_handling == ["reassignment"]
    assert zhang.handling_note == "调离纪检监察队伍、引咎辞职"
    assert (zhang.transferred, li.transferred) == (True, False)  # the heaviest party sanction
    assert (zhang.form_derived, li.form_derived) == (Form.FOURTH, Form.SECOND)
    assert loss_case.other_measures == ["收缴违纪所得"]
    assert (loss_case.loss_yuan, loss_case.illicit_gains_yuan) == (Decimal(126000), None)
    (wang,) = gain_case.persons.all()
    assert (wang.org_handling, wang.form_derived) == (["removal"], Form.SECOND)
    assert (gain_case.illicit_gains_yuan, gain_case.loss_yuan) == (Decimal(5000), None)
