"""Which person each measure and each transfer for prosecution belongs to.

A measure belongs to the persons mentioned last before it: ``张某受到党内警告处分，李某受到诫勉``
gives 诫勉 to 李某; ``对张某、李某进行诫勉`` to both; ``其涉嫌犯罪问题被移送`` to whoever 其 is (the
person mentioned last). Before anyone is mentioned, the first person of the case is meant.
Unnamed persons (某局负责人) are found by their printed unit and post.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import measures
from .model import ParsedPerson

_JOINERS = frozenset({"、", "和", "及", "与"})


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    person: ParsedPerson


def _keys(person: ParsedPerson) -> list[str]:
    if person.name:
        return [person.name]
    return [k for k in (person.unit + person.position, person.unit) if k]


def _literal_starts(key: str, text: str) -> list[int]:
    """Non-overlapping starts of ``key`` in ``text``, as ``re.finditer(re.escape(key))`` gives
    them, without compiling a pattern per key (re's cache overflows on names)."""
    starts = []
    pos = text.find(key)
    while pos >= 0:
        starts.append(pos)
        pos = text.find(key, pos + len(key))
    return starts


def _mentions(text: str, persons: list[ParsedPerson]) -> list[_Mention]:
    """Every printed mention of a person, longest first where two overlap (王某 in 王某某)."""
    found: list[_Mention] = []
    for person in persons:
        for key in _keys(person):
            found.extend(_Mention(start, start + len(key), person) for start in _literal_starts(key, text))
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def owners(
    text: str, position: int, mentions: list[_Mention], persons: list[ParsedPerson]
) -> list[ParsedPerson]:
    """The persons a measure printed at ``position`` belongs to."""
    before = [m for m in mentions if m.end <= position]
    if not before:
        return persons[:1]
    group = [before[-1]]
    for mention in reversed(before[:-1]):
        if text[mention.end : group[-1].start] not in _JOINERS:
            break
        group.append(mention)
    found: list[ParsedPerson] = []
    for mention in reversed(group):
        if not any(p is mention.person for p in found):
            found.append(mention.person)
    return found


def attribute_measures(text: str, persons: list[ParsedPerson]) -> None:
    """Fill each person's 组织处理, 第一种形态 measures and transfer flag."""
    if not persons:
        return
    mentions = _mentions(text, persons)
    for measure in measures.measure_mentions(text):
        for person in owners(text, measure.start, mentions, persons):
            target = person.org_handling if measure.kind == "org" else person.first_form_measures
            if measure.label not in target:
                target.append(measure.label)
    for person in persons:
        specific = [x for x in person.org_handling if x != "组织处理"]
        if specific and "组织处理" in person.org_handling:
            person.org_handling.remove("组织处理")
    for position in measures.transfer_positions(text):
        for person in owners(text, position, mentions, persons):
            person.transferred = True
