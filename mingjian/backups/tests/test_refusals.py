"""A damaged or doctored archive is refused with a Chinese reason, and nothing is changed."""

from __future__ import annotations

import tarfile
from pathlib import Path
from typing import Any

import pytest

from mingjian.backups import archive, services
from mingjian.backups.manifest import DATABASE_MEMBERS, BackupError
from mingjian.backups.tests.helpers import Member, edited, flip_byte, populate, state
from mingjian.org.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings: Any) -> Path:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture
def archive_path(org: Any, media_root: Path, tmp_path: Path) -> Path:
    """A good archive, then a change (so a restore that happened would be visible)."""
    populate(media_root, org)
    path = services.create_backup(tmp_path / "b").path
    Unit.objects.create(name="备份后新建单位", code="after-backup", parent=org.city)
    (media_root / "uploaded-later.txt").write_text("备份之后上传")
    return path


def _refused(path: Path, media_root: Path, match: str) -> None:
    before = state(media_root)
    with pytest.raises(BackupError, match=match):
        services.restore_backup(path)
    assert state(media_root) == before
    assert Unit.objects.filter(code="after-backup").exists()
    assert list(media_root.parent.glob(".mingjian-restore-*")) == []


def _db_member() -> str:
    from django.db import connection

    return DATABASE_MEMBERS[connection.vendor]


def test_a_changed_byte_in_the_database_is_refused(archive_path: Path, media_root: Path) -> None:
    archive.sidecar(archive_path).unlink()  # the member checksum, not the sidecar, must catch it
    flip_byte(archive_path, _db_member(), at=5000)
    _refused(archive_path, media_root, f"校验和不一致：{_db_member()}")


def test_a_changed_byte_in_a_file_is_refused(archive_path: Path, media_root: Path) -> None:
    archive.sidecar(archive_path).unlink()
    flip_byte(archive_path, "media/replies/scan.pdf", at=1_200_000)  # past the first read chunk (1 MiB)
    _refused(archive_path, media_root, "校验和不一致：media/replies/scan.pdf")


def test_the_sidecar_checksum_catches_any_change(archive_path: Path, media_root: Path) -> None:
    flip_byte(archive_path, "manifest.json", at=3)
    _refused(archive_path, media_root, r"\.sha256 中记录的 SHA-256 不符")


def test_a_truncated_archive_is_refused(archive_path: Path, media_root: Path) -> None:
    archive.sidecar(archive_path).unlink()
    with archive_path.open("r+b") as f:
        f.truncate(archive_path.stat().st_size // 2)
    _refused(archive_path, media_root, "归档")


def test_something_that_is_not_an_archive_is_refused(tmp_path: Path, media_root: Path, org: Any) -> None:
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar file at all" * 100)
    with pytest.raises(BackupError, match="归档损坏或不是 tar 格式"):
        services.restore_backup(junk)


def test_an_archive_of_the_other_database_is_refused(archive_path: Path, media_root: Path) -> None:
    def other_vendor(found: list[Member], manifest: dict[str, Any]) -> None:
        other = "postgresql" if manifest["database"]["vendor"] == "sqlite" else "sqlite"
        manifest["database"].update(vendor=other, member=DATABASE_MEMBERS[other])
        found[1][0].name = DATABASE_MEMBERS[other]

    _refused(edited(archive_path, other_vendor), media_root, "数据库类型不符：归档来自")


def test_a_path_outside_media_is_refused(archive_path: Path, media_root: Path, tmp_path: Path) -> None:
    def escape(found: list[Member], manifest: dict[str, Any]) -> None:
        first = manifest["media"][0]
        index = next(i for i, m in enumerate(found) if m[0].name == "media/" + first["path"])
        first["path"] = "../../escaped.txt"
        found[index][0].name = "media/../../escaped.txt"

    _refused(edited(archive_path, escape), media_root, "文件路径不安全")
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_member_the_manifest_does_not_list_is_refused(archive_path: Path, media_root: Path) -> None:
    def smuggle(found: list[Member], manifest: dict[str, Any]) -> None:
        extra = tarfile.TarInfo("media/smuggled.sh")
        found.append((extra, b"#!/bin/sh\n"))

    _refused(edited(archive_path, smuggle), media_root, "备份清单未列出的文件：'media/smuggled.sh'")


def test_a_link_member_is_refused(archive_path: Path, media_root: Path) -> None:
    def link(found: list[Member], manifest: dict[str, Any]) -> None:
        index = next(i for i, m in enumerate(found) if m[0].name.endswith("reply.docx"))
        info = tarfile.TarInfo(found[index][0].name)
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        found[index] = (info, b"")

    _refused(edited(archive_path, link), media_root, "不是普通文件")


def test_a_member_of_another_size_is_refused(archive_path: Path, media_root: Path) -> None:
    def grow(found: list[Member], manifest: dict[str, Any]) -> None:
        index = next(i for i, m in enumerate(found) if m[0].name.endswith("reply.docx"))
        found[index] = (found[index][0], found[index][1] + b"more")

    _refused(edited(archive_path, grow), media_root, "reply.docx 的大小为")


def test_a_missing_member_is_refused(archive_path: Path, media_root: Path) -> None:
    def drop(found: list[Member], manifest: dict[str, Any]) -> None:
        found[:] = [m for m in found if not m[0].name.endswith("reply.docx")]

    _refused(edited(archive_path, drop), media_root, "归档不完整：缺少 1 个文件")


def test_a_pg_restore_that_fails_half_way_changes_nothing(
    archive_path: Path, media_root: Path, settings: Any, tmp_path: Path
) -> None:
    """The restore's DROP SCHEMA and whatever SQL arrived run in a transaction that is committed
    only when pg_restore exits 0; here a pg_restore stand-in emits some SQL and then fails."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("pg_restore 只用于 PostgreSQL（CI 的 PostgreSQL 轮次中执行）")
    from mingjian.backups.databases import postgres

    fake = tmp_path / "pgbin"
    fake.mkdir()
    real_restore = postgres.tool("pg_restore")
    for name in ("psql", "pg_dump"):
        (fake / name).symlink_to(postgres.tool(name))
    script = fake / "pg_restore"
    script.write_text(
        "#!/bin/sh\n"
        f'case "$1" in --version|--list) exec {real_restore} "$@";; esac\n'
        "echo 'CREATE TABLE half_restored (id int);'\n"
        "exit 1\n"
    )
    script.chmod(0o755)
    settings.PG_BIN_DIR = str(fake)
    _refused(archive_path, media_root, "恢复数据库失败，事务已回滚")
    assert "half_restored" not in connection.introspection.table_names()
