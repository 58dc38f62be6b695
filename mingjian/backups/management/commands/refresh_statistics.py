from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from mingjian.lib import dbstats


class Command(BaseCommand):
    help = (
        "刷新数据库查询规划器的统计信息（完整 ANALYZE）。SQLite 在 migrate 后自动为被重建的表补上；本命令整库刷新，"
        "期间暂停写入（百万任务时任务表约 26 秒），请在维护时段执行。PostgreSQL 由 autovacuum 维护，大批导入后也可执行。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        tables = dbstats.refresh(connection)
        seconds = time.perf_counter() - start
        what = "全部表" if tables == ["*"] else f"{len(tables)} 张表"
        self.stdout.write(f"已刷新{what}的统计信息，用时 {seconds:.1f} 秒。")
