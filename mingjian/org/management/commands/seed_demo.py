from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from mingjian.audit.services import record
from mingjian.lib import demo
from mingjian.org import demo as org_demo
from mingjian.org.models import Unit


class Command(BaseCommand):
    help = "载入演示城市 X市（单位、干部、演示账号及各业务模块的演示数据）；可重复执行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有单位时跳过（make run 使用）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Unit.objects.exists():
            self.stdout.write("数据库已有数据，跳过演示数据载入。")
        else:
            with transaction.atomic():
                summary = {name: step() for name, step in demo.steps()}
                record(None, "demo.seeded", actor_label="seed_demo", summary=summary)
            for name, result in summary.items():
                self.stdout.write(f"{name}: {result}")
        self.stdout.write(f"\n演示账号（密码均为 {settings.MINGJIAN_DEMO_PASSWORD}）：")
        for line in org_demo.account_lines():
            self.stdout.write(line)
