from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from mingjian.audit.services import verify_chain


class Command(BaseCommand):
    help = "校验审计日志哈希链：完整时退出码为 0 并输出校验条数；发现篡改时指出第一条异常事件。"

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.problem is not None:
            raise CommandError(
                f"审计日志校验失败：第一条异常事件 #{report.problem.seq}，{report.problem.reason}"
                f"（此前 {report.checked} 条正常）"
            )
        self.stdout.write(f"审计日志完整：已校验 {report.checked} 条事件。")
