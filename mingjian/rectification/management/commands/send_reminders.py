from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mingjian.rectification.reminders import send_due_reminders


class Command(BaseCommand):
    help = "发送整改期限提醒与逾期督办（可重复执行，同一提醒只发一次；供 cron 调用）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="按指定时间发送（ISO 格式，如 2026-12-01T08:00），用于补发或演练")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["now"]:
            try:
                now = timezone.make_aware(datetime.fromisoformat(options["now"]))
            except ValueError as e:
                raise CommandError(f"时间格式不正确：{options['now']}（应为 2026-12-01T08:00）") from e
        sent = send_due_reminders(now)
        self.stdout.write(f"已发送 {sent} 条提醒（{timezone.localtime(now):%Y-%m-%d %H:%M} 北京时间）。")
