"""``manage.py parse_notice FILE [--all]`` — print the parsed notice as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.cases.notice import NoticeSourceError, extract_text, parse_notice, parse_notices


class Command(BaseCommand):
    help = "解析通报文件（.txt 或 .docx），输出 JSON。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="通报文件路径（.txt 或 .docx）")
        parser.add_argument("--all", action="store_true", help="输出文件中每一起案例（JSON 列表）")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{path}") from exc
        except OSError as exc:
            raise CommandError(f"无法读取文件：{path}（{exc.strerror}）") from exc
        try:
            text = extract_text(data, path.name)
        except NoticeSourceError as exc:
            raise CommandError(str(exc)) from exc
        if options["all"]:
            result: Any = [case.to_contract() for case in parse_notices(text)]
        else:
            result = parse_notice(text).to_contract()
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
