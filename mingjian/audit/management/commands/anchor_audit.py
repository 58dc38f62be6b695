from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from mingjian.audit.anchor import write_anchor


class Command(BaseCommand):
    help = (
        "把审计日志当前的末条序号、哈希和总条数追加写入锚点文件（默认 MINGJIAN_AUDIT_ANCHOR_FILE），"
        "并打印出来供管理员另行保存；之后 verify_audit --anchor FILE 可发现末尾被截断。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="锚点文件（默认取设置 AUDIT_ANCHOR_FILE）")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["output"] or settings.AUDIT_ANCHOR_FILE
        anchor = write_anchor(path)
        self.stdout.write(f"{anchor.describe()}\n已追加写入 {path}，请另行抄存此行。")
