from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.backups.manifest import BackupError
from mingjian.backups.services import create_backup
from mingjian.backups.summary import describe


class Command(BaseCommand):
    help = "备份数据库和上传文件，写出带校验和的归档（.tar）及其 .sha256 文件；服务运行中也可执行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="归档目录（默认 MINGJIAN_BACKUP_DIR，即 var/backups/）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = create_backup(options["output"])
        except BackupError as e:
            raise CommandError(f"备份失败：{e}") from e
        self.stdout.write(f"备份完成：{result.path}")
        self.stdout.write(f"SHA-256：{result.sha256}（另存于 {result.path.name}.sha256）")
        for line in describe(result.manifest):
            self.stdout.write(line)
        if result.skipped_links:
            self.stderr.write(
                f"注意：上传目录中有 {len(result.skipped_links)} 个符号链接或特殊文件未备份，"
                f"如 {result.skipped_links[0]}"
            )
