"""The 两个责任 pages: the register, generating and filling lists, the report download, templates,
and drafting 约谈 and 问责 — each once for its HTTP concerns (the services are tested apart)."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mingjian.audit.models import AuditEvent
from mingjian.duties import services
from mingjian.duties.models import Accountability, DutyEntry, DutyList, DutyTemplate, Talk
from mingjian.duties.tests.factories import make_talk
from mingjian.duties.vocabulary import Kind
from mingjian.lib.todos import sections_for
from mingjian.rectification import services as rect
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import TaskFactory

from .conftest import Team

YEAR = timezone.localdate().year


def _text(response: Any) -> str:
    return str(response.content.decode())


def _lists(org: Any) -> dict[str, DutyList]:
    made = services.generate_lists(org.bureau_a, year=YEAR, by=org.liaison).created
    return {d.kind: d for d in made}


def test_the_register_page_shows_who_holds_what(client: Client, org: Any, team: Team) -> None:
    client.force_login(org.liaison)
    page = _text(client.get(reverse("duties:unit-register", args=[org.bureau_a.pk])))
    for text in (
        "测试市民政局党组",
        "张书记（班子成员）",
        "李副局长（班子成员）",
        "社会救助科",
        "派驻第一纪检监察组",
        "测试市纪委监委",
    ):
        assert text in page
    assert "本年度清单尚未生成" in page


def test_a_department_page_redirects_to_its_bureau(client: Client, org: Any, team: Team) -> None:
    client.force_login(org.liaison)
    response = client.get(reverse("duties:unit-register", args=[org.a_dept.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"/duties/units/{org.bureau_a.pk}/")


def test_generating_from_the_page(client: Client, org: Any, team: Team, templates: None) -> None:
    client.force_login(org.liaison)
    response = client.post(reverse("duties:generate", args=[org.bureau_a.pk]), {"year": YEAR}, follow=True)
    assert "已生成 3 份" in _text(response)
    assert DutyList.objects.filter(unit=org.bureau_a, year=YEAR).count() == 3
    again = client.post(reverse("duties:generate", args=[org.bureau_a.pk]), {"year": YEAR}, follow=True)
    assert "已生成 0 份" in _text(again) and "另有 3 份此前已生成" in _text(again)


def test_generating_without_templates_says_why(client: Client, org: Any, team: Team) -> None:
    client.force_login(org.liaison)
    response = client.post(reverse("duties:generate", args=[org.bureau_a.pk]), {"year": YEAR}, follow=True)
    assert "尚未制定" in _text(response) and not DutyList.objects.exists()


def test_the_list_page_shows_items_filled_from_recorded_acts(
    client: Client, org: Any, team: Team, templates: None
) -> None:
    task = TaskFactory(
        problem__unit=org.bureau_a,
        problem__issuer=org.commission,
        leader=team.secretary,
        status=Task.Status.IN_PROGRESS,
        progress="已完成",
    )
    rect.confirm_task(task, by=team.secretary)
    first = _lists(org)[Kind.FIRST]
    client.force_login(team.secretary)
    page = _text(client.get(first.get_absolute_url()))
    assert "已履行（系统记实 1 项）" in page and "签认整改任务" in page
    assert "报送履责情况" in page  # the holder reports
    assert "记为已履行" in page  # the items nothing recorded can be checked by hand


def test_checking_an_item_with_a_file_and_downloading_it(
    client: Client, org: Any, team: Team, templates: None
) -> None:
    main = _lists(org)[Kind.MAIN]
    item = main.items.get(seq=9)
    client.force_login(org.liaison)
    upload = SimpleUploadedFile("制度.pdf", b"%PDF-1.4 rules", content_type="application/pdf")
    response = client.post(
        reverse("duties:item-check", args=[item.pk]), {"note": "修订制度2项", "file": upload}, follow=True
    )
    assert "已记为已履行" in _text(response)
    entry = DutyEntry.objects.get(item=item)
    download = client.get(reverse("duties:entry-download", args=[entry.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 rules"  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="duties.entry.downloaded", target_id=str(entry.pk)).exists()


def test_a_file_that_is_not_what_it_claims_is_refused(
    client: Client, org: Any, team: Team, templates: None
) -> None:
    item = _lists(org)[Kind.MAIN].items.get(seq=9)
    client.force_login(org.liaison)
    upload = SimpleUploadedFile("制度.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(reverse("duties:item-check", args=[item.pk]), {"file": upload}, follow=True)
    item.refresh_from_db()
    assert not item.checked and "PDF" in _text(response)


def test_adding_an_entry_from_the_page(client: Client, org: Any, team: Team, templates: None) -> None:
    main = _lists(org)[Kind.MAIN]
    item = main.items.get(seq=1)
    client.force_login(org.liaison)
    data = {"happened_on": timezone.localdate().isoformat(), "text": "党组专题学习问责条例", "item": item.pk}
    response = client.post(reverse("duties:entry-add", args=[main.pk]), data, follow=True)
    assert "已登记履责记实" in _text(response) and "党组专题学习问责条例" in _text(response)
    assert DutyEntry.objects.get().item == item


def test_the_report_downloads_as_word_and_is_audited(
    client: Client, org: Any, team: Team, templates: None
) -> None:
    first = _lists(org)[Kind.FIRST]
    client.force_login(team.secretary)
    response = client.get(reverse("duties:list-docx", args=[first.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "张书记同志" in text and "第一责任人清单落实情况" in text
    assert AuditEvent.objects.filter(action="duties.report.exported", target_id=str(first.pk)).exists()


def test_reporting_and_reviewing_from_the_page(client: Client, org: Any, team: Team, templates: None) -> None:
    first = _lists(org)[Kind.FIRST]
    client.force_login(team.secretary)
    client.post(reverse("duties:list-action", args=[first.pk, "submit"]))
    first.refresh_from_db()
    assert first.status == "submitted"
    client.force_login(org.stationed)
    assert "履责情况待审核" in _text(client.get(reverse("home")))
    client.post(reverse("duties:list-action", args=[first.pk, "return"]), {"reason": "第六项无记实"})
    first.refresh_from_db()
    assert first.status == "open"


def test_my_page_lists_what_i_answer_for(client: Client, org: Any, team: Team, templates: None) -> None:
    lists = _lists(org)
    client.force_login(team.secretary)
    page = _text(client.get(reverse("duties:mine")))
    assert lists[Kind.FIRST].title in page and lists[Kind.MAIN].title in page  # the 书记 reports both
    assert lists[Kind.DUAL].title not in page
    client.force_login(org.liaison)
    assert "未关联干部名册" in _text(client.get(reverse("duties:mine")))


def test_templates_are_kept_by_the_commission(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = client.post(
        reverse("duties:template-create"), {"kind": Kind.DUAL, "defaults": "on"}, follow=True
    )
    template = DutyTemplate.objects.get(kind=Kind.DUAL)
    assert "已新建一岗双责清单" in _text(response) and template.items.count() == 7
    client.post(
        reverse("duties:template-item-add", args=[template.pk]),
        {"text": "每季度听取分管部门汇报", "section": "分管领域"},
    )
    item = template.items.get(text="每季度听取分管部门汇报")
    client.post(
        reverse("duties:template-item-edit", args=[item.pk]),
        {f"i{item.pk}-text": "每月听取汇报", f"i{item.pk}-source": "talk"},
    )
    item.refresh_from_db()
    assert (item.text, item.source) == ("每月听取汇报", "talk")
    client.post(reverse("duties:template-item-remove", args=[item.pk]))
    assert template.items.count() == 7
    duplicate = client.post(reverse("duties:template-create"), {"kind": Kind.DUAL}, follow=True)
    assert "已有一岗双责清单模板" in _text(duplicate)


@pytest.mark.parametrize("who", ["stationed", "liaison", "leader"])
def test_others_have_no_template_pages(client: Client, org: Any, who: str) -> None:
    client.force_login(getattr(org, who))
    assert client.get(reverse("duties:template-list")).status_code == 404
    assert client.post(reverse("duties:template-create"), {"kind": Kind.MAIN}).status_code == 404


def test_drafting_a_talk_prefilled_from_its_task(client: Client, org: Any, team: Team) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.group, status=Task.Status.ISSUED)
    client.force_login(org.stationed)
    form = client.get(reverse("duties:talk-create"), {"task": task.pk})
    assert f'<option value="{task.pk}" selected>' in _text(form)
    data = {
        "kind": "interview",
        "subject": team.secretary_person.pk,
        "talker": team.zuzhang.person.pk,  # type: ignore[union-attr]
        "planned_on": timezone.localdate().isoformat(),
        "reason": "任务逾期",
        "task": task.pk,
    }
    response = client.post(reverse("duties:talk-create"), data)
    talk = Talk.objects.get()
    assert response.status_code == 302 and talk.task == task and talk.issuer == org.group


def test_a_talk_moves_through_its_page(client: Client, org: Any, team: Team) -> None:
    talk = make_talk(
        issuer=org.group,
        unit=org.bureau_a,
        by=org.stationed,
        subject=team.secretary_person,
        talker=team.zuzhang.person,
    )
    client.force_login(org.stationed)
    client.post(reverse("duties:talk-action", args=[talk.pk, "submit"]))
    refused = client.post(reverse("duties:talk-action", args=[talk.pk, "approve"]), follow=True)
    assert "四眼原则" in _text(refused)
    client.force_login(team.zuzhang)
    client.post(reverse("duties:talk-action", args=[talk.pk, "approve"]), {"comment": "同意"})
    client.post(
        reverse("duties:talk-action", args=[talk.pk, "complete"]),
        {"held_on": timezone.localdate().isoformat(), "record": "已谈话"},
    )
    talk.refresh_from_db()
    assert (talk.status, talk.record) == ("done", "已谈话")
    assert client.post(reverse("duties:talk-action", args=[talk.pk, "nonsense"])).status_code == 404


def test_drafting_accountability_shows_article_seven_errors(client: Client, org: Any, team: Team) -> None:
    client.force_login(org.inspector)
    form = _text(client.get(reverse("duties:accountability-create")))
    assert (
        f'value="{org.commission.issuing_names()[0]}"' in form
    )  # the deciding body defaults to the drafter's
    data = {
        "target": "organisation",
        "unit": org.bureau_a.pk,
        "methods": ["admonishment"],
        "basis": "主体责任落实不力",
        "deciding_body": "中共测试市纪律检查委员会",
    }
    response = client.post(reverse("duties:accountability-create"), data)
    assert "对党组织问责不适用：诫勉" in _text(response) and not Accountability.objects.exists()
    data["methods"] = ["circulation"]
    assert client.post(reverse("duties:accountability-create"), data).status_code == 302
    rec = Accountability.objects.get()
    assert rec.target_name == "测试市民政局党组"


def test_the_home_section_links_where_its_items_are(
    client: Client, org: Any, team: Team, templates: None
) -> None:
    lists = _lists(org)
    first = lists[Kind.FIRST]
    DutyList.objects.filter(pk=first.pk).update(status=DutyList.Status.SUBMITTED)
    (section,) = [s for s in sections_for(org.inspector) if s.title == "两个责任"]
    assert [i.url for i in section.items] == [first.get_absolute_url()]
    assert section.more_url == reverse("duties:list-index") + "?status=submitted"
    client.force_login(org.inspector)
    assert first.title in _text(client.get(section.more_url))
