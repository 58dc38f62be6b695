"""The responsibility register of a unit: who holds what, read from the 班子 data (nothing is
typed again) — the 党委（党组）'s 主体责任, the 书记 as 第一责任人, every other 班子成员's 一岗双责
with the departments they oversee, and the 纪检 bodies carrying 监督责任 over the unit.

A 内设机构 has no 班子 of its own: its register is that of the unit it belongs to, where it
shows among the departments with its 分管领导 (or a gap, when nobody oversees it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from mingjian.duties.vocabulary import Kind, party_body
from mingjian.org.models import Person, Unit

B = Person.Leadership
K = Unit.Kind
SUPERVISING_KINDS = (K.COMMISSION, K.STATIONED)


@dataclass(frozen=True)
class Holder:
    """One bearer of a responsibility: a 党组织, a cadre or a 纪检 body."""

    kind: str
    name: str
    person: Person | None = None
    body: Unit | None = None
    oversees: tuple[Unit, ...] = ()

    @property
    def label(self) -> str:
        return Kind(self.kind).label


@dataclass
class Register:
    unit: Unit
    main: Holder | None
    first: Holder | None
    members: list[Holder] = field(default_factory=list)
    supervisors: list[Holder] = field(default_factory=list)
    # 内设机构 → the 班子成员 who oversee it (empty: nobody carries its 一岗双责).
    departments: list[tuple[Unit, list[Person]]] = field(default_factory=list)
    # For a 纪检 body: the units it supervises.
    supervises: list[Unit] = field(default_factory=list)

    @property
    def holders(self) -> list[Holder]:
        found = [h for h in (self.main, self.first) if h is not None]
        return found + self.members + self.supervisors

    @property
    def unassigned(self) -> list[Unit]:
        return [unit for unit, people in self.departments if not people]


def commissions_over(unit: Unit) -> list[Unit]:
    """纪委监委 with jurisdiction over `unit`, nearest first: a commission on its path (for a
    派驻组, the commission it belongs to), or the commission of each region above it."""
    chain = [*unit.ancestors(), unit]
    parents = [u.pk for u in chain]
    siblings = Unit.objects.filter(kind=K.COMMISSION, parent_id__in=parents, is_active=True)
    by_parent = {c.parent_id: c for c in siblings.order_by("id")}
    found: list[Unit] = []
    for node in reversed(chain):
        candidate = node if node.kind == K.COMMISSION else by_parent.get(node.pk)
        if candidate is not None and candidate not in found:
            found.append(candidate)
    return found


def supervisors_of(unit: Unit) -> list[Unit]:
    """The 纪检 bodies carrying 监督责任 over `unit`: the 派驻纪检组 over it or a unit above it,
    then the nearest 纪委监委."""
    chain = [u.pk for u in [*unit.ancestors(), unit]]
    stationed = list(
        Unit.objects.filter(kind=K.STATIONED, supervised_units__id__in=chain, is_active=True)
        .distinct()
        .order_by("path")
    )
    commissions = commissions_over(unit)
    return stationed + commissions[:1]


def _first_of(team: list[Person]) -> Person | None:
    secretaries = [p for p in team if p.leadership == B.SECRETARY]
    heads = [p for p in team if p.leadership == B.HEAD]
    found = secretaries or heads
    return found[0] if found else None


def team_of(unit: Unit) -> list[Person]:
    """The unit's 班子 in order: 书记, 主要负责人, 班子成员."""
    order = {B.SECRETARY: 0, B.HEAD: 1, B.MEMBER: 2}
    team = list(Person.objects.leadership_of(unit).prefetch_related("oversees"))
    return sorted(team, key=lambda p: (order.get(B(p.leadership), 3), p.pk))


def first_responsible(unit: Unit) -> Person | None:
    """The 第一责任人: the 书记, or the 主要负责人 where the unit has no 书记 (a 派驻组's 组长)."""
    return _first_of(team_of(unit.leadership_unit()))


def _departments(unit: Unit, team: list[Person]) -> list[tuple[Unit, list[Person]]]:
    depts = Unit.objects.filter(parent=unit, is_active=True).filter(
        Q(kind=K.DEPARTMENT) | Q(kind=K.INSTITUTION)
    )
    return [(d, [p for p in team if d in p.oversees.all()]) for d in depts.order_by("sort_order", "path")]


def _supervision(unit: Unit) -> list[Unit]:
    if unit.kind == K.STATIONED:
        return list(unit.supervised_units.order_by("path"))
    if unit.kind == K.COMMISSION and unit.parent_id is not None:
        return list(
            Unit.objects.filter(parent_id=unit.parent_id, is_active=True)
            .exclude(pk=unit.pk)
            .exclude(kind__in=[K.COMMISSION, K.INSPECTION])
            .order_by("sort_order", "path")
        )
    return []


def holder_name(person: Person) -> str:
    return f"{person.name}（{person.position}）" if person.position else person.name


def register_of(unit: Unit) -> Register:
    unit = unit.leadership_unit()
    team = team_of(unit)
    first = _first_of(team)
    # A 派驻组 has no 党组 of its own: it carries 监督责任, not 主体责任.
    main = None if unit.kind == K.STATIONED else Holder(Kind.MAIN, party_body(unit), body=unit)
    members = [
        Holder(Kind.DUAL, holder_name(p), person=p, oversees=tuple(p.oversees.all()))
        for p in team
        if p != first
    ]
    bodies = [unit] if unit.kind in SUPERVISING_KINDS else supervisors_of(unit)
    return Register(
        unit=unit,
        main=main,
        first=Holder(Kind.FIRST, holder_name(first), person=first) if first else None,
        members=members,
        supervisors=[Holder(Kind.SUPERVISION, b.name, body=b) for b in bodies],
        departments=_departments(unit, team),
        supervises=_supervision(unit),
    )
