"""Orchestration: normalise, split, extract every field of a case."""

from __future__ import annotations

import re

from . import amounts, conduct, measures, names, posts, sanctions
from .level import cadre_level
from .model import ParsedNotice, ParsedPerson
from .normalize import normalize
from .split import CASE_LIKE_RE, split_cases

_NOTICE_HINT_RE = re.compile(
    r"违纪|违法|违规|违反|处分|开除|审查调查|纪律审查|监察调查|八项规定|组织处理|诫勉|问责|移送|免职|立案审查|通报批评|履职不力|失职"
)
_MIN_CHARS = 12


def is_notice(text: str) -> bool:
    """False for empty or unrelated text (no name-like subject and no discipline wording)."""
    return _looks_like_notice(normalize(text))


def _looks_like_notice(norm: str) -> bool:
    if len(norm) < _MIN_CHARS or not _NOTICE_HINT_RE.search(norm):
        return False
    return bool(CASE_LIKE_RE.search(norm) or names.name_candidates(norm))


def _persons(text: str) -> tuple[list[ParsedPerson], list[str]]:
    """The persons of a case and the unit/position words printed before each name."""
    persons = []
    spans = []
    found = tuple(names.main_names(text))
    for name in found:
        span = posts.pre_name_span(text, name, found)
        unit, position = posts.split_unit_position(span, text)
        persons.append(ParsedPerson(name=name, position=position, unit=unit))
        spans.append(span)
    return persons, spans


def _fill_who(notice: ParsedNotice, text: str) -> None:
    notice.persons, spans = _persons(text)
    if not notice.persons:
        notice.uncertain.add("person")
        return
    first = notice.persons[0]
    span = spans[0]
    units = [p.unit for p in notice.persons if p.unit]
    positions = [p.position for p in notice.persons if p.position]
    notice.unit = ";".join(dict.fromkeys(units))
    notice.position = ";".join(dict.fromkeys(positions))
    notice.level = cadre_level(first.unit, first.position, span)
    if notice.level == "unknown":
        notice.uncertain.add("level")


def _fill_outcome(notice: ParsedNotice, text: str) -> None:
    notice.uncertain |= sanctions.attribute_sanctions(text, notice.persons)
    party, detail, govt = sanctions.most_severe(notice.persons)
    if not notice.persons:
        dummy = ParsedPerson(name="")
        notice.uncertain |= sanctions.attribute_sanctions(text, [dummy])
        party, detail, govt = dummy.party_sanction, dummy.party_sanction_detail, dummy.govt_sanction
    notice.party_sanction, notice.party_sanction_detail, notice.govt_sanction = party, detail, govt
    if party:
        notice.uncertain.discard("party_sanction")
    if govt:
        notice.uncertain.discard("govt_sanction")
    notice.transferred_to_prosecution = measures.transferred(text)
    notice.org_handling = measures.org_handling(text)
    notice.other_measures = measures.other_measures(text)


def _fill_conduct(notice: ParsedNotice, text: str) -> None:
    notice.disciplines, notice.disciplines_source = conduct.disciplines(text)
    notice.eight_point_rules = conduct.eight_point_rules(text)
    notice.duty_crimes = conduct.duty_crimes(text)
    person_names = [p.name for p in notice.persons]
    notice.violations = conduct.violations(text, person_names, notice.duty_crimes)
    notice.amounts_all_yuan = amounts.find_amounts(text)
    notice.amount_yuan = amounts.misconduct_amount(text)
    if notice.amount_yuan is None and amounts.has_vague_amount(text):
        notice.uncertain.add("amount_yuan")


def parse_case(text: str) -> ParsedNotice:
    """Extract the fields of one case text (already normalised and split)."""
    notice = ParsedNotice(source_text=text)
    if not text.strip():
        notice.is_empty = True
        return notice
    _fill_who(notice, text)
    _fill_outcome(notice, text)
    _fill_conduct(notice, text)
    return notice


def parse_notices(text: str) -> list[ParsedNotice]:
    """One :class:`ParsedNotice` per case found (a numbered list gives several)."""
    norm = normalize(text)
    if not _looks_like_notice(norm):
        return []
    return [parse_case(case) for case in split_cases(norm)]


def parse_notice(text: str) -> ParsedNotice:
    """The whole text read as one case (the first case of a list)."""
    cases = parse_notices(text)
    if cases:
        return cases[0]
    empty = ParsedNotice(source_text=normalize(text), is_empty=True)
    empty.uncertain.update({"person", "level"})
    return empty
