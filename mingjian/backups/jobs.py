"""huey job: refresh SQLite's planner statistics every night (see lib/dbstats.py)."""

from __future__ import annotations

import logging

from django.db import connection
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mingjian.lib import dbstats

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="3", minute="30"))  # type: ignore[untyped-decorator]
def nightly_statistics() -> int:
    # 03:30 Beijing time (HUEY["utc"] is False), when nobody works. PostgreSQL's autovacuum
    # keeps its own statistics.
    if connection.vendor != "sqlite":
        return 0
    tables = dbstats.refresh(connection)
    log.info("planner statistics refreshed for %d tables", len(tables))
    return len(tables)
