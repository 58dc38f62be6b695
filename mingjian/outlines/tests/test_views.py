"""The 讲话/方案分解 pages: paste or upload, the tree, ticked nodes into tasks."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mingjian.org.tests.factories import PersonFactory, leader_of
from mingjian.outlines import services
from mingjian.outlines.models import Outline
from mingjian.rectification.models import Problem, Task

SPEECH = (
    "关于落实整改任务的讲话\n同志们：\n一、统一思想\n二、狠抓落实\n一是修订审批办法。二是开展专项检查。\n"
)
DUE = (date.today() + timedelta(days=40)).isoformat()  # noqa: DTZ011 - weeks of slack


@pytest.fixture(autouse=True)
def _bureau_people(org: Any) -> None:
    """The 民政局's 班子成员 (责任领导) and two cadres on its roster (责任人)."""
    org.boss = leader_of(org.bureau_a, username="boss")
    org.staff = PersonFactory(unit=org.bureau_a, name="王科长")
    org.clerk = PersonFactory(unit=org.a_dept, name="李科员")


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pasting_a_speech_records_it_and_opens_its_tree(org: Any) -> None:
    client = _client(org.liaison)
    response = client.post(reverse("outlines:outline-create"), {"text": SPEECH})
    outline = Outline.objects.get()
    assert response.status_code == 302
    assert response["Location"] == outline.get_absolute_url()
    page = client.get(outline.get_absolute_url()).content.decode()
    assert "已识别 4 个标题" in page
    assert page.count('data-testid="node"') == 4
    assert "修订审批办法" in page
    assert page.count('type="checkbox" name="n') == 4


def test_uploading_a_word_file_and_refusing_a_fake_one(org: Any) -> None:
    client = _client(org.inspector)
    upload = SimpleUploadedFile("讲话.docx", _docx(SPEECH))
    client.post(reverse("outlines:outline-create"), {"file": upload})
    outline = Outline.objects.get()
    assert outline.source_name == "讲话.docx"
    assert outline.unit == org.commission
    assert outline.nodes.count() == 4
    fake = SimpleUploadedFile("讲话.docx", b"not a zip at all")
    response = client.post(reverse("outlines:outline-create"), {"file": fake})
    assert response.status_code == 200
    assert "不是有效的Word 文档" in response.content.decode()
    assert Outline.objects.count() == 1


def test_an_empty_submission_says_what_is_missing(org: Any) -> None:
    response = _client(org.liaison).post(reverse("outlines:outline-create"), {"text": "  "})
    assert "请粘贴讲话或方案全文" in response.content.decode()
    assert not Outline.objects.exists()


@pytest.mark.parametrize("who", ["leader", "sysadmin", "auditor"])
def test_those_who_cannot_act_get_no_create_page(org: Any, who: str) -> None:
    client = _client(getattr(org, who))
    assert client.get(reverse("outlines:outline-create")).status_code == 404
    assert client.post(reverse("outlines:outline-create"), {"text": SPEECH}).status_code == 404


@pytest.fixture
def outline(org: Any) -> Outline:
    return services.record_outline(by=org.liaison, unit=org.bureau_a, text=SPEECH)


def _tick(outline: Outline, orders: list[int], **batch: Any) -> dict[str, Any]:
    nodes = {n.order: n for n in outline.nodes.all()}
    data = {f"n{nodes[o].pk}-picked": "on" for o in orders}
    data.update({f"batch-{k}": v for k, v in batch.items()})
    return data


def test_ticked_points_become_tasks_in_one_step(org: Any, outline: Outline) -> None:
    client = _client(org.inspector)
    data = _tick(
        outline,
        [3, 4],
        unit=org.bureau_a.pk,
        category="deadline",
        due_date=DUE,
        leader=org.boss.pk,
        person=org.staff.pk,
        issue_now="on",
    )
    response = client.post(reverse("outlines:outline-tasks", args=[outline.pk]), data, follow=True)
    assert "已生成 2 项整改任务并下发" in response.content.decode()
    tasks = list(Task.objects.order_by("id"))
    assert [t.measure for t in tasks] == ["修订审批办法", "开展专项检查"]
    assert {t.status for t in tasks} == {Task.Status.ISSUED}
    assert {t.problem.issuer for t in tasks} == {org.commission}
    assert tasks[0].problem.source == Problem.Source.SELF_INSPECTION
    assert "二、狠抓落实 › 一是修订审批办法" in tasks[0].problem.description
    assert [r.leader for t in tasks for r in t.responsibilities.all()] == [org.boss, org.boss]
    page = response.content.decode()
    assert page.count('data-testid="node-task"') == 2
    assert page.count('type="checkbox" name="n') == 2  # the two points can no longer be ticked


