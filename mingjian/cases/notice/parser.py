"""Orchestration: normalise, split, extract every field of a case."""

from __future__ import annotations

import itertools
import re

from . import accountability, amounts, attribution, conduct, measures, names, posts, sanctions
from .level import cadre_level, stated_level
from .model import ParsedNotice, ParsedPerson
from .normalize import normalize
from .sources import MAX_NOTICE_CHARS, NoticeSourceError
from .split import CASE_LIKE_RE, split_cases
from .unnamed import unnamed_persons

_NOTICE_HINT_RE = re.compile(
    r"违纪|违法|违规|违反|处分|开除|审查调查|纪律审查|监察调查|八项规定|组织处理|诫勉|问责|移送|免职|免去[^，。]{0,8}职务|立案审查|通报批评|履职不力|失职"
    r"|受贿|贪污|判处|有期徒刑|留置|纪律审查|免去|停职|立案调查|党政纪|除名|被查(?!获)|落马|接受(?:组织)?调查|双开"
    r"|查处|(?:严肃|依法|依规|从严|批评教育)处理|批评教育|擅离职守|擅自脱岗|通报曝光|落实[^，。]{0,12}不到位"
)
_MIN_CHARS = 12
_MIN_UNIT_CHARS = 2
WINDOW_CHARS = 6_000


class NoticeTooLongError(NoticeSourceError):
    """The text is longer than :data:`MAX_NOTICE_CHARS` (message in Chinese)."""


def check_length(text: str, limit: int = MAX_NOTICE_CHARS) -> None:
    """Raise :class:`NoticeTooLongError` for a text over ``limit`` characters."""
    if len(text) > limit:
        raise NoticeTooLongError(
            f"通报文本过长（{len(text):,} 字，上限 {limit:,} 字）。请只粘贴或上传通报正文，"
            "篇幅很长的汇编请分篇导入。"
        )


_LEVEL_ORDER = ("unknown", "other", "村干部", "乡科级", "县处级", "厅局级", "中管干部")


def is_notice(text: str) -> bool:
    """False for empty or unrelated text (no name-like subject and no discipline wording),
    and for a text over :data:`MAX_NOTICE_CHARS` (call :func:`check_length` to tell the user)."""
    if len(text) > MAX_NOTICE_CHARS:
        return False
    return _looks_like_notice(normalize(text))


def _looks_like_notice(norm: str) -> bool:
    if len(norm) < _MIN_CHARS or not _NOTICE_HINT_RE.search(norm):
        return False
    return bool(CASE_LIKE_RE.search(norm) or names.name_candidates(norm))


_ROLE_AFTER_RE = re.compile(r"(?:作为|身为|系|时任)(?P<span>[^，。；]{2,30})")


