"""``manage.py eval_outlines DIR`` — score the heading parser against NNN.txt + NNN.json pairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.outlines.parser.evaluate import evaluate_dir, format_report


class Command(BaseCommand):
    help = "用带标注的讲话/方案（NNN.txt + NNN.json）评估标题识别：整篇标题树完全一致率与逐项准确率、召回率。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="包含 NNN.txt 与 NNN.json 的目录")
        parser.add_argument("--quiet", action="store_true", help="只输出得分，不列出不一致项")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"目录不存在：{directory}")
        report = evaluate_dir(directory)
        if report.files == 0:
            raise CommandError(f"目录中没有成对的 NNN.txt / NNN.json 文件：{directory}")
        self.stdout.write(format_report(report, show_mismatches=not options["quiet"]))
