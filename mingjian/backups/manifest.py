"""The manifest at the head of every backup archive, and the checks a manifest read back must pass.

    {"format": "mingjian-backup", "format_version": 1, "created_at": "2026-11-22T03:00:00+08:00",
     "database": {"vendor": "sqlite", "member": "database/db.sqlite3", "size": …, "sha256": …,
                  "server_version": "3.40.1", "dump_tool": "sqlite3 online backup API"},
     "tables": {"org_unit": 2000, …}, "audit_head": {"seq": 42, "hash": "…"} | null,
     "media": [{"path": "evidence/2026/11/a.pdf", "size": …, "sha256": …}, …]}

A manifest comes from a file someone hands us, so from_json() trusts nothing: every field has
its type checked and every media path must be a plain relative path inside MEDIA_ROOT.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any

FORMAT = "mingjian-backup"
FORMAT_VERSION = 1
MANIFEST_MEMBER = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}
VENDOR_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MAX_PATH = 1000


class BackupError(Exception):
    """A backup or restore refused, with the Chinese reason shown to the operator."""


@dataclass(frozen=True)
class FileEntry:
    member: str  # the name inside the archive
    size: int
    sha256: str


@dataclass(frozen=True)
class DatabaseEntry:
    vendor: str
    member: str
    size: int
    sha256: str
    server_version: str
    dump_tool: str


@dataclass(frozen=True)
class AuditHead:
    seq: int
    hash: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    database: DatabaseEntry
    tables: dict[str, int]
    audit_head: AuditHead | None
    media: list[FileEntry] = field(default_factory=list)

    def members(self) -> dict[str, FileEntry]:
        """Every data member the archive must hold (the manifest itself aside), by name."""
        db = self.database
        found = {db.member: FileEntry(db.member, db.size, db.sha256)}
        found.update({entry.member: entry for entry in self.media})
        return found

    @property
    def total_size(self) -> int:
        return self.database.size + sum(entry.size for entry in self.media)

    def to_json(self) -> bytes:
        media = [
            {"path": e.member.removeprefix(MEDIA_PREFIX), "size": e.size, "sha256": e.sha256}
            for e in self.media
        ]
        content = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "database": asdict(self.database),
            "tables": self.tables,
            "audit_head": asdict(self.audit_head) if self.audit_head else None,
            "media": media,
        }
        return json.dumps(content, ensure_ascii=False, indent=1).encode()


def media_member(relative: str) -> str:
    """The archive name of a file at `relative` under MEDIA_ROOT, refusing anything that could
    land outside it (absolute, '..', backslashes, control characters)."""
    path = PurePosixPath(relative)
    bad = (
        not relative
        or len(relative) > _MAX_PATH
        or path.is_absolute()
        or any(part in {"", ".", ".."} for part in relative.split("/"))
        or "\\" in relative
        or any(ord(ch) < 32 for ch in relative)  # noqa: PLR2004  (control characters)
    )
    if bad:
        raise BackupError(f"备份清单中的文件路径不安全：{relative!r}（归档可能被篡改）")
    return MEDIA_PREFIX + relative


def _need(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise BackupError(f"备份清单格式错误：{what} 缺失或类型不对（归档损坏或不是明鉴备份）")
    return value


def _checked_file(member: str, size: Any, sha256: Any, what: str) -> FileEntry:
    if _need(size, int, f"{what} 的大小") < 0 or not _SHA256.fullmatch(
        _need(sha256, str, f"{what} 的 SHA-256")
    ):
        raise BackupError(f"备份清单格式错误：{what} 的大小或 SHA-256 无效")
    return FileEntry(member, size, sha256)


def _database(raw: Any) -> DatabaseEntry:
    raw = _need(raw, dict, "database")
    vendor = _need(raw.get("vendor"), str, "database.vendor")
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"备份清单中的数据库类型未知：{vendor!r}")
    member = DATABASE_MEMBERS[vendor]
    if raw.get("member") != member:
        raise BackupError(f"备份清单中的数据库文件名应为 {member}")
    entry = _checked_file(member, raw.get("size"), raw.get("sha256"), "数据库文件")
    return DatabaseEntry(
        vendor,
        member,
        entry.size,
        entry.sha256,
        str(raw.get("server_version", "")),
        str(raw.get("dump_tool", "")),
    )


def _tables(raw: Any) -> dict[str, int]:
    raw = _need(raw, dict, "tables")
    return {_need(name, str, "表名"): _need(count, int, f"表 {name} 的行数") for name, count in raw.items()}


def _audit_head(raw: Any) -> AuditHead | None:
    if raw is None:
        return None
    raw = _need(raw, dict, "audit_head")
    return AuditHead(
        _need(raw.get("seq"), int, "audit_head.seq"), _need(raw.get("hash"), str, "audit_head.hash")
    )


def _media(raw: Any) -> list[FileEntry]:
    entries = []
    for raw_item in _need(raw, list, "media"):
        item = _need(raw_item, dict, "media 条目")
        relative = _need(item.get("path"), str, "media.path")
        entries.append(_checked_file(media_member(relative), item.get("size"), item.get("sha256"), relative))
    if len({e.member for e in entries}) != len(entries):
        raise BackupError("备份清单中有重复的文件路径（归档可能被篡改）")
    return entries


def from_json(data: bytes) -> Manifest:
    try:
        raw = json.loads(data.decode())
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BackupError("备份清单 manifest.json 无法解析（归档损坏或不是明鉴备份）") from e
    raw = _need(raw, dict, "manifest")
    if raw.get("format") != FORMAT:
        raise BackupError("不是明鉴备份归档（manifest.json 的 format 不对）")
    if raw.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"备份格式版本 {raw.get('format_version')!r} 不受支持（本程序支持版本 {FORMAT_VERSION}）"
        )
    return Manifest(
        created_at=_need(raw.get("created_at"), str, "created_at"),
        database=_database(raw.get("database")),
        tables=_tables(raw.get("tables")),
        audit_head=_audit_head(raw.get("audit_head")),
        media=_media(raw.get("media")),
    )
