"""The anchored chain: cutting the newest events off the end — which the hash chain alone cannot
see — is detected against an anchor written outside the database."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from mingjian.audit import jobs, triggers
from mingjian.audit.anchor import current_anchor
from mingjian.audit.models import AuditEvent
from mingjian.audit.services import record, verify_chain


def _events(org: Any, n: int) -> None:
    for i in range(n):
        record(org.inspector, "org.unit.updated", org.bureau_a, step=i)


def _cut_tail(keep: int) -> None:
    """Delete every event after `keep`, as a database administrator could."""
    triggers.uninstall(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq > %s", [keep])
    triggers.install(connection)


def _anchor(path: Path) -> str:
    out = io.StringIO()
    call_command("anchor_audit", "--output", str(path), stdout=out)
    return out.getvalue()


def _verify(path: Path) -> str:
    out = io.StringIO()
    call_command("verify_audit", "--anchor", str(path), stdout=out)
    return out.getvalue()


def test_anchor_audit_appends_and_prints_the_head(org: Any, tmp_path: Path) -> None:
    _events(org, 3)
    path = tmp_path / "anchors" / "audit.jsonl"
    printed = _anchor(path)
    head = AuditEvent.objects.order_by("-seq").first()
    assert head is not None
    assert f"第 {head.seq} 条" in printed and head.hash in printed  # for the operator to keep
    _events(org, 2)
    _anchor(path)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["seq"] for line in lines] == [head.seq, head.seq + 2]
    assert lines[0]["hash"] == head.hash and lines[0]["count"] == head.seq


def test_a_cut_tail_passes_the_chain_but_not_the_anchor(org: Any, tmp_path: Path) -> None:
    _events(org, 6)
    path = tmp_path / "audit.jsonl"
    _anchor(path)
    assert "与锚点文件一致" in _verify(path)
    head = current_anchor().seq
    _cut_tail(keep=head - 2)
    assert verify_chain().ok  # the chain alone cannot tell
    with pytest.raises(
        CommandError, match=f"日志在锚点之后被截断：锚点为第 {head} 条.*现在只到第 {head - 2} 条"
    ):
        _verify(path)


def test_a_rewritten_tail_is_caught_at_the_anchor(org: Any, tmp_path: Path) -> None:
    """Cut the tail and append fresh events past the anchor: the chain is valid again, but the
    event at the anchor's position is not the one that was anchored."""
    _events(org, 4)
    path = tmp_path / "audit.jsonl"
    _anchor(path)
    head = current_anchor().seq
    _cut_tail(keep=head - 1)
    _events(org, 3)
    assert verify_chain().ok and current_anchor().seq > head
    with pytest.raises(CommandError, match=f"第 {head} 条的哈希与锚点.*不符"):
        _verify(path)


def test_later_events_keep_an_old_anchor_valid(org: Any, tmp_path: Path) -> None:
    _events(org, 2)
    path = tmp_path / "audit.jsonl"
    _anchor(path)
    _events(org, 5)
    assert "1 个锚点" in _verify(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "无法读取锚点文件"), ("not json\n", "第 1 行格式不正确"), ("\n", "没有锚点")],
)
def test_a_bad_anchor_file_is_a_chinese_error(
    org: Any, tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "audit.jsonl"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError, match=message):
        _verify(path)


def test_the_daily_job_writes_the_configured_file(org: Any, tmp_path: Path, settings: Any) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "daily.jsonl"
    _events(org, 2)
    jobs.daily_anchor.call_local()
    assert json.loads(settings.AUDIT_ANCHOR_FILE.read_text())["seq"] == current_anchor().seq
    assert "与锚点文件一致" in _verify(settings.AUDIT_ANCHOR_FILE)
