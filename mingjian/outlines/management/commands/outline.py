"""``manage.py outline FILE`` — print the title and heading tree of a speech or 方案 as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.outlines.sources import SourceError, read_file


class Command(BaseCommand):
    help = "识别讲话或工作方案（.txt 或 .docx）的标题和各级序号标题，输出 JSON。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="讲话或方案文件路径（.txt 或 .docx）")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{path}") from exc
        except OSError as exc:
            raise CommandError(f"无法读取文件：{path}（{exc.strerror}）") from exc
        try:
            parsed = read_file(data, path.name)
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(parsed.to_contract(), ensure_ascii=False))
