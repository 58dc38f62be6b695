"""The import in one call, for callers without a confirm step (the API, commands, tests)."""

from __future__ import annotations

from django.utils import timezone

from mingjian.org.models import Unit, User
from mingjian.rectification.ledger.applying import apply_plan
from mingjian.rectification.ledger.checking import check_import
from mingjian.rectification.ledger.reading import read_ledger
from mingjian.rectification.models import Task


def import_ledger(
    data: bytes,
    *,
    user: User,
    issuer: Unit | None,
    source: str,
    issue_now: bool = False,
    filename: str = "",
) -> list[Task]:
    """Check every row, then create the new tasks (issuing them with `issue_now`) and apply the
    changes to existing ones, all in one transaction, or nothing. Returns the new tasks.

    The check runs outside that transaction (it only reads), so the write lock is held for the
    writes alone; each change still goes through its service, which locks and re-checks its task."""
    plan = check_import(read_ledger(data, filename), user=user, issuer=issuer, today=timezone.localdate())
    return apply_plan(plan, user=user, issuer=issuer, source=source, filename=filename, issue_now=issue_now)
