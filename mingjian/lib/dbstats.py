"""The query planner's statistics (ANALYZE).

PostgreSQL's autovacuum gathers its own. SQLite gathers none unless ANALYZE runs: without them
its planner guesses every table's size, and a migration that rebuilds a table (SQLite's way of
adding some columns) drops that table's statistics while the others stay, which is worse than
none — one province search went from 0.1 s to 5 s that way. So on SQLite the statistics are
put back after each migrate for the tables that lost them, and refreshed on demand
(`manage.py refresh_statistics`, in a maintenance window: see ANALYSIS below).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection as default_connection
from django.db import connections

# ANALYSIS: every index is read whole. Sampled statistics (PRAGMA analysis_limit = 2000) took 0.3 s
# instead of seconds, but led SQLite to plans 200 times slower (a county's task list: 6 s). A full
# ANALYZE holds SQLite's write lock throughout: 26 s for the task table at 1M tasks, far past the
# 5 s busy timeout, so it is not run on a timer while people work.


def _sqlite_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [name for (name,) in cursor.fetchall()]


def has_statistics(connection: Any = default_connection) -> bool:
    """Whether the database keeps planner statistics at all (SQLite: ANALYZE has run once)."""
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        return cursor.fetchone() is not None


def tables_without_statistics(connection: Any = default_connection) -> list[str]:
    """SQLite tables that hold rows but have no statistics (new, or rebuilt by a migration)."""
    if connection.vendor != "sqlite" or not has_statistics(connection):
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        known = {name for (name,) in cursor.fetchall()}
        missing = []
        for table in _sqlite_tables(cursor):
            if table in known:
                continue
            # Table names come from sqlite_master, quoted: no user input reaches this SQL.
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone() is not None:
                missing.append(table)
    return missing


def refresh(connection: Any = default_connection, tables: Iterable[str] | None = None) -> list[str]:
    """ANALYZE `tables` (default: every table) one statement each, so SQLite holds its write
    lock for one table at a time. Returns the tables analysed."""
    with connection.cursor() as cursor:
        names = list(tables) if tables is not None else None
        if connection.vendor == "sqlite":
            names = _sqlite_tables(cursor) if names is None else names
        elif names is None:
            cursor.execute("ANALYZE")
            return ["*"]
        for name in names:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")
    return names


def repair_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate: statistics for the SQLite tables a migration rebuilt (only where the
    database keeps statistics: a new database gets them from the first nightly refresh)."""
    connection = connections[using]
    missing = tables_without_statistics(connection)
    if missing:
        refresh(connection, missing)
