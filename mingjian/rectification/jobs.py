"""huey jobs. The periodic job is a thin call to a plain function that a command can also run."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mingjian.rectification.reminders import send_due_reminders


@db_periodic_task(crontab(hour="8", minute="0"))  # type: ignore[untyped-decorator]
def daily_reminders() -> int:
    # HUEY["utc"] is False, so this is 08:00 Beijing time.
    return send_due_reminders(timezone.now())
