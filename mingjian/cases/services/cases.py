"""Writing cases: from a confirmed 通报 import, in one transaction with its audit events.

paste / upload ──parse──> confirm forms (one per case found) ──import_cases──> Case rows
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from mingjian.audit.services import record
from mingjian.cases.models import Case, CasePerson, ViolationType
from mingjian.cases.permissions import can_record_case
from mingjian.org.models import Unit, User


@dataclass
class PersonRow:
    name: str
    position: str = ""
    level: str = "unknown"
    party_sanction: str = ""
    party_sanction_detail: str = ""
    govt_sanction: str = ""
    is_retired: bool = False


@dataclass
class CaseDraft:
    """One confirmed case, as the clerk left it on the confirm page."""

    title: str
    unit: Unit
    notice_text: str
    persons: list[PersonRow]
    violation_types: list[ViolationType] = field(default_factory=list)
    violation_notes: str = ""
    notice_source: str = ""
    notice_date: date | None = None
    filed_on: date | None = None
    decided_on: date | None = None
    eight_point_rules: bool = False
    duty_crimes: list[str] = field(default_factory=list)
    org_handling: list[str] = field(default_factory=list)
    other_measures: list[str] = field(default_factory=list)
    transferred_to_prosecution: bool = False
    amount_yuan: Decimal | None = None
    publicity: str = Case.Publicity.UNIT


# The Case columns a draft carries as they are (persons and conduct types become their own rows).
CASE_FIELDS = tuple(f.name for f in fields(CaseDraft) if f.name not in ("persons", "violation_types"))


@transaction.atomic
def import_cases(drafts: list[CaseDraft], *, by: User) -> list[Case]:
    """All or nothing: every draft's unit is checked before the first row is written."""
    if not drafts or any(not can_record_case(by, d.unit) for d in drafts):
        raise PermissionDenied
    return [_create(draft, by=by) for draft in drafts]


def _create(draft: CaseDraft, *, by: User) -> Case:
    case = Case.objects.create(**{name: getattr(draft, name) for name in CASE_FIELDS}, created_by=by)
    case.violation_types.set(draft.violation_types)
    CasePerson.objects.bulk_create(
        CasePerson(case=case, sort_order=i, **vars(p)) for i, p in enumerate(draft.persons)
    )
    record(by, "cases.case.imported", case, persons=len(draft.persons), publicity=draft.publicity)
    return case
