"""From the parser's reading of a 通报 to the confirm form's initial values.

The parser works on text alone; this module ties its strings to our records: the unit name to
a Unit the clerk may record cases for, free-text conduct to the violation vocabulary, sanction
and measure words to stored values. Anything it cannot tie is left blank and flagged for the
clerk; a person the notice does not name gets no name (the clerk types it)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from mingjian.cases.models import (
    DISCIPLINE_BY_LABEL,
    LEVEL_BY_LABEL,
    AccountabilityMethod,
    FirstFormMeasure,
    GovtSanction,
    OrgHandling,
    PartySanction,
    ViolationType,
    derive_form,
)
from mingjian.cases.notice import ParsedNotice, ParsedPerson
from mingjian.cases.notice.model import ParsedOrganization
from mingjian.cases.services import PersonRow
from mingjian.org.models import Unit

PARTY_BY_LABEL = {label: value for value, label in PartySanction.choices}
GOVT_BY_LABEL = {label: value for value, label in GovtSanction.choices}
FIRST_FORM_BY_LABEL = {label: value for value, label in FirstFormMeasure.choices}
ACCOUNTABILITY_BY_LABEL = {label: value for value, label in AccountabilityMethod.choices}
ORG_BY_LABEL = {
    "停职检查": OrgHandling.SUSPENSION,
    "调整职务": OrgHandling.REASSIGNMENT,
    "调离": OrgHandling.REASSIGNMENT,
    "责令辞职": OrgHandling.ORDERED_RESIGNATION,
    "免职": OrgHandling.REMOVAL,
    "降职": OrgHandling.DEMOTION,
    "组织处理": OrgHandling.UNSPECIFIED,
}
LIST_SEPARATOR = "、"
# Parser money keys → form fields, and the parser's "no figure for 数额巨大" doubt.
MONEY_KEYS = ("illicit_gains_yuan", "loss_yuan", "recovered_yuan")


def match_unit(name: str, candidates: Iterable[Unit]) -> Unit | None:
    """The candidate whose name the 通报's unit string mentions: the deepest, then the longest."""
    if not name:
        return None
    hits = [u for u in candidates if u.name in name or (u.short_name and u.short_name in name)]
    return max(hits, key=lambda u: (u.depth, len(u.name))) if hits else None


def match_violations(
    labels: list[str], text: str, vocabulary: Iterable[ViolationType]
) -> list[ViolationType]:
    haystack = "；".join(labels) or text
    return [v for v in vocabulary if any(k and k in haystack for k in v.keywords.split("|"))]


def org_values(labels: list[str]) -> tuple[list[str], str]:
    """(组织处理 values, note): 调离纪检监察队伍 is 调整职务 with its words kept; 引咎辞职 is words only."""
    values: list[str] = []
    notes: list[str] = []
    for label in labels:
        value = ORG_BY_LABEL.get("调离" if label.startswith("调离") else label)
        if value and value not in values:
            values.append(value)
        if value is None or label.startswith("调离"):
            notes.append(label)
    return values, LIST_SEPARATOR.join(notes)


def _person_initial(p: ParsedPerson, parsed: ParsedNotice) -> dict[str, Any]:
    org, note = org_values(p.org_handling)
    row: dict[str, Any] = {
        "name": p.name,
        "unit_name": p.unit,
        "position": p.position,
        "level": LEVEL_BY_LABEL.get(p.level, "unknown"),
        "party_sanction": PARTY_BY_LABEL.get(p.party_sanction or "", ""),
        "party_sanction_detail": p.party_sanction_detail,
        "govt_sanction": GOVT_BY_LABEL.get(p.govt_sanction or "", ""),
        "proposed_sanctions": LIST_SEPARATOR.join(p.proposed_sanctions),
        "first_form_measures": [FIRST_FORM_BY_LABEL[x] for x in p.first_form_measures],
        "org_handling": org,
        "handling_note": note,
        "accountability_methods": [ACCOUNTABILITY_BY_LABEL[x] for x in p.accountability_methods],
        "transferred": p.transferred,
    }
    row["flags"] = _person_flags(row, parsed)
    return row


