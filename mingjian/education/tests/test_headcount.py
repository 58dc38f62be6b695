"""The kept headcounts behind the coverage page's cohort sizes: every way a person is written
moves them (the ORM, bulk writes, raw SQL), a recount repairs them, and `migrate`'s repair puts
dropped triggers back."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mingjian.education import headcount
from mingjian.education.coverage import coverage
from mingjian.education.models import Headcount
from mingjian.education.tests.factories import days_ago
from mingjian.org.models import Person, Unit
from mingjian.org.tests.factories import PersonFactory

L = Person.Level


def kept() -> dict[tuple[str, str], int]:
    rows = Headcount.objects.filter(n__gt=0).values_list("unit__name", "level", "n")
    return {(unit, level): n for unit, level, n in rows}


def test_each_write_of_a_person_moves_the_counts(org: Any) -> None:
    chief = PersonFactory(name="李局长", unit=org.bureau_a, level=L.COUNTY)
    clerk = PersonFactory(name="王芳", unit=org.bureau_a, level=L.GENERAL)
    PersonFactory(name="孙会计", unit=org.bureau_b, level=L.GENERAL)
    PersonFactory(name="退休干部", unit=org.bureau_b, level=L.GENERAL, is_active=False)
    assert kept() == {
        ("测试市民政局", L.COUNTY): 1,
        ("测试市民政局", L.GENERAL): 1,
        ("测试市财政局", L.GENERAL): 1,
    }
    clerk.unit = org.bureau_b  # transferred
    clerk.save()
    chief.level = L.TOWNSHIP
    chief.save(update_fields=["level"])
    assert kept() == {("测试市民政局", L.TOWNSHIP): 1, ("测试市财政局", L.GENERAL): 2}
    clerk.is_active = False  # left
    clerk.save()
    chief.name = "李某"  # a change that does not move any count
    chief.save()
    assert kept() == {("测试市民政局", L.TOWNSHIP): 1, ("测试市财政局", L.GENERAL): 1}
    chief.delete()
    assert kept() == {("测试市财政局", L.GENERAL): 1}
    assert headcount.differences() == {}


def test_bulk_and_raw_writes_are_counted_too(org: Any) -> None:
    Person.objects.bulk_create(
        [Person(name=f"村干部{i}", unit=org.a_dept, level=L.VILLAGE) for i in range(5)]
        + [Person(name="已调离", unit=org.a_dept, level=L.VILLAGE, is_active=False)]
    )
    assert kept() == {("社会救助科", L.VILLAGE): 5}
    Person.objects.filter(unit=org.a_dept, name__in=["村干部0", "村干部1"]).update(level=L.GENERAL)
    Person.objects.filter(name="已调离").update(is_active=True)
    assert kept() == {("社会救助科", L.VILLAGE): 4, ("社会救助科", L.GENERAL): 2}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM org_person WHERE name = %s", ["村干部2"])
    assert kept() == {("社会救助科", L.VILLAGE): 3, ("社会救助科", L.GENERAL): 2}
    Person.objects.filter(unit=org.a_dept).delete()
    assert kept() == {}
    assert headcount.differences() == {}


def test_recount_repairs_wrong_counts_and_the_command_reports_them(org: Any) -> None:
    PersonFactory(unit=org.bureau_a, level=L.GENERAL)
    PersonFactory(unit=org.bureau_a, level=L.GENERAL)
    Headcount.objects.filter(unit=org.bureau_a).update(n=7)
    Headcount.objects.create(unit=org.bureau_b, level=L.COUNTY, n=3)
    assert headcount.differences() == {
        (org.bureau_a.pk, L.GENERAL): (7, 2),
        (org.bureau_b.pk, L.COUNTY): (3, 0),
    }
    with pytest.raises(CommandError, match="2 项"):
        call_command("recount_headcount", "--check", stdout=StringIO())
    out = StringIO()
    call_command("recount_headcount", stdout=out)
    assert "更正 2 项" in out.getvalue()
    assert kept() == {("测试市民政局", L.GENERAL): 2}
    out = StringIO()
    call_command("recount_headcount", "--check", stdout=out)
    assert "一致" in out.getvalue()


def test_dropped_triggers_are_put_back_and_the_counts_redone(org: Any) -> None:
    """As after a migration that rebuilds the person table on SQLite."""
    headcount.drop_triggers(connection)
    PersonFactory(unit=org.bureau_a, level=L.GENERAL)  # not counted: no trigger
    assert kept() == {}
    assert headcount.ensure_triggers(connection) is True
    assert kept() == {("测试市民政局", L.GENERAL): 1}
    assert headcount.ensure_triggers(connection) is False  # already there: nothing redone
    PersonFactory(unit=org.bureau_a, level=L.GENERAL)
    assert kept() == {("测试市民政局", L.GENERAL): 2}


def test_coverage_sizes_follow_the_counts_within_the_viewers_scope(org: Any) -> None:
    for unit, level in [(org.bureau_a, L.COUNTY), (org.a_dept, L.GENERAL), (org.bureau_b, L.GENERAL)]:
        PersonFactory(unit=unit, level=level)

    def sizes(user: Any, **kwargs: Any) -> dict[str, int]:
        found = coverage(user, units=Unit.objects.all(), today=days_ago(0), **kwargs)
        return {row.unit.name: row.cohort for row in found.rows}

    assert sizes(org.inspector) == {"测试市民政局": 1, "社会救助科": 1, "测试市财政局": 1}
    assert sizes(org.liaison) == {"测试市民政局": 1, "社会救助科": 1}  # never the 财政局's count
    assert sizes(org.outsider) == {"测试市财政局": 1}
    assert sizes(org.inspector, levels=[L.COUNTY]) == {"测试市民政局": 1}
    Person.objects.filter(unit=org.bureau_b).update(unit=org.a_dept)
    assert sizes(org.outsider) == {}
    assert sizes(org.liaison) == {"测试市民政局": 1, "社会救助科": 2}
