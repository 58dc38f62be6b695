"""Inserting thousands of rows inside one short write transaction.

Django's bulk_create converts every value and compiles the SQL inside the transaction, in batches
of 999 parameters on SQLite (about 70 rows): 5,000 imported tasks kept SQLite's single write lock
for 5–10 s on a loaded server, and every login meanwhile failed with "database is locked". Here
the ids are reserved first (a sequence on PostgreSQL, a few-millisecond bump of sqlite_sequence
on SQLite), so the rows — foreign keys included — are converted before the transaction begins;
inside it only `executemany` runs, one statement per table.

Like bulk_create, nothing here calls save() or sends signals: callers write their audit events
themselves (audit.services.append_events).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys no other insert will take (unused ones just leave a gap).

    Run it outside any transaction: on SQLite it is a short write transaction of its own."""
    if count <= 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
    if connection.vendor != "sqlite":
        raise NotImplementedError(connection.vendor)
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # AUTOINCREMENT (Django's SQLite primary keys) never reuses a value below sqlite_sequence.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")  # noqa: S608
        start = max(found[0] if found else 0, cursor.fetchone()[0])
        if found:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start + count, table])
        else:
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start + count])
    return list(range(start + 1, start + count + 1))


def assign_ids(objs: Sequence[models.Model]) -> None:
    """Give unsaved objects of one model their reserved primary keys."""
    if objs:
        for obj, pk in zip(objs, reserve_ids(type(objs[0]), len(objs)), strict=True):
            obj.pk = pk


# PostgreSQL: rows per multi-row INSERT (one round trip each; executemany costs one per row).
PG_ROWS_PER_STATEMENT = 500


@dataclass
class PreparedInsert:
    """One INSERT statement and its rows, every value already converted for the database."""

    sql: str
    rows: list[tuple[Any, ...]]

    def execute(self) -> None:
        if not self.rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.executemany(self.sql, self.rows)  # SQLite runs it in C, in-process
                return
            head, _, one = self.sql.partition(" VALUES ")
            for start in range(0, len(self.rows), PG_ROWS_PER_STATEMENT):
                chunk = self.rows[start : start + PG_ROWS_PER_STATEMENT]
                cursor.execute(
                    f"{head} VALUES {', '.join([one] * len(chunk))}", [v for row in chunk for v in row]
                )


def prepare_insert(objs: Sequence[models.Model]) -> PreparedInsert:
    """The INSERT for `objs` (one model, primary keys set), converted now, executed later."""
    if not objs:
        return PreparedInsert("", [])
    meta = objs[0]._meta
    numbered = any(obj.pk is not None for obj in objs)  # else the database numbers the rows
    fields = [f for f in meta.concrete_fields if not f.generated and (numbered or not f.primary_key)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    rows = [tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields) for obj in objs]
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    return PreparedInsert(sql, rows)
