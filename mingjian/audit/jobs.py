"""huey job: write the audit anchor every day (see anchor.py); `anchor_audit` does it on demand."""

from __future__ import annotations

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mingjian.audit.anchor import write_anchor

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="23", minute="55"))  # type: ignore[untyped-decorator]
def daily_anchor() -> str:
    # HUEY["utc"] is False: 23:55 Beijing time, after the day's work.
    anchor = write_anchor(settings.AUDIT_ANCHOR_FILE)
    log.info("%s", anchor.describe())
    return anchor.describe()
