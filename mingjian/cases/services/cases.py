"""Writing cases: from a confirmed 通报 import, in one transaction with its audit events.

paste / upload ──parse──> confirm forms (one per case found) ──import_cases──> Case rows
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mingjian.audit.services import record
from mingjian.cases.models import Case, CasePerson, ViolationType, date_errors
from mingjian.cases.permissions import can_record_case
from mingjian.org.models import Unit, User


@dataclass
class PersonRow:
    """One person (or 党组织) as confirmed; the lists hold the TextChoices values."""

    name: str
    position: str = ""
    unit_name: str = ""
    level: str = "unknown"
    is_organization: bool = False
    party_sanction: str = ""
    party_sanction_detail: str = ""
    govt_sanction: str = ""
    proposed_sanctions: str = ""
    first_form_measures: list[str] = field(default_factory=list)
    org_handling: list[str] = field(default_factory=list)
    accountability_methods: list[str] = field(default_factory=list)
    handling_note: str = ""
    transferred: bool = False
    form_override: int | None = None
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
    closed_on: date | None = None
    decided_on: date | None = None
    is_accountability: bool = False
    eight_point_rules: bool = False
    duty_crimes: list[str] = field(default_factory=list)
    other_measures: list[str] = field(default_factory=list)
    illicit_gains_yuan: Decimal | None = None
    loss_yuan: Decimal | None = None
    recovered_yuan: Decimal | None = None
    publicity: str = Case.Publicity.UNIT


# The Case columns a draft carries as they are (persons and conduct types become their own rows).
CASE_FIELDS = tuple(f.name for f in fields(CaseDraft) if f.name not in ("persons", "violation_types"))


@transaction.atomic
def import_cases(drafts: list[CaseDraft], *, by: User) -> list[Case]:
    """All or nothing: every draft's unit is checked before the first row is written, and a
    draft that breaks a rule (dates, controlled values) raises ValidationError with its reason."""
    if not drafts or any(not can_record_case(by, d.unit) for d in drafts):
        raise PermissionDenied
    return [_create(draft, by=by) for draft in drafts]


def _create(draft: CaseDraft, *, by: User) -> Case:
    errors = date_errors(draft.filed_on, draft.closed_on, draft.decided_on)
    if errors:
        raise ValidationError(errors)
    case = Case(
        **{name: getattr(draft, name) for name in CASE_FIELDS},
        transferred_to_prosecution=any(p.transferred for p in draft.persons),
        created_by=by,
    )
    case.full_clean(exclude=["violation_types"])
    case.save()
    case.violation_types.set(draft.violation_types)
    persons = [_person(case, i, row) for i, row in enumerate(draft.persons)]
    CasePerson.objects.bulk_create(persons)
    record(
        by,
        "cases.case.imported",
        case,
        persons=len(persons),
        publicity=draft.publicity,
        forms=[p.form for p in persons],
        accountability=draft.is_accountability,
    )
    return case


def _person(case: Case, order: int, row: PersonRow) -> CasePerson:
    person = CasePerson(case=case, sort_order=order, **vars(row))
    person.form_derived = person.derive_form()
    person.full_clean(exclude=["case", "person"])
    return person