def test_a_row_may_name_its_own_unit_and_deadline(org: Any, outline: Outline) -> None:
    node = outline.nodes.get(order=4)
    later = (date.today() + timedelta(days=60)).isoformat()  # noqa: DTZ011
    data = _tick(
        outline,
        [4],
        unit=org.bureau_a.pk,
        category="deadline",
        due_date=DUE,
        leader=org.boss.pk,
        person=org.staff.pk,
    )
    data.update(
        {f"n{node.pk}-unit": org.a_dept.pk, f"n{node.pk}-due_date": later, f"n{node.pk}-person": org.clerk.pk}
    )
    _client(org.inspector).post(reverse("outlines:outline-tasks", args=[outline.pk]), data)
    task = Task.objects.get()
    assert task.unit == org.a_dept
    assert task.status == Task.Status.DRAFT
    assert task.due_date.isoformat() == later
    assert task.responsibilities.get().person == org.clerk


def test_missing_details_name_the_node_and_nothing_is_created(org: Any, outline: Outline) -> None:
    data = _tick(outline, [3], unit=org.bureau_a.pk, category="deadline", person=org.staff.pk)
    response = _client(org.inspector).post(reverse("outlines:outline-tasks", args=[outline.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "一是修订审批办法：请填写完成时限" in page
    assert "一是修订审批办法：请指定责任领导" in page
    assert not Task.objects.exists()


def test_ticking_nothing_is_refused_with_a_message(org: Any, outline: Outline) -> None:
    data = _tick(outline, [], unit=org.bureau_a.pk, category="deadline", due_date=DUE)
    response = _client(org.liaison).post(
        reverse("outlines:outline-tasks", args=[outline.pk]), data, follow=True
    )
    assert "请至少勾选一个部署事项" in response.content.decode()
    assert not Task.objects.exists()


def test_a_unit_outside_the_issuers_reach_is_not_offered(org: Any, outline: Outline) -> None:
    data = _tick(
        outline,
        [3],
        unit=org.bureau_b.pk,
        category="deadline",
        due_date=DUE,
        leader=org.boss.pk,
        person=org.staff.pk,
    )
    response = _client(org.liaison).post(reverse("outlines:outline-tasks", args=[outline.pk]), data)
    assert response.status_code == 200
    assert "所选单位不在可选范围内" in response.content.decode()
    assert not Task.objects.exists()


def test_the_read_only_leader_sees_the_tree_but_cannot_tick(org: Any, outline: Outline) -> None:
    client = _client(org.leader)
    page = client.get(outline.get_absolute_url()).content.decode()
    assert "修订审批办法" in page
    assert 'type="checkbox"' not in page
    assert 'data-testid="create-tasks"' not in page
    assert client.post(reverse("outlines:outline-tasks", args=[outline.pk]), {}).status_code == 404


def test_the_list_shows_only_visible_outlines(org: Any, outline: Outline) -> None:
    mine = _client(org.liaison).get(reverse("outlines:outline-list")).content.decode()
    assert "关于落实整改任务的讲话" in mine
    theirs = _client(org.outsider).get(reverse("outlines:outline-list")).content.decode()
    assert "关于落实整改任务的讲话" not in theirs
    assert _client(org.outsider).get(outline.get_absolute_url()).status_code == 404


def test_the_tree_page_queries_do_not_grow_with_the_number_of_nodes(
    org: Any, django_assert_max_num_queries: Any
) -> None:
    client = _client(org.inspector)
    small = services.record_outline(by=org.liaison, unit=org.bureau_a, text="一、甲\n二、乙\n")
    client.get(small.get_absolute_url())
    points = "".join(f"{n}、第{n}项工作\n" for n in "一二三四五六七八九十")
    large = services.record_outline(by=org.liaison, unit=org.bureau_a, text=points * 3)
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(large.get_absolute_url())
    assert page.content.decode().count('data-testid="node"') == 30
