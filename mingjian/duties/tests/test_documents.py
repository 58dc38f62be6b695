"""The 履责情况报告 is written from the records alone, per leader and per unit, laid out as a
公文 by mingjian.documents (Word; PDF when LibreOffice is present)."""

from __future__ import annotations

import io
from typing import Any

import docx
import pdfplumber
from django.utils import timezone

from mingjian.documents.tests.fixtures import libreoffice
from mingjian.duties import services
from mingjian.duties.documents import build_report_docx, build_report_pdf, report_document
from mingjian.duties.models import DutyList, Talk
from mingjian.duties.tests.factories import make_talk
from mingjian.duties.vocabulary import Kind
from mingjian.rectification import services as rect
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import TaskFactory

from .conftest import Team

__all__ = ["libreoffice"]
YEAR = timezone.localdate().year


def _lists(org: Any) -> dict[str, DutyList]:
    return {d.kind: d for d in services.generate_lists(org.bureau_a, year=YEAR, by=org.liaison).created}


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def _text(doc: Any) -> str:
    return "\n".join(block.text for block in doc.body)


def _record(org: Any, team: Team) -> None:
    """What the system knows of the 书记 this year: a signed task and an interview by the 派驻组."""
    task = TaskFactory(
        problem__unit=org.bureau_a,
        problem__issuer=org.commission,
        leader=team.secretary,
        status=Task.Status.IN_PROGRESS,
        progress="已完成",
        measure="建立低保近亲属备案制度",
    )
    rect.confirm_task(task, by=team.secretary)
    talk = make_talk(
        issuer=org.group,
        unit=org.bureau_a,
        by=org.stationed,
        subject=team.secretary_person,
        talker=team.zuzhang.person,
        kind="interview",
        reason="整改任务逾期",
    )
    Talk.objects.filter(pk=talk.pk).update(status="done", held_on=timezone.localdate())


def test_a_leaders_report_is_written_from_the_records(org: Any, team: Team, templates: None) -> None:
    _record(org, team)
    first = _lists(org)[Kind.FIRST]
    doc = report_document(first, org.inspector)
    assert doc.issuers == ("中共测试市民政局党组",)
    assert doc.title == f"张书记同志{YEAR}年度履行全面从严治党第一责任人职责情况报告"
    assert doc.signed_by == ("张书记",) and doc.draft_mark == "（履责中，未报送）"
    assert "派驻第一纪检监察组" in doc.addressees
    text = _text(doc)
    assert "签认整改任务“建立低保近亲属备案制度”" in text
    assert "王组长对本人进行约谈，事由：整改任务逾期" in text
    assert "尚有" in text and "项未履行" in text


def test_nothing_is_typed_for_it_but_what_was_recorded_once(org: Any, team: Team, templates: None) -> None:
    first = _lists(org)[Kind.FIRST]
    manual = first.items.filter(source="").first()
    assert manual is not None
    services.check_item(manual, by=org.liaison, note="已在民主生活会上述责述廉")
    text = _text(report_document(first, org.inspector))
    assert "已履行。已在民主生活会上述责述廉" in text
    assert "本年度未受到谈话提醒、约谈、函询，未被问责" in text


def test_the_party_bodys_report_names_the_team_and_is_signed_off_by_the_secretary(
    org: Any, team: Team, templates: None
) -> None:
    main = _lists(org)[Kind.MAIN]
    doc = report_document(main, org.inspector)
    assert doc.title == f"关于{YEAR}年度落实全面从严治党主体责任情况的报告"
    assert doc.signer == "张书记" and doc.signed_by == doc.issuers
    assert (
        "测试市民政局党组履行全面从严治党主体责任，张书记同志为第一责任人，李副局长同志分别履行“一岗双责”"
        in _text(doc)
    )


def test_once_reported_it_carries_no_draft_mark(org: Any, team: Team, templates: None) -> None:
    first = services.submit_list(_lists(org)[Kind.FIRST], by=team.secretary)
    assert report_document(first, org.inspector).draft_mark == ""


def test_a_reader_sees_in_it_only_what_they_may_see(org: Any, team: Team, templates: None) -> None:
    team.secretary.roles.create(role="unit_leader", unit=org.bureau_b)
    task = TaskFactory(
        problem__unit=org.bureau_b,
        problem__issuer=org.commission,
        leader=team.secretary,
        status=Task.Status.IN_PROGRESS,
        progress="已完成",
        measure="财政局的整改事项",
    )
    rect.confirm_task(task, by=team.secretary)
    first = _lists(org)[Kind.FIRST]
    assert "财政局的整改事项" in _text(report_document(first, org.inspector))
    assert "财政局的整改事项" not in _text(report_document(first, org.liaison))


def test_the_word_file_opens_with_the_text(org: Any, team: Team, templates: None) -> None:
    _record(org, team)
    lines = _paragraphs(build_report_docx(_lists(org)[Kind.FIRST], org.inspector))
    assert lines[0].startswith("中共") and "第一责任人清单落实情况" in "\n".join(lines)
    assert "一、责任分工" in lines and "五、尚未履行的事项" in lines


def test_the_pdf_renders_the_same_report(org: Any, team: Team, templates: None, libreoffice: None) -> None:
    _record(org, team)
    data = build_report_pdf(_lists(org)[Kind.FIRST], org.inspector)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "第一责任人" in text and "建立低保近亲属备案制度" in text.replace("\n", "")
