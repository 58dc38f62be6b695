"""The organisation's kinds of picked record: cadres of the 干部名册 and units of the tree."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from mingjian.org.models import Person, Unit, User, unit_scope_q
from mingjian.org.picker.core import Kind, Rows, prefix_then_contains


def roster_scope(user: User, *, unit: int) -> QuerySet[Person]:
    """The 干部名册 of a unit the user sees (its active cadres and those of its 内设机构)."""
    found = Unit.objects.visible_to(user).filter(pk=unit).first()
    return Person.objects.roster_of(found) if found else Person.objects.none()


def units_in_scope(user: User) -> QuerySet[Unit]:
    """Units whose business records the user sees (a list's 单位 filter)."""
    return Unit.objects.in_scope(user)


def person_label(name: str, position: str, unit_name: str) -> str:
    """How a cadre is told apart in a picker: 姓名（职务） · 单位."""
    return f"{name}（{position}） · {unit_name}" if position else f"{name} · {unit_name}"


class People(Kind):
    model = Person
    noun = "人员"
    counter = "人"
    prompt = "姓名"

    def narrow(self, user: User, records: QuerySet[Any]) -> QuerySet[Any]:
        # Person.visible_to's own condition on the same unit join: as `pk IN (visible people)` it
        # listed 200,000 ids for a province on every search (~100 ms on SQLite).
        return records.filter(unit_scope_q(user, prefix="unit__", org_data=True))

    def rows(self, records: QuerySet[Any], user: User | None, style: str = "") -> Rows:
        return [
            (pk, person_label(n, p, u))
            for pk, n, p, u in records.values_list("pk", "name", "position", "unit__name")
        ]

    def matches(self, records: QuerySet[Any], q: str, user: User, limit: int) -> Rows:
        """Names starting with `q` (the person_name index), then those containing it."""
        return prefix_then_contains(records, "name", q, limit, lambda found: self.rows(found, user))


def unit_label(name: str, depth: int, *, indent: bool) -> str:
    """A unit's name, indented by its depth in the tree when the list shows the tree."""
    return f"{'　' * depth}{name}" if indent else name


class Units(Kind):
    """A unit keeps its place in the tree: indented in a listed tree, and followed by the names
    of its ancestors the viewer sees wherever it appears on its own (search results, the chosen
    one of a searched select), since 民政局 alone names one in every county."""

    model = Unit
    noun = "单位"
    counter = "个"
    prompt = "单位名称"

    def rows(self, records: QuerySet[Any], user: User | None, style: str = "") -> Rows:
        found = list(records.values_list("pk", "name", "depth", "path"))
        if style != "path":
            return [(pk, unit_label(name, depth, indent=style == "indent")) for pk, name, depth, _ in found]
        above = {int(part) for *_, path in found for part in path.strip("/").split("/")[:-1]}
        # Ancestors through visible_to: a path names only what the viewer may see.
        visible = Unit.objects.visible_to(user) if user is not None else Unit.objects.none()
        names = dict(visible.filter(pk__in=above).values_list("pk", "name"))
        labels = []
        for pk, name, _, path in found:
            chain = [names[i] for i in map(int, path.strip("/").split("/")[:-1]) if i in names]
            labels.append((pk, f"{name}（{' › '.join(chain)}）" if chain else name))
        return labels

    def matches(self, records: QuerySet[Any], q: str, user: User, limit: int) -> Rows:
        return prefix_then_contains(records, "name", q, limit, lambda found: self.rows(found, user, "path"))


PEOPLE = People()
UNITS = Units()
