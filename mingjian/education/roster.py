"""Matching names from a sheet to the 干部名册 (org.Person), with one Chinese reason per row that
does not match. A name matches when exactly one cadre of the given people has it; a 单位 cell, if
filled, narrows by the cadre's unit or any unit above it ("民政局" matches 市民政局社会救助科)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from mingjian.education.sheets import Sheet, SheetRow, squeeze
from mingjian.org.models import Person, Unit


class RosterError(Exception):
    """Some rows do not match; nothing was saved. `errors` holds one sentence per row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Match:
    row: SheetRow
    person: Person


class _Units:
    """Each person's unit and the units above it, as one string of names ("X市市民政局社会救助科"),
    loaded in one query; a 单位 cell fits a person when it is part of that string."""

    def __init__(self, people: list[Person]) -> None:
        ids = {int(part) for p in people for part in p.unit.path.strip("/").split("/")}
        self.names = {u.pk: (u.name, u.short_name or u.name) for u in Unit.objects.filter(pk__in=ids)}

    def fits(self, text: str, person: Person) -> bool:
        chain = [self.names[int(part)] for part in person.unit.path.strip("/").split("/")]
        wanted = squeeze(text)
        full, short = "".join(n for n, _ in chain), "".join(s for _, s in chain)
        return wanted in squeeze(full) or wanted in squeeze(short)


def _label(people: Iterable[Person]) -> str:
    """The people's units in tree order, each once."""
    units = {p.unit.path: p.unit.name for p in people}
    return "、".join(units[path] for path in sorted(units))


def _narrow(row: SheetRow, found: list[Person], units: _Units, where: str) -> tuple[Person | None, str]:
    if row.unit and found:
        fitting = [p for p in found if units.fits(row.unit, p)]
        if not fitting:
            return None, f"{where}：“{row.name}”在名册中属于{_label(found)}，与所填单位“{row.unit}”不符"
        found = fitting
    if len(found) > 1:
        return (
            None,
            f"{where}：名册中有 {len(found)} 名“{row.name}”（{_label(found)}），请在“单位”列注明所在单位",
        )
    return (found[0], "") if found else (None, "")


def match_names(sheet: Sheet, people: Iterable[Person], *, scope: str) -> list[Match]:
    """A person for every row, or RosterError naming every row that has none (or a taken one).
    `scope` says where the names were looked for, e.g. "本次活动对象单位"."""
    roster = list(people)
    by_name: dict[str, list[Person]] = defaultdict(list)
    for cadre in roster:
        by_name[squeeze(cadre.name)].append(cadre)
    units = _Units(roster)
    matches: list[Match] = []
    errors: list[str] = []
    seen: dict[int, str] = {}
    for row in sheet.rows:
        where = row.where(sheet.blocks)
        found = by_name.get(row.name, [])
        if not found:
            errors.append(
                f"{where}：“{row.name}”不在{scope}的干部名册中（请核对姓名，或其是否已调离、未录入名册）"
            )
            continue
        person, error = _narrow(row, found, units, where)
        if person is None:
            errors.append(error)
        elif person.pk in seen:
            errors.append(f"{where}：“{row.name}”与{seen[person.pk]}是同一人，重复填写")
        else:
            seen[person.pk] = where
            matches.append(Match(row, person))
    if errors:
        raise RosterError(errors)
    return matches
