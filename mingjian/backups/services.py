"""Backing up and restoring the whole installation: the database and the uploaded files.

    backup:  database snapshot → row counts + audit head of that snapshot → MEDIA_ROOT hashed
             → tar (manifest first) written under a temporary name → renamed → <archive>.sha256
    restore: archive checked member by member into a staging directory beside MEDIA_ROOT
             (sizes, SHA-256, no stray or unsafe members, vendor) → only then the database is
             replaced in one step → MEDIA_ROOT swapped by two renames → counts, audit head and
             the whole audit chain checked against the manifest

The database is snapshotted before the files are listed: files are only ever added (evidence
versions never overwrite each other), so every file the snapshot refers to is in the archive;
a file uploaded in between is an unreferenced extra, which is harmless.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from mingjian.audit.services import ChainReport, verify_chain
from mingjian.backups import archive, databases
from mingjian.backups.manifest import (
    DATABASE_MEMBERS,
    VENDOR_LABELS,
    AuditHead,
    BackupError,
    DatabaseEntry,
    FileEntry,
    Manifest,
    media_member,
)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    sha256: str
    manifest: Manifest
    skipped_links: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreReport:
    manifest: Manifest
    mismatched_tables: dict[str, tuple[int, int | None]]  # name: (in the manifest, found now)
    audit_head: AuditHead | None
    chain: ChainReport

    @property
    def ok(self) -> bool:
        return not self.mismatched_tables and self.audit_head == self.manifest.audit_head and self.chain.ok


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"不支持 {vendor} 数据库（支持 SQLite 与 PostgreSQL）")
    return vendor


def _media_entries(media_root: Path) -> tuple[list[FileEntry], list[str]]:
    """Every regular file under MEDIA_ROOT with its hash; symbolic links are listed, not followed."""
    entries: list[FileEntry] = []
    links: list[str] = []
    if not media_root.is_dir():
        return entries, links
    for folder, dirs, files in os.walk(media_root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(media_root).as_posix()
            if path.is_symlink() or not path.is_file():
                links.append(relative)
                continue
            size, digest = archive.sha256_of(path)
            entries.append(FileEntry(media_member(relative), size, digest))
    return entries, links


def create_backup(output_dir: Path | None = None) -> BackupResult:
    vendor = _vendor()
    output_dir = Path(output_dir or settings.MINGJIAN_BACKUP_DIR)
    output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = timezone.localtime()
    target = output_dir / f"mingjian-backup-{now:%Y%m%d-%H%M%S}-{vendor}.tar"
    if target.exists():
        raise BackupError(f"备份文件已存在：{target}（同一秒内重复备份），请稍后再试")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=output_dir) as tmp:
        db_file = Path(tmp) / "database"
        snap = databases.snapshot(vendor, db_file)
        size, digest = archive.sha256_of(db_file)
        media, links = _media_entries(media_root)
        db_entry = DatabaseEntry(
            vendor, DATABASE_MEMBERS[vendor], size, digest, snap.server_version, snap.dump_tool
        )
        manifest = Manifest(now.isoformat(timespec="seconds"), db_entry, snap.tables, snap.audit_head, media)
        sha256 = archive.write(target, manifest, db_file, media_root)
    return BackupResult(target, sha256, manifest, links)


def verify_archive(path: Path) -> Manifest:
    """Check every checksum of an archive without restoring anything."""
    return archive.read(Path(path))


def _accept(manifest: Manifest) -> None:
    vendor = _vendor()
    if manifest.database.vendor != vendor:
        raise BackupError(
            f"数据库类型不符：归档来自 {VENDOR_LABELS[manifest.database.vendor]}，"
            f"当前数据库是 {VENDOR_LABELS[vendor]}，不能恢复"
        )
    databases.check_restorable(vendor, manifest)


def _swap_media(staged: Path, media_root: Path, staging: Path) -> None:
    """Two renames on one file system: the old MEDIA_ROOT goes into staging (deleted with it)."""
    staged.mkdir(exist_ok=True)
    previous = staging / "previous-media"
    if media_root.exists():
        media_root.rename(previous)
    try:
        staged.rename(media_root)
    except OSError:
        if previous.exists():
            previous.rename(media_root)
        raise


def restore_backup(path: Path) -> RestoreReport:
    """Restore database and files from `path`; refuses (changing nothing) unless every check passes."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Staging sits beside MEDIA_ROOT so the final swap is a rename, not a copy.
    staging = Path(tempfile.mkdtemp(prefix=".mingjian-restore-", dir=media_root.parent))
    try:
        manifest = archive.read(Path(path), staging, accept=_accept)
        databases.restore(manifest.database.vendor, staging / manifest.database.member, manifest)
        try:
            _swap_media(staging / "media", media_root, staging)
        except OSError as e:
            raise BackupError(f"数据库已恢复，但替换上传文件目录 {media_root} 失败：{e}") from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return check_restored(manifest)


def check_restored(manifest: Manifest) -> RestoreReport:
    """Compare the live database with the manifest: row counts, audit head, the whole chain."""
    with connection.cursor() as cursor:
        tables = databases.count_rows(cursor, manifest.database.vendor)
        head = databases.audit_head(cursor, tables)
    mismatched = {
        name: (count, tables.get(name))
        for name, count in manifest.tables.items()
        if tables.get(name) != count
    }
    return RestoreReport(manifest, mismatched, head, verify_chain())
