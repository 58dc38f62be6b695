"""The task list's rows, written in Python: what the template wrote, escaped the same way."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils.html import escape

from mingjian.rectification.models import Light, Responsibility, Task, with_lights
from mingjian.rectification.task_rows import EMPTY, clip, task_rows
from mingjian.rectification.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_clip_is_truncatechars_for_plain_text() -> None:
    template = Template("{{ text|truncatechars:n }}")
    for text in ["", "短", "整改措施" * 10, "x" * 40, "x" * 41]:
        for n in (1, 5, 40):
            assert clip(text, n) == template.render(Context({"text": text, "n": n}))


def test_a_row_shows_the_task_and_escapes_what_was_typed(org: Any) -> None:
    task = TaskFactory(
        problem__unit=org.bureau_a,
        measure="<script>alert(1)</script>建立台账" + "长" * 60,
        due_date=datetime.date(2026, 3, 1),
        due_provisional=True,
        normalized=True,
        status=Task.Status.IN_PROGRESS,
    )
    with_lights([task], datetime.date(2026, 4, 1))
    html = str(task_rows([task]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f'<a href="{reverse("rectification:task-detail", args=[task.pk])}">' in html
    assert task.problem.title in html and "—" in html  # no 建议 behind a self-found problem
    assert "2026-03-01" in html and "暂定" in html and "常态化" in html
    assert 'data-testid="light">红灯<' in html
    assert task.get_status_display() in html and str(org.bureau_a) in html
    assert escape(clip(task.measure, 50)) in html and "长" * 60 not in html  # cut at 50 characters


def test_a_task_without_deadline_reads_long_term(org: Any) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, due_date=None, category=Task.Category.LONG_TERM)
    with_lights([task], datetime.date(2026, 4, 1))
    html = str(task_rows([task]))
    assert "长期" in html and Light.NORMAL.label in html and "暂定" not in html


def test_no_rows_say_so() -> None:
    assert task_rows([]) == EMPTY
    assert "没有整改任务" in EMPTY


def test_the_api_list_writes_each_tasks_responsibilities_as_its_detail_does(client: Any, org: Any) -> None:
    first = TaskFactory(problem__unit=org.bureau_a, status=Task.Status.IN_PROGRESS)
    second = TaskFactory(problem__unit=org.bureau_a, status=Task.Status.IN_PROGRESS)
    Responsibility.objects.create(task=first, unit=org.bureau_b, role=Responsibility.Role.ASSIST)
    client.force_login(org.inspector)
    listed = {row["id"]: row for row in client.get(reverse("api-task-list")).json()["results"]}
    for task in (first, second):
        detail = client.get(reverse("api-task-detail", args=[task.pk])).json()
        assert listed[task.pk]["responsibilities"] == detail["responsibilities"]
    roles = [(r["unit"], r["role"]) for r in listed[first.pk]["responsibilities"]]
    assert roles == [(org.bureau_b.pk, "assist"), (org.bureau_a.pk, "lead")]  # in (role, id) order
    assert len(listed[second.pk]["responsibilities"]) == 1
