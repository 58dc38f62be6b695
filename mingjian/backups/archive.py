"""The archive on disk: an uncompressed POSIX tar whose first member is manifest.json, then the
database file, then the uploaded files under media/; beside it `<archive>.sha256` in the format
of `sha256sum -c`, for checking copies kept elsewhere.

Reading never uses tarfile's extract functions: the manifest is read first (with a size cap),
and every later member must be a regular file the manifest names, with the size it gives; data
goes only to paths built from the checked manifest, inside the staging directory, and at most
the announced number of bytes is read. An archive that is truncated, has extra or missing
members, or any checksum that does not match is refused before anything is written outside
staging.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, BinaryIO

from mingjian.backups.manifest import (
    MANIFEST_MEMBER,
    BackupError,
    FileEntry,
    Manifest,
    from_json,
)

CHUNK = 1024 * 1024
MAX_MANIFEST = 128 * 1024 * 1024
# Restoring needs room for the staged copy besides what is already on the disk.
FREE_SPACE_MARGIN = 64 * 1024 * 1024
_MAX_SIDECAR = 4096


class _HashingWriter:
    """The file tarfile writes to, hashing the whole archive on the way."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.digest, self.written = raw, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.written += len(data)
        return self.raw.write(data)

    def tell(self) -> int:
        return self.written


class _HashingReader:
    """A member's source file, hashed while tarfile copies it into the archive."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.digest = raw, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        return data


def sha256_of(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def _add(tar: tarfile.TarFile, entry: FileEntry, source: Path) -> None:
    info = tarfile.TarInfo(entry.member)
    info.size, info.mode, info.mtime = entry.size, 0o600, int(time.time())
    try:
        with source.open("rb") as raw:
            reader = _HashingReader(raw)
            tar.addfile(info, reader)
    except OSError as e:  # tarfile raises "unexpected end of data" when a file shrank
        raise BackupError(f"备份期间文件 {entry.member} 被修改或无法读取：{e}，请重新备份") from e
    if reader.digest.hexdigest() != entry.sha256:
        raise BackupError(f"备份期间文件 {entry.member} 被修改，请重新备份")


def write(target: Path, manifest: Manifest, database_file: Path, media_root: Path) -> str:
    """Write the archive under a temporary name, then rename it into place (never half-written).
    Returns the archive's SHA-256, also written to the sidecar file."""
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("xb") as raw:
            os.chmod(partial, 0o600)  # the archive holds every record and file
            out = _HashingWriter(raw)
            with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
                head = manifest.to_json()
                info = tarfile.TarInfo(MANIFEST_MEMBER)
                info.size, info.mode, info.mtime = len(head), 0o600, int(time.time())
                tar.addfile(info, _BytesReader(head))
                _add(tar, manifest.members()[manifest.database.member], database_file)
                for entry in manifest.media:
                    _add(tar, entry, media_root / entry.member.removeprefix("media/"))
            raw.flush()
            os.fsync(raw.fileno())
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    digest = out.digest.hexdigest()
    sidecar(target).write_text(f"{digest}  {target.name}\n")
    return digest


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.pos + size
        chunk, self.pos = self.data[self.pos : end], min(end, len(self.data))
        return chunk


def _check_sidecar(path: Path) -> None:
    side = sidecar(path)
    if not side.exists():
        return
    text = side.read_text(errors="replace") if side.stat().st_size < _MAX_SIDECAR else ""
    expected = text.split(maxsplit=1)[0] if text.strip() else ""
    if sha256_of(path)[1] != expected:
        raise BackupError(
            f"校验和不一致：归档 {path.name} 与 {side.name} 中记录的 SHA-256 不符（归档损坏或被篡改）"
        )


def _open_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    handle = tar.extractfile(member)
    if handle is None:  # only for non-regular members, which were refused before
        raise BackupError(f"归档中的 {member.name!r} 不是普通文件")
    return handle


def _read_manifest(tar: tarfile.TarFile) -> Manifest:
    first = tar.next()
    if first is None or first.name != MANIFEST_MEMBER or not first.isreg():
        raise BackupError("归档的第一个文件不是 manifest.json（归档损坏或不是明鉴备份）")
    if first.size > MAX_MANIFEST:
        raise BackupError(f"manifest.json 过大（{first.size} 字节，上限 {MAX_MANIFEST}），拒绝读取")
    return from_json(_open_member(tar, first).read(first.size))


