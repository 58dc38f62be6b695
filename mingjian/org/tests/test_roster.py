"""The 干部名册 a person is chosen from: the cadres of the units' subtrees, however many units."""

from __future__ import annotations

from typing import Any

from mingjian.org.models import Person, Unit
from mingjian.org.tests.factories import PersonFactory


def test_a_region_of_many_units_is_one_subtree(org: Any) -> None:
    here = PersonFactory(unit=org.a_dept)
    PersonFactory(unit=org.bureau_b)
    PersonFactory(unit=org.a_dept, is_active=False)
    # Thousands of units inside the city: SQLite would refuse one condition per unit.
    many = [Unit(path=f"{org.city.path}{i}/") for i in range(3000)]
    assert set(Person.objects.roster_of(org.a_dept, *many, org.city)) == set(
        Person.objects.roster_of(org.city)
    )
    assert set(Person.objects.roster_of(org.a_dept, org.bureau_a)) == {here}
    assert not Person.objects.roster_of().exists()
