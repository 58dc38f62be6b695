"""The demo step: seed 004 read at seed time when present (here: a speech written for the test
in a temporary seeds directory), skipped with a note when absent."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.management import call_command

from mingjian.outlines import demo
from mingjian.outlines.models import Outline
from mingjian.rectification.models import Task

SPEECH = """在市民政局作风建设大会上的讲话
同志们：
一、提高认识
二、抓好落实
一要健全制度。一是修订低保审核办法。二是建立回避制度。
二要强化监督。
"""


def test_without_seeds_the_step_is_skipped_with_a_note(db: Any, settings: Any, tmp_path: Path) -> None:
    settings.MINGJIAN_SEEDS_DIR = tmp_path
    result = demo.seed()
    assert result["outlines_created"] == 0
    assert "跳过" in result["note"]
    assert not Outline.objects.exists()


def test_the_seed_speech_is_parsed_and_two_points_become_tasks(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    (tmp_path / "004_test.txt").write_text(SPEECH, encoding="utf-8")
    settings.MINGJIAN_SEEDS_DIR = tmp_path
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "讲话/方案分解: {'outlines_created': 1, 'nodes': 6, 'tasks_created': 2}" in out.getvalue()
    outline = Outline.objects.get()
    assert outline.unit.code == "x-mz"
    assert outline.created_by.username == "minzheng"
    linked = outline.nodes.filter(task__isnull=False).order_by("order")
    assert [n.heading for n in linked] == ["修订低保审核办法", "建立回避制度"]
    assert {n.task.status for n in linked} == {Task.Status.ISSUED}
    assert {r.leader.username for n in linked for r in n.task.responsibilities.all()} == {"mzlingdao"}
    call_command("seed_demo", stdout=io.StringIO())
    assert Outline.objects.count() == 1