def _copy_member(tar: tarfile.TarFile, member: tarfile.TarInfo, entry: FileEntry, out: Path | None) -> None:
    handle = _open_member(tar, member)
    digest, left = hashlib.sha256(), entry.size
    sink = None
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        sink = out.open("xb")
    try:
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                raise BackupError(f"归档损坏：{entry.member} 的数据不完整")
            digest.update(chunk)
            left -= len(chunk)
            if sink is not None:
                sink.write(chunk)
    finally:
        if sink is not None:
            sink.close()
    if digest.hexdigest() != entry.sha256:
        raise BackupError(f"校验和不一致：{entry.member} 的 SHA-256 与备份清单不符（归档损坏或被篡改）")


def _staged_path(staging: Path, member: str) -> Path:
    out = (staging / member).resolve()
    if not out.is_relative_to(staging.resolve()):
        raise BackupError(f"归档中的文件路径越界：{member!r}")
    return out


def _check_member(member: tarfile.TarInfo, expected: dict[str, FileEntry], seen: set[str]) -> FileEntry:
    entry = expected.get(member.name)
    if entry is None:
        raise BackupError(f"归档中有备份清单未列出的文件：{member.name!r}（归档可能被篡改）")
    if member.name in seen:
        raise BackupError(f"归档中的文件重复出现：{member.name!r}（归档可能被篡改）")
    if not member.isreg():
        raise BackupError(f"归档中的 {member.name!r} 不是普通文件（链接或设备文件一律拒绝）")
    if member.size != entry.size:
        raise BackupError(
            f"校验和不一致：{member.name} 的大小为 {member.size} 字节，备份清单记录为 {entry.size} 字节"
        )
    return entry


def _check_space(manifest: Manifest, staging: Path) -> None:
    free = shutil.disk_usage(staging).free
    if manifest.total_size + FREE_SPACE_MARGIN > free:
        raise BackupError(
            f"磁盘空间不足：恢复需要约 {manifest.total_size // 2**20} MB 暂存空间，{staging} 所在磁盘仅剩"
            f" {free // 2**20} MB"
        )


def peek(path: Path) -> Manifest:
    """Only the manifest (to show what a restore would bring back); checks nothing else."""
    if not path.is_file():
        raise BackupError(f"找不到备份归档：{path}")
    try:
        with tarfile.open(path, mode="r:") as tar:
            return _read_manifest(tar)
    except (tarfile.TarError, EOFError, OSError) as e:
        raise BackupError(f"归档损坏或不是 tar 格式：{path.name}（{e}）") from e


def read(
    path: Path, staging: Path | None = None, accept: Callable[[Manifest], None] | None = None
) -> Manifest:
    """Check the whole archive; with `staging`, also copy its members there (database and media/).
    `accept` sees the manifest before any data is read (to refuse a wrong vendor early).

    Raises BackupError naming the first problem; a caller that passed `staging` removes it then.
    """
    if not path.is_file():
        raise BackupError(f"找不到备份归档：{path}")
    _check_sidecar(path)
    try:
        with tarfile.open(path, mode="r:") as tar:
            manifest = _read_manifest(tar)
            if accept is not None:
                accept(manifest)
            expected, seen = manifest.members(), set[str]()
            if staging is not None:
                _check_space(manifest, staging)
            while (member := tar.next()) is not None:
                entry = _check_member(member, expected, seen)
                seen.add(member.name)
                out = _staged_path(staging, member.name) if staging is not None else None
                _copy_member(tar, member, entry, out)
    except (tarfile.TarError, EOFError) as e:
        raise BackupError(f"归档损坏或不是 tar 格式：{path.name}（{e}）") from e
    except OSError as e:
        raise BackupError(f"读取归档失败：{path.name}（{e}）") from e
    if missing := sorted(set(expected) - seen):
        raise BackupError(f"归档不完整：缺少 {len(missing)} 个文件，如 {missing[0]}")
    return manifest
