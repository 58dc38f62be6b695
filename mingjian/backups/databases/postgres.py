"""PostgreSQL: pg_dump in custom format, restored through psql in one transaction.

The backup opens a REPEATABLE READ transaction, exports its snapshot and runs
`pg_dump --snapshot`, then counts the rows and reads the audit head in that same transaction:
the manifest describes exactly the dumped data, however busy the server is.

The restore turns the dump into SQL with pg_restore and pipes it into psql after
`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`, all inside one BEGIN … COMMIT that is only
written when pg_restore finished cleanly. Any error (or a pg_restore that dies half-way) leaves
the transaction uncommitted, so the database keeps its old content. Owners and privileges are
not restored (--no-owner --no-privileges): the objects belong to the role that restores.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import connection, transaction

from mingjian.backups.databases.common import Snapshot, audit_head, count_rows
from mingjian.backups.manifest import BackupError, Manifest

_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")
_CHUNK = 1024 * 1024
_PRELUDE = b"BEGIN;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n"


def tool(name: str) -> str:
    """The client program `name`, from PG_BIN_DIR when set, else from PATH."""
    bin_dir = getattr(settings, "PG_BIN_DIR", "")
    found = str(Path(bin_dir) / name) if bin_dir else shutil.which(name)
    if not found or not Path(found).is_file():
        raise BackupError(
            f"找不到 {name}：请安装与数据库服务器同版本的 PostgreSQL 客户端"
            "（Debian：apt-get install postgresql-client-15），或用 PG_BIN_DIR 指定其目录"
        )
    return found


def tool_version(program: str) -> tuple[int, str]:
    """Major version and the full `--version` line of a PostgreSQL client program."""
    out = subprocess.run([program, "--version"], capture_output=True, text=True, check=False).stdout
    match = _VERSION.search(out)
    if match is None:
        raise BackupError(f"无法识别 {program} 的版本：{out.strip()!r}")
    return int(match.group(1)), out.strip()


def _major_of(text: str) -> int | None:
    match = _VERSION.search(text)
    return int(match.group(1)) if match else None


def _env() -> dict[str, str]:
    """libpq settings for the client programs; the password goes in the environment, never argv."""
    db = connection.settings_dict
    env = dict(os.environ)
    pairs = {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({k: str(v) for k, v in pairs.items() if v})
    return env


def _server_major() -> int:
    connection.ensure_connection()
    return int(connection.pg_version) // 10000  # type: ignore[attr-defined]


def snapshot(dest: Path) -> Snapshot:
    pg_dump = tool("pg_dump")
    client, line = tool_version(pg_dump)
    server = _server_major()
    if client < server:
        raise BackupError(
            f"pg_dump 版本 {client} 低于数据库服务器版本 {server}，请安装 postgresql-client-{server}"
        )
    if connection.in_atomic_block:
        raise BackupError("备份不能在事务中进行")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        command = [
            pg_dump,
            "--format=custom",
            "--no-password",
            f"--snapshot={snapshot_id}",
            "--file",
            str(dest),
        ]
        done = subprocess.run(command, env=_env(), capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BackupError(f"pg_dump 失败（退出码 {done.returncode}）：{done.stderr.strip()[-500:]}")
        tables = count_rows(cursor, "postgresql")
        head = audit_head(cursor, tables)
    version = int(connection.pg_version)  # type: ignore[attr-defined]
    return Snapshot(tables, head, f"{version // 10000}.{version % 10000}", line)


def check_restorable(manifest: Manifest) -> None:
    """The client programs exist and can read a dump made by the archive's pg_dump."""
    pg_restore, _ = tool("pg_restore"), tool("psql")
    client, _line = tool_version(pg_restore)
    dumped = _major_of(manifest.database.dump_tool)
    if dumped is not None and client < dumped:
        raise BackupError(
            f"pg_restore 版本 {client} 低于制作备份的 pg_dump 版本 {dumped}，请安装 postgresql-client-{dumped}"
        )


def _check_dump(pg_restore: str, staged: Path) -> None:
    listed = subprocess.run([pg_restore, "--list", str(staged)], capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        raise BackupError(f"备份中的数据库转储无法读取（当前数据库未改变）：{listed.stderr.strip()[-300:]}")


def _feed(source: IO[bytes], sink: IO[bytes]) -> bool:
    """The prelude, then pg_restore's SQL, into psql; False when psql stopped reading (an error)."""
    try:
        sink.write(_PRELUDE)
        while chunk := source.read(_CHUNK):
            sink.write(chunk)
    except BrokenPipeError:
        return False
    return True


def restore(staged: Path, manifest: Manifest) -> None:
    check_restorable(manifest)
    pg_restore, psql = tool("pg_restore"), tool("psql")
    _check_dump(pg_restore, staged)
    connection.close()  # our own session must hold no lock on the tables being dropped
    env = _env()
    with tempfile.TemporaryFile() as restore_err, tempfile.TemporaryFile() as psql_err:
        sql = [psql, "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1"]
        with subprocess.Popen(
            sql, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_err, env=env
        ) as db:
            dump = [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(staged)]
            with subprocess.Popen(dump, stdout=subprocess.PIPE, stderr=restore_err, env=env) as reader:
                if db.stdin is None or reader.stdout is None:  # both were opened with PIPE
                    raise BackupError("无法连接 psql 与 pg_restore")
                fed = _feed(reader.stdout, db.stdin)
                reader.stdout.close()
                restored = reader.wait() == 0
            if fed and restored:
                _write_quietly(db.stdin, b"\nCOMMIT;\n")
            _close_quietly(db.stdin)
            committed = db.wait() == 0 and fed and restored
        if not committed:
            raise BackupError(
                "恢复数据库失败，事务已回滚，当前数据库未改变："
                + (_tail(psql_err) or _tail(restore_err) or "psql 或 pg_restore 异常退出")
            )


def _write_quietly(sink: IO[bytes], data: bytes) -> bool:
    try:
        sink.write(data)
        sink.flush()
    except BrokenPipeError:
        return False
    return True


def _close_quietly(sink: IO[bytes]) -> None:
    with contextlib.suppress(BrokenPipeError):
        sink.close()


def _tail(err: IO[bytes]) -> str:
    err.seek(0)
    return err.read().decode(errors="replace").strip()[-500:]
