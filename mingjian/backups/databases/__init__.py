"""The database half of a backup, per vendor: a consistent snapshot to a file (with the row counts
and audit-chain head of that same snapshot), and putting such a file back in one step."""

from __future__ import annotations

from pathlib import Path

from mingjian.backups.databases import postgres, sqlite
from mingjian.backups.databases.common import Snapshot, audit_head, count_rows

__all__ = ["Snapshot", "audit_head", "check_restorable", "count_rows", "restore", "snapshot"]
from mingjian.backups.manifest import BackupError, Manifest


def snapshot(vendor: str, dest: Path) -> Snapshot:
    if vendor == "sqlite":
        return sqlite.snapshot(dest)
    if vendor == "postgresql":
        return postgres.snapshot(dest)
    raise BackupError(f"不支持备份 {vendor} 数据库（支持 SQLite 与 PostgreSQL）")


def check_restorable(vendor: str, manifest: Manifest) -> None:
    """What can be checked before the restore touches anything (tool versions…)."""
    if vendor == "postgresql":
        postgres.check_restorable(manifest)


def restore(vendor: str, staged: Path, manifest: Manifest) -> None:
    if vendor == "sqlite":
        sqlite.restore(staged)
    elif vendor == "postgresql":
        postgres.restore(staged, manifest)
    else:
        raise BackupError(f"不支持恢复到 {vendor} 数据库")
