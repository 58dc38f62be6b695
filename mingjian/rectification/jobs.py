"""huey jobs. Each is a thin call to a plain function that a command or a test can also run."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from mingjian.rectification.ledger import jobs as ledger_jobs
from mingjian.rectification.models import LedgerJob
from mingjian.rectification.reminders import send_due_reminders


@db_periodic_task(crontab(hour="8", minute="0"))  # type: ignore[untyped-decorator]
def daily_reminders() -> int:
    # HUEY["utc"] is False, so this is 08:00 Beijing time.
    return send_due_reminders(timezone.now())


@db_task()  # type: ignore[untyped-decorator]
def ledger_step(job_id: int, step: str) -> None:
    ledger_jobs.run_step(job_id, step)


def run_ledger_step(job: LedgerJob, step: str) -> None:
    """A small job runs in the request (so a demo without a huey worker still imports a short
    ledger); a larger one is queued once the job row has committed."""
    if ledger_jobs.runs_inline(job, step):
        ledger_jobs.run_step(job.pk, step)
    else:
        transaction.on_commit(partial(ledger_step, job.pk, step))
