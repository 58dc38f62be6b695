"""What both vendors' backups share: the snapshot record, row counts and the audit-chain head."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from mingjian.backups.manifest import AuditHead

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
