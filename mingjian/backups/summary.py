"""What an archive holds, in the lines the backup and restore commands print."""

from __future__ import annotations

from mingjian.backups.manifest import VENDOR_LABELS, Manifest


def describe(manifest: Manifest) -> list[str]:
    db = manifest.database
    media_mb = sum(e.size for e in manifest.media) / 2**20
    head = manifest.audit_head
    return [
        f"备份时间：{manifest.created_at}",
        f"数据库：{VENDOR_LABELS[db.vendor]} {db.server_version}（{db.dump_tool}），"
        f"{len(manifest.tables)} 张表，共 {sum(manifest.tables.values()):,} 行，{db.size / 2**20:.1f} MB",
        f"上传文件：{len(manifest.media)} 个，{media_mb:.1f} MB",
        f"审计链末条：#{head.seq} {head.hash[:16]}…" if head else "审计链：无事件",
    ]
