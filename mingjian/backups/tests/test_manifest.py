"""The manifest read back from an archive trusts nothing."""

from __future__ import annotations

import pytest

from mingjian.backups.manifest import BackupError, from_json, media_member


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"\xff\xfe", "无法解析"),
        (b"[]", "manifest 缺失或类型不对"),
        (b'{"format": "zip"}', "不是明鉴备份归档"),
        (b'{"format": "mingjian-backup", "format_version": 99}', "版本 99 不受支持"),
        (
            b'{"format": "mingjian-backup", "format_version": 1, "created_at": "x",'
            b' "database": {"vendor": "oracle"}}',
            "数据库类型未知",
        ),
        (
            b'{"format": "mingjian-backup", "format_version": 1, "created_at": "x",'
            b' "database": {"vendor": "sqlite", "member": "database/db.sqlite3", "size": -1, "sha256": "0"}}',
            "大小或 SHA-256 无效",
        ),
    ],
)
def test_bad_manifests_are_named(text: bytes, message: str) -> None:
    with pytest.raises(BackupError, match=message):
        from_json(text)


@pytest.mark.parametrize(
    "path", ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\..\\b", "a\x00b", "a\nb"]
)
def test_unsafe_media_paths_are_refused(path: str) -> None:
    with pytest.raises(BackupError, match="文件路径不安全"):
        media_member(path)


@pytest.mark.parametrize("path", ["evidence/ab/整改报告.txt", "replies/2026/11/reply.docx", "a b.pdf"])
def test_plain_relative_paths_are_members_under_media(path: str) -> None:
    assert media_member(path) == "media/" + path
