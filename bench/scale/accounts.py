"""Sign-in accounts on the province-scale tree for the HTTP load harness (bench/load.py):
county liaisons, city liaisons and provincial 纪委 staff, each a distinct account with a real
password, so every simulated person logs in over HTTP and sees their own scope.

Units repeat when more accounts are asked for than there are counties or cities (each account
is still distinct). The password hash is computed once and shared: hashing it per account
would cost a second of PBKDF2 each. Usernames start with PREFIX, so `wipe()` removes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle, islice

from django.contrib.auth.hashers import make_password

from mingjian.org.models import Role, RoleAssignment, Unit, User

from .tree import PREFIX

COUNTY_CODE = rf"^{PREFIX}c[0-9][0-9]-k[0-9][0-9]$"
CITY_CODE = rf"^{PREFIX}c[0-9][0-9]$"


@dataclass(frozen=True)
class Account:
    kind: str  # "county", "city" or "province"
    username: str
    user: User
    unit: Unit  # the unit whose subtree the account sees


def _spread(units: list[Unit], count: int) -> list[Unit]:
    """`count` units, one per city in turn (counties are sorted by their number within the city)."""
    if not units:
        raise RuntimeError("no scale units of that level: run bench/seed_scale.py first")
    return list(islice(cycle(units), count))


def _counties() -> list[Unit]:
    found = Unit.objects.filter(code__regex=COUNTY_CODE)
    # scale-c01-k01, scale-c02-k01, … then -k02: consecutive accounts land in different cities.
    return sorted(found, key=lambda u: (u.code[-3:], u.code))


def _account(kind: str, n: int, unit: Unit, role: str, *, home: Unit, password_hash: str) -> Account:
    username = f"{PREFIX}bench-{kind}-{n:03d}"
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={"full_name": f"压测{kind}{n}", "unit": home, "password": password_hash, "is_active": True},
    )
    RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    return Account(kind, username, user, unit)


def bench_accounts(*, county: int, city: int, province: int, password: str) -> list[Account]:
    """The accounts (created or refreshed), county liaisons first, then cities, then the province."""
    password_hash = make_password(password)
    accounts = [
        _account("county", n, unit, Role.UNIT_LIAISON, home=unit, password_hash=password_hash)
        for n, unit in enumerate(_spread(_counties(), county), 1)
    ]
    cities = list(Unit.objects.filter(code__regex=CITY_CODE).order_by("code"))
    accounts += [
        _account("city", n, unit, Role.UNIT_LIAISON, home=unit, password_hash=password_hash)
        for n, unit in enumerate(_spread(cities, city), 1)
    ]
    if province:
        root = Unit.objects.get(code=f"{PREFIX}p")
        commission = Unit.objects.get(code=f"{PREFIX}p-jw")
        accounts += [
            _account("province", n, root, Role.COMMISSION, home=commission, password_hash=password_hash)
            for n in range(1, province + 1)
        ]
    return accounts
