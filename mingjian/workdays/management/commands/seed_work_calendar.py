from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.workdays import services, sources


class Command(BaseCommand):
    help = "从 chinese-calendar 重新载入国务院节假日安排（默认为其覆盖的全部年份）；可重复执行，管理员设置的日期保留。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, action="append", help="只载入该年（可重复）")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["year"] or list(sources.official_years())
        try:
            loaded = services.load_official(years)
        except services.CalendarError as e:
            raise CommandError(str(e)) from e
        for year, count in loaded.items():
            self.stdout.write(f"{year}年：{count} 个例外日")
