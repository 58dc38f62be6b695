"""The triggers that keep `Headcount` (active cadres per unit and 职级) in step with the person
table, and the recount that repairs it.

Each insert, delete or change of `unit_id`, `level` or `is_active` of a person moves one count,
inside the writer's own statement and transaction. `ensure_triggers` runs in the migration that
adds the table and after every `migrate` (a later migration that rebuilds the person table on
SQLite drops its triggers; the counts are then recounted). `recount` rebuilds the counts from the
person table (`manage.py recount_headcount`), `differences` compares them without writing.
"""

from __future__ import annotations

from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_TRIGGERS = ("education_headcount_ai", "education_headcount_ad", "education_headcount_au")
PG_TRIGGER = "education_headcount_sync"

# Written out rather than assembled: the names are fixed and the statements read as they run.
_ADD_SQLITE = (
    "INSERT INTO education_headcount (unit_id, level, n) SELECT NEW.unit_id, NEW.level, 1 "
    "WHERE NEW.is_active ON CONFLICT (unit_id, level) DO UPDATE SET n = n + 1;"
)
_REMOVE_SQLITE = (
    "UPDATE education_headcount SET n = n - 1 "
    "WHERE OLD.is_active AND unit_id = OLD.unit_id AND level = OLD.level;"
)
SQLITE_SQL = {
    "education_headcount_ai": f"AFTER INSERT ON org_person BEGIN {_ADD_SQLITE} END",
    "education_headcount_ad": f"AFTER DELETE ON org_person BEGIN {_REMOVE_SQLITE} END",
    "education_headcount_au": (
        "AFTER UPDATE OF unit_id, level, is_active ON org_person WHEN OLD.unit_id IS NOT NEW.unit_id "
        "OR OLD.level IS NOT NEW.level OR OLD.is_active IS NOT NEW.is_active "
        f"BEGIN {_REMOVE_SQLITE} {_ADD_SQLITE} END"
    ),
}

PG_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION education_headcount_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.unit_id = NEW.unit_id AND OLD.level = NEW.level
            AND OLD.is_active = NEW.is_active THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.is_active THEN
        UPDATE education_headcount SET n = n - 1 WHERE unit_id = OLD.unit_id AND level = OLD.level;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.is_active THEN
        INSERT INTO education_headcount (unit_id, level, n) VALUES (NEW.unit_id, NEW.level, 1)
        ON CONFLICT (unit_id, level) DO UPDATE SET n = education_headcount.n + 1;
    END IF;
    RETURN NULL;
END $$;
"""
PG_TRIGGER_SQL = (
    "CREATE TRIGGER education_headcount_sync AFTER INSERT OR DELETE OR UPDATE OF unit_id, level, "
    "is_active ON org_person FOR EACH ROW EXECUTE FUNCTION education_headcount_sync()"
)

COUNT_SQL = "SELECT unit_id, level, COUNT(*) FROM org_person WHERE is_active GROUP BY unit_id, level"


def _missing_triggers(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s AND NOT tgisinternal", [PG_TRIGGER])
            return cursor.fetchone() is None
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return not set(SQLITE_TRIGGERS) <= {name for (name,) in cursor.fetchall()}


def ensure_triggers(connection: BaseDatabaseWrapper = default_connection) -> bool:
    """Create the triggers where any is missing, then recount; idempotent. True if it repaired."""
    if not _missing_triggers(connection):
        return False
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION_SQL)
            cursor.execute("DROP TRIGGER IF EXISTS education_headcount_sync ON org_person")
            cursor.execute(PG_TRIGGER_SQL)
        else:
            for name, body in SQLITE_SQL.items():
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        recount(connection)
    return True


def drop_triggers(connection: BaseDatabaseWrapper = default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS education_headcount_sync ON org_person")
            cursor.execute("DROP FUNCTION IF EXISTS education_headcount_sync()")
        else:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def recount(connection: BaseDatabaseWrapper = default_connection) -> int:
    """Rebuild every count from the person table; returns how many counts were wrong or missing.
    On PostgreSQL the person table is locked against writes meanwhile, so no trigger runs between
    the count and the rewrite."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("LOCK TABLE org_person IN SHARE MODE")
        wrong = len(differences(connection))
        cursor.execute("DELETE FROM education_headcount")
        cursor.execute("INSERT INTO education_headcount (unit_id, level, n) " + COUNT_SQL)
    return wrong


def differences(
    connection: BaseDatabaseWrapper = default_connection,
) -> dict[tuple[int, str], tuple[int, int]]:
    """(unit id, 职级) -> (kept count, actual count) wherever they differ."""
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL)
        actual = {(unit, level): n for unit, level, n in cursor.fetchall()}
        cursor.execute("SELECT unit_id, level, n FROM education_headcount")
        kept = {(unit, level): n for unit, level, n in cursor.fetchall()}
    keys = set(actual) | set(kept)
    return {k: (kept.get(k, 0), actual.get(k, 0)) for k in keys if kept.get(k, 0) != actual.get(k, 0)}
