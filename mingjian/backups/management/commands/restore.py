from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingjian.backups import archive
from mingjian.backups.manifest import BackupError
from mingjian.backups.services import RestoreReport, restore_backup, verify_archive
from mingjian.backups.summary import describe


class Command(BaseCommand):
    help = (
        "从 backup 生成的归档恢复数据库和上传文件。先校验全部校验和，任何一项不符即拒绝、不做任何修改；"
        "恢复前请停止 Web 服务和 huey。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="备份归档（.tar）")
        parser.add_argument("--yes", action="store_true", help="不再询问，直接覆盖当前数据库和上传文件")
        parser.add_argument("--verify-only", action="store_true", help="只校验归档，不恢复")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["archive"]
        try:
            if options["verify_only"]:
                self._print(describe(verify_archive(path)))
                self.stdout.write(f"归档完整：{path}（全部校验和一致）")
                return
            self._print(describe(archive.peek(path)))
            self._confirm(options["yes"])
            report = restore_backup(path)
        except BackupError as e:
            raise CommandError(f"拒绝恢复：{e}") from e
        self._report(report)

    def _print(self, lines: list[str]) -> None:
        for line in lines:
            self.stdout.write(line)

    def _confirm(self, yes: bool) -> None:
        if yes:
            return
        if not sys.stdin.isatty():
            raise CommandError(
                "恢复会覆盖当前数据库和全部上传文件：确认无误后加 --yes 再执行（未做任何修改）"
            )
        if input("恢复会覆盖当前数据库和全部上传文件，输入 yes 继续：").strip() != "yes":
            raise CommandError("已取消，未做任何修改")

    def _report(self, report: RestoreReport) -> None:
        problems = [
            f"表 {name} 应有 {expected} 行，恢复后为 {found}"
            for name, (expected, found) in report.mismatched_tables.items()
        ]
        if report.audit_head != report.manifest.audit_head:
            problems.append(f"审计链末条与备份清单不符：{report.audit_head}")
        if report.chain.problem is not None:
            problems.append(f"审计链校验失败：#{report.chain.problem.seq} {report.chain.problem.reason}")
        if problems:
            raise CommandError("恢复后核对不一致：" + "；".join(problems))
        self.stdout.write(
            f"恢复完成：{len(report.manifest.tables)} 张表行数与备份一致，"
            f"{len(report.manifest.media)} 个上传文件校验一致，审计链完整（{report.chain.checked} 条）。"
        )
