"""backup → change everything → restore brings back the same rows, files and audit chain; on the
database the suite runs on (CI runs it on SQLite and on PostgreSQL)."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mingjian.audit.models import AuditEvent
from mingjian.audit.services import record
from mingjian.backups import services
from mingjian.backups.manifest import DATABASE_MEMBERS
from mingjian.backups.tests.helpers import media_hashes, populate, row_counts, state
from mingjian.org.models import Unit

# pg_dump and the SQLite backup API read committed data from their own connection.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings: Any) -> Path:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture
def backed_up(org: Any, media_root: Path, tmp_path: Path) -> services.BackupResult:
    populate(media_root, org)
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    assert "备份完成" in out.getvalue()
    (archive,) = (tmp_path / "backups").glob("mingjian-backup-*.tar")
    return services.BackupResult(archive, "", services.verify_archive(archive))


def _change_everything(org: Any, media_root: Path) -> None:
    record(org.inspector, "test.backup.after", org.bureau_a)
    Unit.objects.create(name="备份后新建单位", code="after-backup", parent=org.city)
    Unit.objects.filter(pk=org.bureau_b.pk).update(name="备份后改名")
    (media_root / "evidence" / "ab" / "整改报告.txt").write_text("被改过", encoding="utf-8")
    (media_root / "replies" / "scan.pdf").unlink()
    (media_root / "uploaded-later.txt").write_text("备份之后上传")


def test_manifest_describes_the_database_and_files(
    backed_up: services.BackupResult, media_root: Path
) -> None:
    manifest = backed_up.manifest
    assert manifest.database.vendor in DATABASE_MEMBERS
    assert manifest.tables == row_counts()
    assert manifest.tables["org_unit"] == 6
    last = AuditEvent.objects.order_by("-seq").first()
    assert manifest.audit_head is not None and last is not None
    assert (manifest.audit_head.seq, manifest.audit_head.hash) == (last.seq, last.hash)
    listed = {e.member.removeprefix("media/"): e.sha256 for e in manifest.media}
    assert listed == media_hashes(media_root)
    with tarfile.open(backed_up.path) as tar:
        assert tar.getnames()[0] == "manifest.json"


def test_restore_brings_back_rows_files_and_audit_chain(
    backed_up: services.BackupResult, org: Any, media_root: Path
) -> None:
    before_counts, before_files = backed_up.manifest.tables, media_hashes(media_root)
    _change_everything(org, media_root)
    assert state(media_root) != (before_counts, before_files)
    out = io.StringIO()
    call_command("restore", str(backed_up.path), "--yes", stdout=out)
    assert "恢复完成" in out.getvalue()
    assert row_counts() == before_counts
    assert media_hashes(media_root) == before_files
    assert not Unit.objects.filter(code="after-backup").exists()
    assert Unit.objects.get(pk=org.bureau_b.pk).name == "测试市财政局"
    verified = io.StringIO()
    call_command("verify_audit", stdout=verified)
    assert f"已校验 {backed_up.manifest.audit_head.seq} 条" in verified.getvalue()  # type: ignore[union-attr]
    # The restored database is a working one: the chain goes on from the restored head.
    record(org.inspector, "test.backup.restored", org.bureau_a)
    call_command("verify_audit", stdout=io.StringIO())
    leftovers = list(media_root.parent.glob(".mingjian-restore-*"))
    assert leftovers == []


def test_restore_asks_before_overwriting(
    backed_up: services.BackupResult, org: Any, media_root: Path
) -> None:
    _change_everything(org, media_root)
    changed = state(media_root)
    with pytest.raises(CommandError, match="加 --yes"):
        call_command("restore", str(backed_up.path), stdout=io.StringIO())  # stdin is no terminal here
    assert state(media_root) == changed


def test_verify_only_checks_and_changes_nothing(
    backed_up: services.BackupResult, org: Any, media_root: Path
) -> None:
    _change_everything(org, media_root)
    changed = state(media_root)
    out = io.StringIO()
    call_command("restore", str(backed_up.path), "--verify-only", stdout=out)
    assert "归档完整" in out.getvalue()
    assert state(media_root) == changed


def test_an_empty_media_root_round_trips(org: Any, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "no-media-yet"
    result = services.create_backup(tmp_path / "b")
    assert result.manifest.media == []
    report = services.restore_backup(result.path)
    assert report.ok
    assert (tmp_path / "no-media-yet").is_dir()
