"""Building the state a backup covers, reading it back, and rewriting archives to tamper with them."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection

from mingjian.audit.services import record
from mingjian.backups import databases


def populate(media_root: Path, org: Any) -> None:
    """A few audit events and uploaded files (nested, a Chinese name, one over a read chunk)."""
    for n in range(3):
        record(org.inspector, "test.backup.event", org.bureau_a, n=n)
    (media_root / "evidence" / "ab").mkdir(parents=True, exist_ok=True)
    (media_root / "evidence" / "ab" / "整改报告.txt").write_text("整改情况报告：已完成。", encoding="utf-8")
    (media_root / "replies").mkdir(exist_ok=True)
    (media_root / "replies" / "reply.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    # Not random: a fixed pattern longer than archive.CHUNK (1 MiB).
    (media_root / "replies" / "scan.pdf").write_bytes(hashlib.sha256(b"x").digest() * 40_000)


def media_hashes(media_root: Path) -> dict[str, str]:
    return {
        p.relative_to(media_root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media_root.rglob("*"))
        if p.is_file()
    }


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return databases.count_rows(cursor, connection.vendor)


def state(media_root: Path) -> tuple[dict[str, int], dict[str, str]]:
    return row_counts(), media_hashes(media_root)


Member = tuple[tarfile.TarInfo, bytes]


def members(archive: Path) -> list[Member]:
    with tarfile.open(archive) as tar:
        found = []
        for info in tar.getmembers():
            handle = tar.extractfile(info)
            found.append((info, handle.read() if handle else b""))
        return found


def manifest_of(found: list[Member]) -> dict[str, Any]:
    return json.loads(found[0][1])


def rebuild(archive: Path, found: list[Member], manifest: dict[str, Any] | None = None) -> Path:
    """Write `found` as a new archive (the sidecar is dropped), with `manifest` replacing the first member."""
    out = archive.with_name("tampered-" + archive.name)
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as tar:
        for i, (info, data) in enumerate(found):
            body = json.dumps(manifest, ensure_ascii=False).encode() if i == 0 and manifest else data
            if not info.isreg():
                tar.addfile(info)
                continue
            fresh = tarfile.TarInfo(info.name)
            fresh.size = len(body)
            tar.addfile(fresh, io.BytesIO(body))
    return out


def edited(archive: Path, change: Callable[[list[Member], dict[str, Any]], None]) -> Path:
    found = members(archive)
    manifest = manifest_of(found)
    change(found, manifest)
    return rebuild(archive, found, manifest)


def flip_byte(archive: Path, member: str, at: int) -> None:
    """Change one byte of `member`'s data in place, keeping the tar structure intact."""
    with tarfile.open(archive) as tar:
        offset = tar.getmember(member).offset_data + at
    with archive.open("r+b") as f:
        f.seek(offset)
        byte = f.read(1)
        f.seek(offset)
        f.write(bytes([byte[0] ^ 0xFF]))
