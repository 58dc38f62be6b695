from __future__ import annotations

import datetime
from typing import Any

import factory

from mingjian.org.models import Person, Unit
from mingjian.org.tests.factories import UnitFactory
from mingjian.rectification.models import Problem, ProblemType, Responsibility, Task


def clerk(unit: Unit) -> Person:
    """The 责任人 of the unit's test tasks: one 王科长 per unit in its 干部名册."""
    return Person.objects.get_or_create(unit=unit, name="王科长", defaults={"position": "科长"})[0]


class ProblemFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Problem

    unit = factory.SubFactory(UnitFactory)
    issuer = factory.SubFactory(UnitFactory)
    source = Problem.Source.SELF_INSPECTION
    problem_type = factory.LazyFunction(lambda: ProblemType.objects.get(name="审核把关不严"))
    title = factory.Sequence(lambda n: f"低保审核把关不严问题{n}")


class TaskFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Task
        skip_postgeneration_save = True

    problem = factory.SubFactory(ProblemFactory)
    unit = factory.LazyAttribute(lambda o: o.problem.unit)
    measure = factory.Sequence(lambda n: f"修订低保审核办法，建立近亲属回避制度{n}")
    due_date = datetime.date(2026, 12, 31)

    @factory.post_generation  # type: ignore[misc]
    def leader(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            person = clerk(self.unit)
            Responsibility.objects.create(
                task=self, unit=self.unit, role="lead", leader=extracted, person=person
            )
