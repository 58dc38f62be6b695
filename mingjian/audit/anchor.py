"""Anchoring the audit chain outside the database.

The hash chain shows that no event was altered, removed or re-ordered *before* the last one,
but someone who can write to the database could still cut the newest events off the end. An
anchor — the head event's sequence number and hash, and the number of events — written to a
file the database cannot rewrite (and printed for the operator to keep elsewhere) closes that
gap: `verify_audit --anchor FILE` refuses a trail that no longer reaches every anchor in the file
or whose event at an anchor has a different hash.

The file holds one JSON object per line, appended by the daily job and by `anchor_audit`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils import timezone

from mingjian.audit.models import AuditEvent
from mingjian.audit.services import GENESIS


class AnchorFileError(Exception):
    """The anchor file is missing or unreadable (Chinese message)."""


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    count: int
    at: str

    def describe(self) -> str:
        return f"审计锚点：第 {self.seq} 条（共 {self.count} 条），哈希 {self.hash}，时间 {self.at}"


def current_anchor() -> Anchor:
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, hash_ = head if head else (0, GENESIS)
    at = timezone.localtime().isoformat(timespec="seconds")
    return Anchor(seq=seq, hash=hash_, count=AuditEvent.objects.count(), at=at)


def write_anchor(path: Path) -> Anchor:
    """Append the current head to `path` (created with its directory if needed)."""
    anchor = current_anchor()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(asdict(anchor), ensure_ascii=False) + "\n")
    return anchor


def read_anchors(path: Path) -> list[Anchor]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise AnchorFileError(f"无法读取锚点文件 {path}：{e.strerror or e}") from e
    anchors = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            anchors.append(Anchor(int(data["seq"]), str(data["hash"]), int(data["count"]), str(data["at"])))
        except (ValueError, KeyError, TypeError) as e:
            raise AnchorFileError(f"锚点文件 {path} 第 {number} 行格式不正确。") from e
    if not anchors:
        raise AnchorFileError(f"锚点文件 {path} 中没有锚点。")
    return anchors


def anchor_problem(anchor: Anchor) -> str | None:
    """Why the trail no longer matches `anchor`, or None when it still does."""
    if anchor.seq == 0:
        return None
    found = AuditEvent.objects.filter(seq=anchor.seq).values_list("hash", flat=True).first()
    if found is None:
        last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        return f"日志在锚点之后被截断：锚点为第 {anchor.seq} 条（{anchor.at}），现在只到第 {last} 条"
    if found != anchor.hash:
        return f"第 {anchor.seq} 条的哈希与锚点（{anchor.at}）不符：日志被改写"
    if AuditEvent.objects.filter(seq__lte=anchor.seq).count() < anchor.count:
        return f"锚点（{anchor.at}）时共 {anchor.count} 条，现在此前的事件少于此数：日志被删除"
    return None