def windows(text: str, size: int = WINDOW_CHARS) -> list[str]:
    """``text`` cut at sentence ends into pieces of at most ``size`` characters.

    Who-and-what analysis compares names with each other inside a piece, so its cost is
    bounded by the piece: a long text costs time in proportion to its length.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = max(text.rfind("。", start, start + size), text.rfind("\n", start, start + size))
        end = cut + 1 if cut > start else start + size
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _persons(text: str) -> tuple[list[ParsedPerson], bool]:
    """The persons of a case, and whether any name was taken tentatively (see NameCandidate)."""
    persons = []
    tentative = False
    home: dict[str, str] = {}
    pieces = windows(text)
    for piece in pieces:
        for cand in names.main_candidates(piece):
            home.setdefault(cand.name, piece)
            tentative = tentative or cand.tentative
    found = tuple(home)
    removed = {name: rest for piece in pieces for name, rest in names.removal_posts(piece).items()}
    for name in found:
        piece = home[name]
        span = posts.pre_name_span(piece, name, found) or _role_after(piece, name) or removed.get(name, "")
        unit, position = posts.split_unit_position(span, piece)
        if not posts.is_unit_like(unit) and (apposition := posts.apposition_span(piece, name)):
            # 党总支书记王某 in passing, 王某，某村原党总支书记，… where the unit is printed
            span = apposition
            unit, position = posts.split_unit_position(span, piece)
        unit = unit or posts.unit_for_post(piece, position)
        person = ParsedPerson(name=name, position=position, unit=unit)
        person.level = stated_level(piece, name, unit, position, found) or cadre_level(unit, position, span)
        persons.append(person)
    _inherit_units(persons)
    return persons, tentative


_NOT_UNITS = frozenset({"分管", "时任分管", "原分管"})


def _inherit_units(persons: list[ParsedPerson]) -> None:
    """``分管副局长吴某`` after ``某局局长张某``: a post printed without a unit is in the unit of
    the person named before (so the level is read against that unit, not guessed)."""
    for before, person in itertools.pairwise(persons):
        if person.unit in _NOT_UNITS:  # 分管副局长 read as unit 分管 + post 副局长
            person.unit, person.position = "", person.unit + person.position
        if not person.unit and before.unit and person.position and posts.has_post(person.position):
            person.unit = before.unit
            person.level = cadre_level(person.unit, person.position, person.unit + person.position)


def _role_after(text: str, name: str) -> str:
    """``作为八家寨村党支部书记兼小组长，其负有…`` when no post is printed before the name."""
    for m in _ROLE_AFTER_RE.finditer(text, max(text.find(name), 0)):
        if posts.has_post(m.group("span")):
            return m.group("span")
    return ""


def _fill_who(notice: ParsedNotice, text: str) -> None:
    notice.persons, tentative = _persons(text)
    if tentative:
        notice.uncertain.add("person")
    unnamed = unnamed_persons(text, posts_too=not notice.persons)
    if not notice.persons and not unnamed:
        notice.uncertain.add("person")
        return
    if not notice.persons:
        notice.uncertain.add("person")  # nobody is named: the confirm page asks for names
    notice.persons.extend(unnamed)
    units = [p.unit for p in notice.persons if p.unit]
    positions = [p.position for p in notice.persons if p.position and p.named]
    notice.unit = ";".join(dict.fromkeys(units))
    notice.position = ";".join(dict.fromkeys(positions))
    named = [p for p in notice.persons if p.named]
    if named:
        # The first person whose level can be read: a person named first in passing (a
        # precedent, a witness) with no post printed does not make the case's level unknown.
        notice.level = next((p.level for p in named if p.level != "unknown"), "unknown")
    else:
        notice.level = max((p.level for p in unnamed), key=_LEVEL_ORDER.index)
    if notice.level == "unknown":
        notice.uncertain.add("level")


def _fill_outcome(notice: ParsedNotice, text: str) -> None:
    for piece in windows(text):
        notice.uncertain |= sanctions.attribute_sanctions(piece, notice.persons)
    party, detail, govt = sanctions.most_severe(notice.persons)
    if not notice.persons:
        dummy = ParsedPerson(name="")
        notice.uncertain |= sanctions.attribute_sanctions(text, [dummy])
        party, detail, govt = dummy.party_sanction, dummy.party_sanction_detail, dummy.govt_sanction
    notice.party_sanction, notice.party_sanction_detail, notice.govt_sanction = party, detail, govt
    notice.proposed_sanctions = list(dict.fromkeys(s for p in notice.persons for s in p.proposed_sanctions))
    if party:
        notice.uncertain.discard("party_sanction")
    if govt:
        notice.uncertain.discard("govt_sanction")
    notice.transferred_to_prosecution = measures.transferred(text)
    notice.org_handling = measures.org_handling(text)
    notice.first_form_measures = measures.first_form_measures(text)
    notice.other_measures = measures.other_measures(text)
    attribution.attribute_measures(text, notice.persons)
    _fill_accountability(notice, text)


def _fill_accountability(notice: ParsedNotice, text: str) -> None:
    notice.accountability_source = accountability.accountability(text)
    notice.is_accountability = bool(notice.accountability_source)
    if notice.accountability_source == "inferred":
        notice.uncertain.add("is_accountability")
    if notice.is_accountability:
        notice.organizations = accountability.organizations(text)
        for person in notice.persons:
            person.accountability_methods = accountability.person_methods(person)


def _fill_conduct(notice: ParsedNotice, text: str) -> None:
    notice.disciplines, notice.disciplines_source = conduct.disciplines(text)
    notice.disciplines_inferred = conduct.inferred_marks(text)
    notice.eight_point_rules = conduct.eight_point_rules(text)
    notice.duty_crimes = conduct.duty_crimes(text)
    person_names = [p.name for p in notice.persons]
    notice.violations = conduct.violations(text, person_names, notice.duty_crimes)
    notice.amounts_all_yuan = amounts.find_amounts(text)
    notice.amount_yuan = amounts.misconduct_amount(text)
    if notice.amount_yuan is None and amounts.has_vague_amount(text):
        notice.uncertain.add("amount_yuan")
    money = amounts.money_by_kind(text)
    notice.illicit_gains_yuan, notice.loss_yuan, notice.recovered_yuan = (
        money.gains,
        money.loss,
        money.recovered,
    )
    notice.uncertain |= money.uncertain


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
    """One :class:`ParsedNotice` per case found (a numbered list gives several).

    Raises :class:`NoticeTooLongError` for a text over :data:`MAX_NOTICE_CHARS`.
    """
    check_length(text)
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
