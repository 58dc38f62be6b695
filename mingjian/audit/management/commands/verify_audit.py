from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.audit.anchor import AnchorFileError, anchor_problem, read_anchors
from mingjian.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "校验审计日志哈希链：完整时退出码为 0 并输出校验条数；发现篡改时指出第一条异常事件。"
        "加 --anchor FILE 时还核对锚点文件中的每个锚点，发现末尾被截断或被改写时失败。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", type=Path, help="anchor_audit 或每日任务写出的锚点文件")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.problem is not None:
            raise CommandError(
                f"审计日志校验失败：第一条异常事件 #{report.problem.seq}，{report.problem.reason}"
                f"（此前 {report.checked} 条正常）"
            )
        if options["anchor"] is not None:
            self._check_anchors(options["anchor"])
        self.stdout.write(f"审计日志完整：已校验 {report.checked} 条事件。")

    def _check_anchors(self, path: Path) -> None:
        try:
            anchors = read_anchors(path)
        except AnchorFileError as e:
            raise CommandError(str(e)) from e
        for anchor in anchors:
            problem = anchor_problem(anchor)
            if problem is not None:
                raise CommandError(f"审计日志校验失败：{problem}。")
        self.stdout.write(f"与锚点文件一致：{len(anchors)} 个锚点，最近一个为 {anchors[-1].describe()}。")
