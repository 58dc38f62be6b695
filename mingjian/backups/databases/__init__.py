"""The database half of a backup, per vendor: a consistent snapshot to a file (with the row counts
and audit-chain head of that same snapshot), and putting such a file back in one step."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mingjian.backups.manifest import AuditHead, BackupError, Manifest

AUDIT_TABLE = "audit_auditevent"
_TABLES_SQL = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
}


class Cursor(Protocol):
    def execute(self, sql: str) -> Any: ...
    def fetchall(self) -> Any: ...
    def fetchone(self) -> Any: ...


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, int]
    audit_head: AuditHead | None
    server_version: str
    dump_tool: str


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_rows(cursor: Cursor, vendor: str) -> dict[str, int]:
    """Rows per table, every table of the application's schema."""
    cursor.execute(_TABLES_SQL[vendor])
    names = sorted(row[0] for row in cursor.fetchall())
    counts = {}
    for name in names:
        cursor.execute(f"SELECT count(*) FROM {_quoted(name)}")  # noqa: S608  (names come from the catalogue)
        counts[name] = int(cursor.fetchone()[0])
    return counts


def audit_head(cursor: Cursor, tables: dict[str, int]) -> AuditHead | None:
    """seq and hash of the last audit event, or None when there is none (or no audit table)."""
    if not tables.get(AUDIT_TABLE):
        return None
    cursor.execute(f"SELECT seq, hash FROM {AUDIT_TABLE} ORDER BY seq DESC LIMIT 1")  # noqa: S608
    seq, digest = cursor.fetchone()
    return AuditHead(int(seq), str(digest))


def snapshot(vendor: str, dest: Path) -> Snapshot:
    if vendor == "sqlite":
        from mingjian.backups.databases import sqlite

        return sqlite.snapshot(dest)
    if vendor == "postgresql":
        from mingjian.backups.databases import postgres

        return postgres.snapshot(dest)
    raise BackupError(f"不支持备份 {vendor} 数据库（支持 SQLite 与 PostgreSQL）")


def check_restorable(vendor: str, manifest: Manifest) -> None:
    """What can be checked before the restore touches anything (tool versions…)."""
    if vendor == "postgresql":
        from mingjian.backups.databases import postgres

        postgres.check_restorable(manifest)


def restore(vendor: str, staged: Path, manifest: Manifest) -> None:
    if vendor == "sqlite":
        from mingjian.backups.databases import sqlite

        sqlite.restore(staged)
    elif vendor == "postgresql":
        from mingjian.backups.databases import postgres

        postgres.restore(staged, manifest)
    else:
        raise BackupError(f"不支持恢复到 {vendor} 数据库")
