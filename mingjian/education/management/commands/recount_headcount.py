from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.education import headcount


class Command(BaseCommand):
    help = "核对或重建警示教育覆盖统计所用的各单位在职干部数（由数据库触发器维护）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="只核对，不写入；有差异时退出码为 1")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            differing = headcount.differences()
            if differing:
                raise CommandError(
                    f"在职干部数有 {len(differing)} 项与干部名册不符，请不带 --check 重新运行以重建。"
                )
            self.stdout.write("在职干部数与干部名册一致。")
            return
        repaired = headcount.ensure_triggers()
        wrong = 0 if repaired else headcount.recount()
        note = "（触发器缺失，已重建）" if repaired else ""
        self.stdout.write(f"已重建在职干部数，更正 {wrong} 项{note}。")
