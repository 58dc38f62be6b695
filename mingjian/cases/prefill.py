"""From the parser's reading of a 通报 to the confirm form's initial values.

The parser works on text alone; this module ties its strings to our records: the unit name to
a Unit the clerk may record cases for, free-text conduct to the violation vocabulary, sanction
words to stored values. Anything it cannot tie is left blank and flagged for the clerk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mingjian.cases.models import LEVEL_BY_LABEL, GovtSanction, PartySanction, ViolationType
from mingjian.cases.notice import ParsedNotice
from mingjian.org.models import Unit

PARTY_BY_LABEL = {label: value for value, label in PartySanction.choices}
GOVT_BY_LABEL = {label: value for value, label in GovtSanction.choices}
LIST_SEPARATOR = "、"


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


def person_lines(parsed: ParsedNotice) -> str:
    """One line per person: 姓名，职务，党纪处分，政务处分 (the confirm form's format)."""
    rows = []
    for p in parsed.persons:
        party = p.party_sanction_detail or p.party_sanction or ""  # 留党察看一年 keeps its duration
        rows.append("，".join([p.name, p.position or "", party, p.govt_sanction or ""]))
    return "\n".join(rows)


def initial_from(parsed: ParsedNotice, units: list[Unit], vocabulary: list[ViolationType]) -> dict[str, Any]:
    unit = match_unit(parsed.unit, units)
    first_name = parsed.persons[0].name if parsed.persons else ""
    conduct = parsed.violations[0] if parsed.violations else "违纪违法"
    return {
        "title": f"{parsed.unit}{parsed.position.split('、')[0] if parsed.position else ''}{first_name}{conduct}问题"[
            :200
        ],
        "unit": unit.pk if unit else None,
        "notice_text": parsed.source_text,
        "persons_text": person_lines(parsed),
        "level": LEVEL_BY_LABEL.get(parsed.level, "unknown"),
        "violation_types": [
            v.pk for v in match_violations(parsed.violations, parsed.source_text, vocabulary)
        ],
        "violation_notes": "\n".join(parsed.violations),
        "eight_point_rules": parsed.eight_point_rules,
        "duty_crimes": LIST_SEPARATOR.join(parsed.duty_crimes),
        "org_handling": LIST_SEPARATOR.join(parsed.org_handling),
        "other_measures": LIST_SEPARATOR.join(parsed.other_measures),
        "transferred_to_prosecution": parsed.transferred_to_prosecution,
        "amount_yuan": parsed.amount_yuan,
    }


def flags_for(parsed: ParsedNotice, initial: dict[str, Any]) -> set[str]:
    """Fields the clerk must check: the parser's own doubts plus what we could not tie."""
    flags = set(parsed.uncertain)
    if initial["unit"] is None:
        flags.add("unit")
    if not parsed.persons:
        flags.add("persons_text")
    return flags
