"""The database side of the kill -9 test, run in a subprocess against the server's database:

    python -m tests.faults.scenario seed N      → JSON {"username", "password", "tasks": [ids]}
    python -m tests.faults.scenario check       → JSON of what the database holds

`seed` creates a unit, its liaison and N 已下发 tasks; the test then starts them over HTTP
(POST /api/tasks/{id}/start/, an audited transition) while the server is killed. `check` runs
`verify_audit` and reports, per task, its status and how many "started" audit events it has.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

PASSWORD = "Fault-test-2026!"


def seed(count: int) -> dict[str, Any]:
    from django.utils import timezone

    from mingjian.org.models import Person, Role, RoleAssignment, Unit, User
    from mingjian.rectification.models import Problem, ProblemType, Responsibility, Task

    city = Unit.objects.create(name="故障测试市", code="fault-city")
    commission = Unit.objects.create(
        name="故障测试市纪委监委", code="fault-jw", parent=city, kind=Unit.Kind.COMMISSION
    )
    bureau = Unit.objects.create(name="故障测试市民政局", code="fault-mz", parent=city)
    user = User.objects.create_user("fault-liaison", password=PASSWORD, full_name="联络员", unit=bureau)
    RoleAssignment.objects.create(user=user, role=Role.UNIT_LIAISON, unit=bureau)
    problem = Problem.objects.create(
        unit=bureau,
        issuer=commission,
        source=Problem.Source.SELF_INSPECTION,
        # The vocabulary comes from a data migration, which a transactional test's flush empties.
        problem_type=ProblemType.objects.get_or_create(name="故障测试类型", defaults={"category": "other"})[
            0
        ],
        title="故障测试问题",
    )
    due = timezone.localdate() + datetime.timedelta(days=60)
    tasks = Task.objects.bulk_create(
        Task(problem=problem, unit=bureau, measure=f"措施{n}", status=Task.Status.ISSUED, due_date=due)
        for n in range(count)
    )
    person = Person.objects.create(name="王科长", unit=bureau)
    Responsibility.objects.bulk_create(Responsibility(task=t, unit=bureau, person=person) for t in tasks)
    return {"username": user.username, "password": PASSWORD, "tasks": [t.pk for t in tasks]}


def check() -> dict[str, Any]:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from mingjian.audit.models import AuditEvent
    from mingjian.rectification.models import Task

    try:
        call_command("verify_audit", stdout=sys.stderr)
        audit_ok, audit_error = True, ""
    except CommandError as e:
        audit_ok, audit_error = False, str(e)
    started: dict[int, int] = {}
    for target in AuditEvent.objects.filter(action="rectification.task.started").values_list(
        "target_id", flat=True
    ):
        started[int(target)] = started.get(int(target), 0) + 1
    status = dict(Task.objects.filter(unit__code="fault-mz").values_list("id", "status"))
    tokens = AuditEvent.objects.filter(action="auth.token_issued").count()
    return {
        "audit_ok": audit_ok,
        "audit_error": audit_error,
        "started": started,
        "status": status,
        "tokens": tokens,
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    if argv[0] == "seed":
        print(json.dumps(seed(int(argv[1]))))
    elif argv[0] == "check":
        print(json.dumps(check()))
    else:
        print(f"unknown command {argv[0]!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main(sys.argv[1:]))
