from __future__ import annotations

from typing import Any

import factory

from mingjian.org.models import Field, Person, Role, RoleAssignment, Unit, User

PASSWORD = "Test-Passw0rd!"


class UnitFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    code = factory.Sequence(lambda n: f"u{n}")
    kind = Unit.Kind.PARTY_GOVT
    field = Field.GENERAL
    parent = None


class PersonFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"干部{n}")
    unit = factory.SubFactory(UnitFactory)
    position = "科员"
    level = Person.Level.GENERAL


class UserFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    unit = factory.SubFactory(UnitFactory)

    @factory.post_generation  # type: ignore[misc]
    def password(self, create: bool, extracted: str | None, **kwargs: Any) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save()


def user_with_role(role: str, unit: Unit, *, home: Unit | None = None, **kwargs: Any) -> User:
    user: User = UserFactory(unit=home or unit, **kwargs)
    RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


def leader_of(unit: Unit, *, leadership: str = Person.Leadership.MEMBER, **kwargs: Any) -> User:
    """A 班子成员 of `unit` with a unit-leader account: who can be named 责任领导 and sign."""
    user = user_with_role(Role.UNIT_LEADER, unit, **kwargs)
    user.person = PersonFactory(
        unit=unit, name=user.full_name or user.username, position="班子成员", leadership=leadership
    )
    user.save(update_fields=["person"])
    return user


__all__ = ["PASSWORD", "PersonFactory", "Role", "UnitFactory", "UserFactory", "leader_of", "user_with_role"]
