"""The responsibility register reads who holds what from the 班子 data — nothing typed again."""

from __future__ import annotations

from typing import Any

from mingjian.duties.register import commissions_over, first_responsible, register_of, supervisors_of
from mingjian.duties.vocabulary import Kind, party_body
from mingjian.org.models import Field, Person, Unit
from mingjian.org.tests.factories import PersonFactory, UnitFactory

from .conftest import Team

B = Person.Leadership


def test_the_register_names_every_holder_from_the_roster(org: Any, team: Team) -> None:
    register = register_of(org.bureau_a)
    assert register.main is not None and register.main.name == "测试市民政局党组"
    assert register.first is not None and register.first.person == team.secretary_person
    assert [h.person for h in register.members] == [team.deputy_person]
    assert register.members[0].oversees == (org.a_dept,)
    assert [h.body for h in register.supervisors] == [org.group, org.commission]
    assert [h.kind for h in register.holders] == [
        Kind.MAIN,
        Kind.FIRST,
        Kind.DUAL,
        Kind.SUPERVISION,
        Kind.SUPERVISION,
    ]


def test_departments_show_their_overseers_and_the_gaps(org: Any, team: Team) -> None:
    second = UnitFactory(name="养老服务科", parent=org.bureau_a, kind=Unit.Kind.DEPARTMENT)
    register = register_of(org.bureau_a)
    assert dict(register.departments) == {org.a_dept: [team.deputy_person], second: []}
    assert register.unassigned == [second]


def test_a_department_answers_through_its_bureau(org: Any, team: Team) -> None:
    assert register_of(org.a_dept).unit == org.bureau_a


def test_without_a_secretary_the_head_is_first_responsible(org: Any) -> None:
    head = PersonFactory(unit=org.bureau_b, name="局长", leadership=B.HEAD)
    assert first_responsible(org.bureau_b) == head
    secretary = PersonFactory(unit=org.bureau_b, name="书记", leadership=B.SECRETARY)
    assert first_responsible(org.bureau_b) == secretary
    assert [h.person for h in register_of(org.bureau_b).members] == [head]


def test_inactive_cadres_hold_nothing(org: Any, team: Team) -> None:
    Person.objects.filter(pk=team.deputy_person.pk).update(is_active=False)
    assert register_of(org.bureau_a).members == []


def test_a_stationed_group_carries_supervision_not_a_party_body(org: Any) -> None:
    register = register_of(org.group)
    assert register.main is None
    assert [h.body for h in register.supervisors] == [org.group]
    assert register.supervises == [org.bureau_a]


def test_commissions_over_a_unit_nearest_first(org: Any) -> None:
    county = UnitFactory(name="测试县", parent=org.city)
    county_commission = UnitFactory(name="测试县纪委监委", parent=county, kind=Unit.Kind.COMMISSION)
    bureau = UnitFactory(name="测试县民政局", parent=county, field=Field.CIVIL_AFFAIRS)
    assert commissions_over(bureau) == [county_commission, org.commission]
    assert commissions_over(org.group) == [org.commission]
    assert supervisors_of(bureau) == [county_commission]  # no 派驻组 over it


def test_party_bodies_are_named_by_kind_of_unit(org: Any) -> None:
    town = UnitFactory(name="青石镇", kind=Unit.Kind.TOWNSHIP)
    village = UnitFactory(name="青石村", kind=Unit.Kind.VILLAGE)
    assert (party_body(org.bureau_a), party_body(town), party_body(village)) == (
        "测试市民政局党组",
        "青石镇党委",
        "青石村党支部",
    )
