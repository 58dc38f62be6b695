"""SQLite: the online backup API, consistent while the server keeps writing.

The copy is made in one step (all pages at once): in WAL mode it reads one consistent snapshot
and writers are not blocked; a stepwise copy would restart whenever another connection wrote.
Restoring copies the staged file into the live database the same way, inside one write
transaction, so other connections see either the old or the restored database, never a mix.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection

from mingjian.backups.databases.common import Snapshot, audit_head, count_rows
from mingjian.backups.manifest import BackupError

TOOL = "SQLite 在线备份 API"


def _quick_check(db: sqlite3.Connection, what: str) -> None:
    result = db.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{what}未通过 SQLite 完整性检查：{result}")


def _live() -> sqlite3.Connection:
    connection.ensure_connection()
    live = connection.connection
    if not isinstance(live, sqlite3.Connection):
        raise BackupError("当前数据库连接不是 SQLite")
    return live


def snapshot(dest: Path) -> Snapshot:
    target = sqlite3.connect(dest)
    try:
        _live().backup(target)
        # The archived file stands alone: no -wal file beside it is needed to read it.
        target.execute("PRAGMA journal_mode=DELETE")
        _quick_check(target, "数据库副本")
        tables = count_rows(target.cursor(), "sqlite")
        head = audit_head(target.cursor(), tables)
    finally:
        target.close()
    return Snapshot(tables, head, sqlite3.sqlite_version, TOOL)


def restore(staged: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise BackupError(f"备份中的数据库文件无法打开：{e}") from e
    try:
        _quick_check(source, "备份中的数据库文件")
        if connection.in_atomic_block:
            raise BackupError("恢复不能在事务中进行")
        source.backup(_live())
    except sqlite3.Error as e:
        raise BackupError(f"恢复数据库失败（当前数据库未改变）：{e}") from e
    finally:
        source.close()
