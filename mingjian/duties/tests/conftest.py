"""The test city's 班子 for 两个责任: bureau_a (测试市民政局) has a 书记 and a 副局长 who oversees its
社会救助科, both with unit-leader accounts; the 派驻组 has a 组长 and a clerk; the 纪委 has a
second clerk, so every decision can be taken by someone who did not draft it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from mingjian.duties import services
from mingjian.duties.vocabulary import Kind
from mingjian.org.models import Person, Role, User
from mingjian.org.tests.factories import PersonFactory, leader_of, user_with_role

B = Person.Leadership


@dataclass
class Team:
    secretary: User
    deputy: User
    zuzhang: User
    commissioner: User

    @property
    def secretary_person(self) -> Person:
        assert self.secretary.person is not None
        return self.secretary.person

    @property
    def deputy_person(self) -> Person:
        assert self.deputy.person is not None
        return self.deputy.person


@pytest.fixture
def team(org: Any) -> Team:
    secretary = leader_of(org.bureau_a, leadership=B.SECRETARY, username="shuji", full_name="张书记")
    deputy = leader_of(org.bureau_a, username="fuju", full_name="李副局长")
    assert deputy.person is not None
    deputy.person.oversees.set([org.a_dept])
    zuzhang = user_with_role(Role.STATIONED, org.group, username="zuzhang", full_name="王组长")
    zuzhang.person = PersonFactory(unit=org.group, name="王组长", position="组长", leadership=B.HEAD)
    zuzhang.save(update_fields=["person"])
    commissioner = user_with_role(Role.COMMISSION, org.city, home=org.commission, username="jiwei2")
    commissioner.person = PersonFactory(
        unit=org.commission, name="赵书记", position="书记", leadership=B.SECRETARY
    )
    commissioner.save(update_fields=["person"])
    return Team(secretary, deputy, zuzhang, commissioner)


@pytest.fixture
def templates(org: Any) -> None:
    """The commission's four templates, from the standard items."""
    for kind in Kind.values:
        services.create_template(org.commission, kind=kind, by=org.inspector)
