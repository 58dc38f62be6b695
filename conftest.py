"""Shared fixtures: a small org tree and one user per vantage point.

        city ─┬─ commission ── stationed group (supervises bureau_a)
              ├─ bureau_a (民政) ── a_dept
              └─ bureau_b (财政)

`liaison` works in bureau_a, `outsider` in its sibling bureau_b, `child` in a_dept (below it),
`parent` at the city (above it); `inspector` is 纪委监委 for the city, `stationed` is the
派驻组 over bureau_a, `leader` the read-only city leader; plus the three administrators.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from mingjian.audit import triggers
from mingjian.org.models import Field, Role, Unit, User
from mingjian.org.tests.factories import UnitFactory, user_with_role


@pytest.fixture(autouse=True)
def _fast_settings(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MINGJIAN_WATERMARK = True
    settings.MEDIA_ROOT = tmp_path / "media"
    # The demo reads real speeches from ../shared/seeds/ when present; tests never do.
    settings.MINGJIAN_SEEDS_DIR = tmp_path / "no-seeds"


@pytest.fixture
def today() -> datetime.date:
    """Today in the product's time zone, read when the test runs. A module constant read at import
    goes stale when the suite crosses midnight in Asia/Shanghai (16:00 UTC), and the product's own
    "not later than today" checks then disagree with the test by a day."""
    return timezone.localdate()


@pytest.fixture(autouse=True)
def _audit_triggers(request: pytest.FixtureRequest) -> Any:
    """Tests with the database get the append-only triggers. A transactional test (live_server,
    transaction=True) drops them at teardown, because the flush that empties every table
    afterwards must empty the audit table too; a normal test just rolls back."""
    names = request.fixturenames
    if not {"db", "transactional_db", "live_server"} & set(names):
        yield
        return
    from django.db import connection

    request.getfixturevalue("transactional_db" if "live_server" in names else "db")
    triggers.install(connection)
    yield
    if not connection.in_atomic_block:
        triggers.uninstall(connection)


@dataclass
class Org:
    city: Unit
    commission: Unit
    group: Unit
    bureau_a: Unit
    a_dept: Unit
    bureau_b: Unit
    liaison: User
    outsider: User
    child: User
    parent: User
    inspector: User
    stationed: User
    leader: User
    sysadmin: User
    secadmin: User
    auditor: User


@pytest.fixture
def org(db: Any) -> Org:
    city = UnitFactory(name="测试市", code="city")
    commission = UnitFactory(
        name="测试市纪委监委", code="jw", parent=city, kind=Unit.Kind.COMMISSION, field=Field.DISCIPLINE
    )
    group = UnitFactory(
        name="派驻第一纪检监察组",
        code="pz1",
        parent=commission,
        kind=Unit.Kind.STATIONED,
        field=Field.DISCIPLINE,
    )
    bureau_a = UnitFactory(name="测试市民政局", code="mz", parent=city, field=Field.CIVIL_AFFAIRS)
    a_dept = UnitFactory(
        name="社会救助科", code="mz-d1", parent=bureau_a, kind=Unit.Kind.DEPARTMENT, field=Field.CIVIL_AFFAIRS
    )
    bureau_b = UnitFactory(name="测试市财政局", code="cz", parent=city, field=Field.FINANCE)
    group.supervised_units.add(bureau_a)
    return Org(
        city=city,
        commission=commission,
        group=group,
        bureau_a=bureau_a,
        a_dept=a_dept,
        bureau_b=bureau_b,
        liaison=user_with_role(Role.UNIT_LIAISON, bureau_a, username="liaison"),
        outsider=user_with_role(Role.UNIT_LIAISON, bureau_b, username="outsider"),
        child=user_with_role(Role.UNIT_LIAISON, a_dept, username="child"),
        parent=user_with_role(Role.UNIT_LEADER, city, username="parent"),
        inspector=user_with_role(Role.COMMISSION, city, home=commission, username="inspector"),
        stationed=user_with_role(Role.STATIONED, group, username="stationed"),
        leader=user_with_role(Role.LEADER_READONLY, city, username="leader"),
        sysadmin=user_with_role(Role.SYSTEM_ADMIN, city, home=commission, username="sysadmin"),
        secadmin=user_with_role(Role.SECURITY_ADMIN, city, home=commission, username="secadmin"),
        auditor=user_with_role(Role.AUDIT_ADMIN, city, home=commission, username="auditor"),
    )
