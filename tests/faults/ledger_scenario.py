"""The database side of the ledger-import load test, run in a subprocess against the server's
database:

    python -m tests.faults.ledger_scenario seed ROWS FILE  → JSON {"importer", "browsers", "password"}
    python -m tests.faults.ledger_scenario check           → JSON of what the import left behind

`seed` makes a city with a 纪委, a 民政局 (its 班子成员 and 干部名册), an importing 纪委 officer and
eight unit liaisons who will sign in and browse, and writes a ROWS-row 台账 to FILE.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

PASSWORD = "Ledger-load-2026!"
BROWSERS = 8


def _ledger(rows: int, path: str) -> None:
    from openpyxl import Workbook

    from mingjian.rectification.ledger import COLUMNS, SHEET

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.append(list(COLUMNS))
    due = datetime.date(2027, 6, 30)
    index = {name: i for i, name in enumerate(COLUMNS)}
    for n in range(rows):
        row: list[Any] = [None] * len(COLUMNS)
        for name, value in (
            ("序号", n + 1),
            ("问题", f"第{n + 1}项：低保审核把关不严，未严格执行入户调查"),
            ("整改措施", "修订低保审核办法，建立近亲属备案和回避制度"),
            ("责任单位", "负载测试市民政局"),
            ("责任领导", "load-boss"),
            ("责任人", "王科长"),
            ("完成时限", due),
        ):
            row[index[name]] = value
        ws.append(row)
    wb.save(path)


def seed(rows: int, path: str) -> dict[str, Any]:
    from mingjian.org.models import Person, Role, RoleAssignment, Unit, User
    from mingjian.rectification.models import ProblemType

    city = Unit.objects.create(name="负载测试市", code="load-city")
    commission = Unit.objects.create(
        name="负载测试市纪委监委", code="load-jw", parent=city, kind=Unit.Kind.COMMISSION
    )
    bureau = Unit.objects.create(name="负载测试市民政局", code="load-mz", parent=city)
    # The vocabulary comes from a data migration, which a transactional test's flush empties.
    ProblemType.objects.get_or_create(name="负载测试类型", defaults={"category": "other"})
    importer = User.objects.create_user("load-jiwei", password=PASSWORD, full_name="纪检员", unit=commission)
    RoleAssignment.objects.create(user=importer, role=Role.COMMISSION, unit=city)
    boss = User.objects.create_user("load-boss", password=PASSWORD, full_name="李局长", unit=bureau)
    RoleAssignment.objects.create(user=boss, role=Role.UNIT_LEADER, unit=bureau)
    boss.person = Person.objects.create(unit=bureau, name="李局长", leadership=Person.Leadership.MEMBER)
    boss.save(update_fields=["person"])
    Person.objects.create(unit=bureau, name="王科长", position="科长")
    browsers = []
    for n in range(BROWSERS):
        user = User.objects.create_user(
            f"load-user{n}", password=PASSWORD, full_name=f"联络员{n}", unit=bureau
        )
        RoleAssignment.objects.create(user=user, role=Role.UNIT_LIAISON, unit=bureau)
        browsers.append(user.username)
    _ledger(rows, path)
    return {"importer": importer.username, "browsers": browsers, "password": PASSWORD}


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
    return {
        "audit_ok": audit_ok,
        "audit_error": audit_error,
        "tasks": Task.objects.filter(unit__code="load-mz").count(),
        "created_events": AuditEvent.objects.filter(action="rectification.problem.created").count(),
        "logins": AuditEvent.objects.filter(action="auth.login").count(),
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    if argv[0] == "seed":
        print(json.dumps(seed(int(argv[1]), argv[2])))
    elif argv[0] == "check":
        print(json.dumps(check()))
    else:
        print(f"unknown command {argv[0]!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main(sys.argv[1:]))
