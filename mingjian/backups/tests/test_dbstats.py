"""Planner statistics: refreshed on demand, and put back after a migrate for the SQLite tables
that lost them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from mingjian.lib import dbstats
from mingjian.org.models import Unit
from mingjian.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL keeps its own (autovacuum)"
)

UNITS = Unit._meta.db_table


def _stat_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {name for (name,) in cursor.fetchall()}


@sqlite_only
def test_refresh_gathers_statistics_for_every_table_with_rows() -> None:
    UnitFactory.create_batch(3)
    tables = dbstats.refresh(connection)
    assert UNITS in tables
    assert dbstats.has_statistics(connection)
    assert UNITS in _stat_tables()
    assert dbstats.tables_without_statistics(connection) == []


@sqlite_only
def test_a_table_that_lost_its_statistics_gets_them_back_after_migrate() -> None:
    UnitFactory.create_batch(3)
    dbstats.refresh(connection)
    with connection.cursor() as cursor:  # what a migration's table rebuild leaves behind
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [UNITS])
    assert dbstats.tables_without_statistics(connection) == [UNITS]

    dbstats.repair_after_migrate(using="default")

    assert UNITS in _stat_tables()
    assert dbstats.tables_without_statistics(connection) == []


@sqlite_only
def test_a_database_without_statistics_is_left_to_the_command() -> None:
    UnitFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("DELETE FROM sqlite_stat1")
            cursor.execute("DROP TABLE sqlite_stat1")
    assert not dbstats.has_statistics(connection)
    assert dbstats.tables_without_statistics(connection) == []

    dbstats.repair_after_migrate(using="default")
    assert not dbstats.has_statistics(connection)

    call_command("refresh_statistics", stdout=StringIO())
    assert UNITS in _stat_tables()


def test_the_command_reports_what_it_refreshed() -> None:
    UnitFactory.create_batch(2)
    out = StringIO()
    call_command("refresh_statistics", stdout=out)
    text = out.getvalue()
    assert "已刷新" in text and "统计信息" in text
    if connection.vendor == "sqlite":
        assert UNITS in _stat_tables()
    else:
        assert "全部表" in text
        with connection.cursor() as cursor:  # ANALYZE writes pg_class in the same transaction
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [UNITS])
            (rows,) = cursor.fetchone()
        assert rows >= 2