def _person_flags(row: dict[str, Any], parsed: ParsedNotice) -> set[str]:
    flags = set()
    if not row["name"]:
        flags.add("name")  # the notice names no one: ask, never invent
    if row["level"] == "unknown":
        flags.add("level")
    for key in ("party_sanction", "govt_sanction"):
        if (key in parsed.uncertain or row["proposed_sanctions"]) and not row[key]:
            flags.add(key)
    if row["proposed_sanctions"]:
        flags.add("proposed_sanctions")
    if derive_form(**{k: row[k] for k in _FORM_INPUTS}) is None:
        flags.add("form_override")
    return flags


_FORM_INPUTS = (
    "party_sanction",
    "govt_sanction",
    "first_form_measures",
    "org_handling",
    "accountability_methods",
    "transferred",
)


def _organization_initial(o: ParsedOrganization) -> dict[str, Any]:
    return {
        "name": o.name,
        "is_organization": True,
        "accountability_methods": [ACCOUNTABILITY_BY_LABEL[x] for x in o.accountability_methods],
        "flags": set(),
    }


def persons_initial(parsed: ParsedNotice) -> list[dict[str, Any]]:
    return [_person_initial(p, parsed) for p in parsed.persons] + [
        _organization_initial(o) for o in parsed.organizations
    ]


def person_rows(persons: list[dict[str, Any]]) -> list[PersonRow]:
    """The rows as the import service takes them (flags dropped)."""
    names = set(PersonRow.__dataclass_fields__)
    return [PersonRow(**{k: v for k, v in p.items() if k in names}) for p in persons]


def _money(value: float | None) -> Decimal | None:
    """20000.0 → 20000 (the form shows no trailing .0), 1234.5 → 1234.5."""
    if value is None:
        return None
    return Decimal(round(value)) if value == round(value) else Decimal(str(round(value, 2)))


def _title(parsed: ParsedNotice) -> str:
    """单位 + 职务 + 姓名 of the first person, then the conduct: 市民政局原科长孙某违规审批低保问题."""
    conduct = parsed.violations[0] if parsed.violations else "违纪违法"
    if not parsed.persons:
        return f"{parsed.unit}{conduct}问题"[:200]
    first = parsed.persons[0]
    who = first.unit + first.position.split("、")[0] + first.name
    return f"{who}{conduct}问题"[:200]


def initial_from(parsed: ParsedNotice, units: list[Unit], vocabulary: list[ViolationType]) -> dict[str, Any]:
    unit = match_unit(parsed.unit, units)
    return {
        "title": _title(parsed),
        "unit": unit.pk if unit else None,
        "notice_text": parsed.source_text,
        "persons": persons_initial(parsed),
        "violation_types": [
            v.pk for v in match_violations(parsed.violations, parsed.source_text, vocabulary)
        ],
        "inferred_disciplines": LIST_SEPARATOR.join(
            DISCIPLINE_BY_LABEL[d] for d in parsed.disciplines_inferred if d in DISCIPLINE_BY_LABEL
        ),
        "keep_inferred": [
            DISCIPLINE_BY_LABEL[d] for d in parsed.disciplines_inferred if d in DISCIPLINE_BY_LABEL
        ],
        "violation_notes": "\n".join(parsed.violations),
        "eight_point_rules": parsed.eight_point_rules,
        "is_accountability": parsed.is_accountability,
        "duty_crimes": LIST_SEPARATOR.join(parsed.duty_crimes),
        "other_measures": LIST_SEPARATOR.join(parsed.other_measures),
        **{key: _money(getattr(parsed, key)) for key in MONEY_KEYS},
        "amounts_found": parsed.amounts_all_yuan,
    }


def flags_for(parsed: ParsedNotice, initial: dict[str, Any]) -> set[str]:
    """Case fields the clerk must check: the parser's own doubts plus what we could not tie."""
    flags = {key for key in parsed.uncertain if key in MONEY_KEYS}
    if initial["unit"] is None:
        flags.add("unit")
    if not parsed.persons:
        flags.add("persons")
    if parsed.disciplines_inferred:
        flags.add("keep_inferred")
    if "is_accountability" in parsed.uncertain:
        flags.add("is_accountability")
    if "amount_yuan" in parsed.uncertain:
        flags.add("illicit_gains_yuan")  # 数额巨大 without a figure
    return flags
